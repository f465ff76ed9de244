import i18next, { type TFunction } from 'i18next';
import en from './messages/en.json';
import zhTW from './messages/zh-TW.json';

export const locales = ['zh-TW', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Taiwan first: a visitor without a `lang` cookie gets zh-TW, whatever Accept-Language says. */
export const defaultLocale: Locale = 'zh-TW';

/** Cookie set by the language switch (`POST /lang`). */
export const localeCookie = 'lang';

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

/** BCP 47 tag for `<html lang>`: Traditional Chinese script, Taiwan. */
export function htmlLang(locale: Locale): string {
  return locale === 'zh-TW' ? 'zh-Hant-TW' : 'en';
}
