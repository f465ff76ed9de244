import i18next, { type TFunction } from 'i18next';
import en from './messages/en.json';
import zhTW from './messages/zh-TW.json';

export const locales = ['zh-TW', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Taiwan first: zh-TW lives at the plain paths, English under `/en`. */
export const defaultLocale: Locale = 'zh-TW';

/**
 * Cookie set by the language switch (`POST /lang`) and by the first-visit redirect. It decides the
 * admin console's language; storefront pages take theirs from the path.
 */
export const localeCookie = 'lang';

const englishPrefix = '/en';

/**
 * Paths that are the same in both languages: the API, media, robots.txt and the sitemaps, the
 * language switch and the admin console (a staff tool nobody searches for, whose language follows
 * the `lang` cookie).
 */
const neutralPaths = ['/api', '/media', '/lang', '/admin', '/_app'];

function isNeutral(path: string): boolean {
  if (path === '/robots.txt' || /^\/sitemap[\w-]*\.xml$/.test(path)) return true;
  return neutralPaths.some((p) => path === p || path.startsWith(`${p}/`));
}

function isEnglishPath(pathname: string): boolean {
  return pathname === englishPrefix || pathname.startsWith(`${englishPrefix}/`);
}

/** The language a storefront path is in: `/en/…` is English, everything else zh-TW. */
export function localeOfPath(pathname: string): Locale {
  return isEnglishPath(pathname) ? 'en' : defaultLocale;
}

/** The path without its language prefix: `/en/products` → `/products`, `/en` → `/`. */
export function delocalizePath(pathname: string): string {
  if (!isEnglishPath(pathname)) return pathname;
  return pathname.slice(englishPrefix.length) || '/';
}

/** Whether a path (with or without `/en`) takes its language from the cookie, not the path. */
export function isLocaleNeutralPath(pathname: string): boolean {
  return isNeutral(delocalizePath(pathname));
}

/**
 * The one way to build a link to a page of the site: `href` is a site path in either language
 * (`/products?category=tops`, `/en/account`), the answer the same page in `locale`. Anything else
 * (`?/action`, `#top`, `https://…`, `//…`) and language-neutral paths (`/api`, `/admin`, …) pass as they are.
 */
export function localizeHref(href: string, locale: Locale): string {
  if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/\\')) return href;
  const cut = href.search(/[?#]/);
  const pathname = cut === -1 ? href : href.slice(0, cut);
  const rest = cut === -1 ? '' : href.slice(cut);
  const path = delocalizePath(pathname);
  if (locale === defaultLocale || isNeutral(path)) return `${path}${rest}`;
  return `${path === '/' ? englishPrefix : `${englishPrefix}${path}`}${rest}`;
}

export const resources = {
  'zh-TW': { translation: zhTW },
  en: { translation: en },
} as const;

// One shared, immutable instance. Its "current language" is never changed after init:
// every caller takes a fixed `t` for an explicit locale, so concurrent requests cannot leak
// their language into each other.
const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: defaultLocale,
  fallbackLng: defaultLocale,
  supportedLngs: [...locales],
  initAsync: false, // resources are bundled, so init completes synchronously
  interpolation: { escapeValue: false }, // Svelte escapes text when rendering
  returnNull: false,
  showSupportNotice: false,
});

export type Translate = TFunction<'translation'>;

export function getTranslator(locale: Locale): Translate {
  return instance.getFixedT(locale);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The same page in every language, as absolute URLs for `<link rel="alternate" hreflang>`:
 * zh-TW (also `x-default`, the address a visitor without a choice lands on) and English.
 */
export function alternateUrls(publicUrl: string, href: string): { hreflang: string; href: string }[] {
  const zh = `${publicUrl}${localizeHref(href, 'zh-TW')}`;
  return [
    { hreflang: htmlLang('zh-TW'), href: zh },
    { hreflang: htmlLang('en'), href: `${publicUrl}${localizeHref(href, 'en')}` },
    { hreflang: 'x-default', href: zh },
  ];
}

/** BCP 47 tag for `<html lang>`: Traditional Chinese script, Taiwan. */
export function htmlLang(locale: Locale): string {
  return locale === 'zh-TW' ? 'zh-Hant-TW' : 'en';
}
