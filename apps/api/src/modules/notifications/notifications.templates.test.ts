import { describe, expect, it } from 'vitest';
import { escapeHtml, renderEmail, templateNames, type TemplateName } from './notifications.templates.js';

const link = 'https://shop.example.tw/verify-email?token=abc123&next=%2Faccount';
const paramsFor = (template: TemplateName): Record<string, string> =>
  template === 'password_changed' ? { displayName: '王小明' } : { displayName: '王小明', link };

describe('renderEmail', () => {
  it.each([
    ['verify_email', 'zh-TW', '【好物小舖】請驗證您的電子郵件地址', '驗證電子郵件'],
    ['verify_email', 'en', 'Verify your email for Goodies Shop', 'Verify email'],
    ['reset_password', 'zh-TW', '【好物小舖】重設密碼', '重設密碼'],
    ['reset_password', 'en', 'Reset your Goodies Shop password', 'Reset password'],
    ['password_changed', 'zh-TW', '【好物小舖】您的密碼已變更', '忘記密碼'],
    ['password_changed', 'en', 'Your Goodies Shop password was changed', 'Forgot password'],
  ] as const)('%s in %s has its subject, greeting and copy in both parts', (template, locale, subject, phrase) => {
    const mail = renderEmail({ template, locale, params: paramsFor(template) });

    expect(mail.locale).toBe(locale);
    expect(mail.subject).toBe(subject);
    const greeting = locale === 'zh-TW' ? '王小明 您好：' : 'Hi 王小明,';
    expect(mail.text.startsWith(greeting)).toBe(true);
    expect(mail.html).toContain(greeting);
    expect(mail.text).toContain(phrase);
    expect(mail.html).toContain(escapeHtml(phrase));
    expect(mail.text).toContain(locale === 'zh-TW' ? '好物小舖 敬上' : 'The Goodies Shop team');
    expect(mail.html).toContain(`<html lang="${locale === 'zh-TW' ? 'zh-Hant-TW' : 'en'}">`);
  });

  it.each(['verify_email', 'reset_password'] as const)(
    '%s puts the link in the text and as a button plus the plain URL in the html',
    (template) => {
      for (const locale of ['zh-TW', 'en']) {
        const mail = renderEmail({ template, locale, params: { displayName: 'Amy', link } });

        // The text part has the URL on a line of its own, untouched, so mail clients make it clickable.
        expect(mail.text.split('\n')).toContain(link);
        const escaped = escapeHtml(link);
        expect(escaped).toContain('&amp;next=');
        // Button and the visible fallback URL both point at the link.
        expect(mail.html.match(new RegExp(`href="${escaped.replace(/[.?]/g, '\\$&')}"`, 'g'))).toHaveLength(2);
        expect(mail.html).toContain(`>${escaped}</a>`);
        expect(mail.html).toMatch(/<a href="[^"]+" style="display:inline-block;[^"]*">/);
      }
    },
  );

  it('draws the shop name and the button in the shop’s teal, with white text on the button', () => {
    const mail = renderEmail({ template: 'reset_password', locale: 'zh-TW', params: { displayName: 'Amy', link } });
    const colours = [...mail.html.matchAll(/(?:background|color):(#[0-9a-f]{6})/g)].map((m) => m[1]);
    expect(colours).toContain('#0f766e');
    // No orange (the old accent) anywhere in the mail.
    expect(colours.filter((c) => c === '#b45309' || c === '#c2410c')).toEqual([]);
  });

  it('has no link in password_changed', () => {
    const mail = renderEmail({ template: 'password_changed', locale: 'en', params: { displayName: 'Amy', link } });
    expect(mail.text).not.toContain('http');
    expect(mail.html).not.toContain('<a ');
  });

  it('escapes every param in the html and keeps the text verbatim', () => {
    const displayName = `<script>alert("x")</script> & 'O'Brien'`;
    const hostileLink = 'https://evil.example/?q="><img src=x onerror=alert(1)>';
    for (const template of templateNames) {
      const mail = renderEmail({ template, locale: 'en', params: { displayName, link: hostileLink } });

      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;O&#39;Brien&#39;');
      expect(mail.text).toContain(displayName);
    }
  });

  it('greets without a name when the display name is blank', () => {
    expect(renderEmail({ template: 'password_changed', locale: 'zh-TW', params: { displayName: '  ' } }).text).toMatch(/^您好：\n/);
    expect(renderEmail({ template: 'password_changed', locale: 'en', params: { displayName: '' } }).text).toMatch(/^Hi,\n/);
  });

  it.each(['fr', 'zh-CN', '', 'EN'])('writes in zh-TW when the locale is %j', (locale) => {
    const mail = renderEmail({ template: 'verify_email', locale, params: { displayName: 'Amy', link } });
    expect(mail.locale).toBe('zh-TW');
    expect(mail.subject).toBe('【好物小舖】請驗證您的電子郵件地址');
  });

  it.each([
    ['a missing link', 'verify_email', { displayName: 'Amy' }],
    ['a javascript: link', 'reset_password', { displayName: 'Amy', link: 'javascript:alert(1)' }],
    ['a link that is no URL', 'verify_email', { displayName: 'Amy', link: 'not a url' }],
    ['a missing display name', 'password_changed', {}],
  ] as const)('refuses %s', (_what, template, params) => {
    expect(() => renderEmail({ template, locale: 'en', params })).toThrow();
  });
});
