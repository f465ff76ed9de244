// Basic attribute values as stored: text is a string (zh-TW only) or both languages
// (`{ "zh-TW": "棉", "en": "Cotton" }`); numbers and booleans are themselves.
import type { Translations } from './catalog.tables.js';

export type BasicAttributeValue = string | number | boolean | Translations;

const isTranslations = (v: BasicAttributeValue): v is Translations => typeof v === 'object' && v !== null;

/** The value a shopper reads: English when asked for and present, else zh-TW. */
export function attributeText(value: BasicAttributeValue, locale: 'zh-TW' | 'en'): string {
  if (!isTranslations(value)) return String(value);
  return locale === 'en' && value.en ? value.en : value['zh-TW'];
}

/** The value filters and facets use (`code:value`): the zh-TW text of a translated value. */
export const attributeKey = (value: BasicAttributeValue): string => (isTranslations(value) ? value['zh-TW'] : String(value));

/** Every text of the value, for the search document. */
export const attributeTexts = (value: BasicAttributeValue): string[] =>
  isTranslations(value) ? [value['zh-TW'], value.en ?? ''].filter(Boolean) : [String(value)];
