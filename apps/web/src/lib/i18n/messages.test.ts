import { describe, expect, it } from 'vitest';
import { getTranslator, htmlLang, isLocale } from './index';
import en from './messages/en.json';
import zhTW from './messages/zh-TW.json';

type Messages = { [key: string]: string | Messages };

/** Flattens nested messages into `a.b.c` → text. */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message files', () => {
  const zh = flatten(zhTW);
  const english = flatten(en);

  it('have exactly the same keys in zh-TW and en', () => {
    expect([...english.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...zh, ...english]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same {{placeholders}} in both languages', () => {
    for (const [key, text] of zh) expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text));
  });
});

describe('translators', () => {
  it('give each locale its own text, independent of each other', () => {
    const tZh = getTranslator('zh-TW');
    const tEn = getTranslator('en');
    expect(tZh('nav.home')).toBe('首頁');
    expect(tEn('nav.home')).toBe('Home');
    // Taking an English translator must not switch an existing zh-TW one (requests run concurrently).
    expect(tZh('nav.home')).toBe('首頁');
  });

  it('interpolate values', () => {
    expect(getTranslator('en')('home.heroTitle', { shop: 'Goodies Shop' })).toBe('Welcome to Goodies Shop');
  });

  it('recognise only the supported locales', () => {
    expect(isLocale('zh-TW')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(htmlLang('zh-TW')).toBe('zh-Hant-TW');
    expect(htmlLang('en')).toBe('en');
  });
});
