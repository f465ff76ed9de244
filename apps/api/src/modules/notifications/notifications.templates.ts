import { z } from 'zod';

/** Locales a mail can be written in. Anything else falls back to the shop's default, zh-TW. */
export const emailLocales = ['zh-TW', 'en'] as const;
export type EmailLocale = (typeof emailLocales)[number];

export const templateNames = ['verify_email', 'reset_password', 'password_changed'] as const;
export type TemplateName = (typeof templateNames)[number];

/** Only http(s) links: a `javascript:` or `data:` URL must never become a button in a mail. */
const link = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);
const displayName = z.string().max(200);

/** The params each template needs. Extra params are ignored. */
export const templateParams = {
  verify_email: z.object({ displayName, link }),
  reset_password: z.object({ displayName, link }),
  password_changed: z.object({ displayName }),
} satisfies Record<TemplateName, z.ZodType>;

export type TemplateParams = { [T in TemplateName]: z.infer<(typeof templateParams)[T]> };

export interface RenderedEmail {
  /** The locale the mail was actually written in (after fallback). */
  locale: EmailLocale;
  subject: string;
  text: string;
  html: string;
}

export function resolveLocale(locale: string): EmailLocale {
  return (emailLocales as readonly string[]).includes(locale) ? (locale as EmailLocale) : 'zh-TW';
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** What a template says, before greeting, signature and layout: plain-text paragraphs, at most one call to action. */
interface Body {
  subject: string;
  intro: string[];
  action?: { label: string; url: string };
  outro: string[];
}

interface Copy extends Body {
  greeting: string;
  signature: string;
}

interface LocaleStrings {
  shopName: string;
  htmlLang: string;
  greeting(displayName: string): string;
  signature: string;
  fallbackHint: string;
  /** Ends the call-to-action label in the plain-text part, before the URL on its own line. */
  colon: string;
  verify_email(p: TemplateParams['verify_email']): Body;
  reset_password(p: TemplateParams['reset_password']): Body;
  password_changed(p: TemplateParams['password_changed']): Body;
}

const strings: Record<EmailLocale, LocaleStrings> = {
  'zh-TW': {
    shopName: '好物小舖',
    htmlLang: 'zh-Hant-TW',
    greeting: (name) => (name.trim() ? `${name.trim()} 您好：` : '您好：'),
    signature: '好物小舖 敬上',
    fallbackHint: '如果按鈕無法點選，請將下面的網址複製到瀏覽器開啟：',
    colon: '：',
    verify_email: (p) => ({
      subject: '【好物小舖】請驗證您的電子郵件地址',
      intro: ['感謝您註冊好物小舖會員！請點選下方按鈕，完成電子郵件地址驗證。'],
      action: { label: '驗證電子郵件', url: p.link },
      outro: ['如果您沒有註冊好物小舖，請直接忽略這封信。'],
    }),
    reset_password: (p) => ({
      subject: '【好物小舖】重設密碼',
      intro: ['我們收到了重設您帳號密碼的申請。請點選下方按鈕設定新密碼。'],
      action: { label: '重設密碼', url: p.link },
      outro: ['如果您沒有申請重設密碼，請忽略這封信，您的密碼不會有任何變更。'],
    }),
    password_changed: () => ({
      subject: '【好物小舖】您的密碼已變更',
      intro: ['您的好物小舖帳號密碼剛剛已經變更成功。'],
      outro: ['如果是您本人操作，就不需要再做任何事。', '如果您沒有變更密碼，請立即使用「忘記密碼」重新設定，並與我們的客服聯絡。'],
    }),
  },
  en: {
    shopName: 'Goodies Shop',
    htmlLang: 'en',
    greeting: (name) => (name.trim() ? `Hi ${name.trim()},` : 'Hi,'),
    signature: 'The Goodies Shop team',
    fallbackHint: 'If the button does not work, copy this address into your browser:',
    colon: ':',
    verify_email: (p) => ({
      subject: 'Verify your email for Goodies Shop',
      intro: ['Thanks for signing up at Goodies Shop! Please confirm your email address with the button below.'],
      action: { label: 'Verify email', url: p.link },
      outro: ['If you did not sign up at Goodies Shop, you can ignore this email.'],
    }),
    reset_password: (p) => ({
      subject: 'Reset your Goodies Shop password',
      intro: ['We received a request to reset the password of your account. Choose a new one with the button below.'],
      action: { label: 'Reset password', url: p.link },
      outro: ['If you did not ask for this, ignore this email: your password stays the same.'],
    }),
    password_changed: () => ({
      subject: 'Your Goodies Shop password was changed',
      intro: ['The password of your Goodies Shop account was just changed.'],
      outro: [
        'If this was you, there is nothing else to do.',
        'If it was not you, reset your password right away with "Forgot password" and contact our support.',
      ],
    }),
  },
};

function composeText(c: Copy, s: LocaleStrings): string {
  const parts = [c.greeting, '', ...c.intro.flatMap((p) => [p, ''])];
  if (c.action) parts.push(`${c.action.label}${s.colon}`, c.action.url, '');
  parts.push(...c.outro.flatMap((p) => [p, '']), c.signature);
  return `${parts.join('\n')}\n`;
}

function composeHtml(c: Copy, s: LocaleStrings): string {
  const p = (t: string) => `<p style="margin:0 0 16px">${escapeHtml(t)}</p>`;
  const action = c.action
    ? [
        `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="display:inline-block;padding:12px 24px;background:#0f766e;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">${escapeHtml(c.action.label)}</a></p>`,
        `<p style="margin:0 0 16px;font-size:13px;color:#555555">${escapeHtml(s.fallbackHint)}<br><a href="${escapeHtml(c.action.url)}" style="color:#0f766e;word-break:break-all">${escapeHtml(c.action.url)}</a></p>`,
      ].join('\n')
    : '';
  return [
    '<!doctype html>',
    `<html lang="${s.htmlLang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(c.subject)}</title></head>`,
    "<body style=\"margin:0;padding:24px;background:#f6f4f0;font-family:-apple-system,'PingFang TC','Noto Sans TC','Microsoft JhengHei',Arial,sans-serif;color:#222222;line-height:1.6\">",
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">',
    `<p style="margin:0 0 24px;font-size:20px;font-weight:bold;color:#0f766e">${escapeHtml(s.shopName)}</p>`,
    p(c.greeting),
    ...c.intro.map(p),
    action,
    ...c.outro.map(p),
    p(c.signature),
    '</div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Renders one mail. Pure. Throws a ZodError when `params` lack what the template needs (or the
 * link is not http(s)). Every param is HTML-escaped in `html`; `text` carries them verbatim.
 */
export function renderEmail(input: { template: TemplateName; locale: string; params: Record<string, string> }): RenderedEmail {
  const locale = resolveLocale(input.locale);
  const s = strings[locale];
  let body: Body;
  let name: string;
  switch (input.template) {
    case 'verify_email': {
      const params = templateParams.verify_email.parse(input.params);
      body = s.verify_email(params);
      name = params.displayName;
      break;
    }
    case 'reset_password': {
      const params = templateParams.reset_password.parse(input.params);
      body = s.reset_password(params);
      name = params.displayName;
      break;
    }
    case 'password_changed': {
      const params = templateParams.password_changed.parse(input.params);
      body = s.password_changed(params);
      name = params.displayName;
      break;
    }
  }
  const copy: Copy = { ...body, greeting: s.greeting(name), signature: s.signature };
  return { locale, subject: copy.subject, text: composeText(copy, s), html: composeHtml(copy, s) };
}
