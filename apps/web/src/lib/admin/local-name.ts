import type { Locale } from '$lib/i18n';

/** A name kept in zh-TW and optionally English, in the page's language (English falls back to zh-TW). */
export function localName(name: { 'zh-TW': string; en?: string | undefined }, locale: Locale): string {
  return locale === 'en' && name.en ? name.en : name['zh-TW'];
}
