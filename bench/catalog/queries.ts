// The fixed query set, per class, derived from the generated vocabulary (so hits are realistic and
// stable across rebuilds). At least 30 per class.
import { BRAND_EN, BRAND_EN_END, BRAND_ZH, BRAND_ZH_END, TOPS } from './vocab.js';

export const CLASSES = ['en_word', 'en_prefix', 'en_typo', 'zh_1char', 'zh_2char', 'zh_4char', 'brand', 'no_hit'] as const;
export type QueryClass = (typeof CLASSES)[number];

const uniq = <T>(xs: T[]) => [...new Set(xs)];
/** Every k-th element so the picks spread over the whole vocabulary, n of them. */
const spread = <T>(xs: T[], n: number, must: T[] = []): T[] => {
  const rest = xs.filter((x) => !must.includes(x));
  const step = rest.length / Math.max(1, n - must.length);
  const out = [...must];
  for (let k = 0; out.length < n && k < rest.length; k++) out.push(rest[Math.floor(k * step)]!);
  return out;
};

export function querySet(n = 30): Record<QueryClass, string[]> {
  const mids = TOPS.flatMap((t) => t.mids);
  const pairs = mids.flatMap((m) => [...m.nouns, ...m.mods]);
  const enWords = uniq(pairs.flatMap(([, en]) => en.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 4)).sort();
  const zhWords = uniq(pairs.map(([zh]) => zh).filter((w) => /^\p{Script=Han}+$/u.test(w)));
  const zhChars = uniq(
    mids
      .flatMap((m) => m.nouns)
      .flatMap(([zh]) => [...zh])
      .filter((c) => /\p{Script=Han}/u.test(c)),
  );
  // 4 characters: 4-char words, and modifier + noun / modifier + modifier pairs of one category
  const four = uniq([
    ...zhWords.filter((w) => w.length === 4),
    ...mids.flatMap((m) => m.mods.flatMap(([a], i) => m.mods.slice(i + 1).map(([b]) => a + b))).filter((w) => w.length === 4),
  ]).filter((w) => /^\p{Script=Han}{4}$/u.test(w));
  const typo = (w: string, k: number) => {
    const c = [...w];
    const at = 1 + (k % (c.length - 2));
    switch (k % 3) {
      case 0: // adjacent swap
        [c[at], c[at + 1]] = [c[at + 1]!, c[at]!];
        return c.join('');
      case 1: // substitution
        c[at] = c[at] === 'e' ? 'a' : 'e';
        return c.join('');
      default: // deletion
        c.splice(at, 1);
        return c.join('');
    }
  };
  const long = enWords.filter((w) => w.length >= 5);
  const brandEn = BRAND_EN.flatMap((a) => BRAND_EN_END.slice(0, 2).map((e) => a + e));
  const brandZh = BRAND_ZH.flatMap((a) => BRAND_ZH_END.slice(0, 2).map((e) => a + e));
  return {
    en_word: spread(enWords, n, ['crew', 'shirt', 'bottle']),
    en_prefix: spread(
      long.map((w, k) => w.slice(0, 3 + (k % 2))),
      n,
      ['shi', 'bott', 'earp'],
    ),
    en_typo: spread(
      long.map(typo).filter((t) => !long.includes(t)),
      n,
      ['shrit', 'bottel', 'earphnoes'],
    ),
    zh_1char: spread(zhChars, n, ['褲', '杯', '鞋']),
    zh_2char: spread(
      zhWords.filter((w) => w.length === 2),
      n,
      ['圓領', '短袖', '短褲'],
    ),
    zh_4char: spread(four, n, ['圓領短袖', '藍牙耳機', '行動電源']),
    brand: [...spread(brandEn, Math.ceil(n / 2)), ...spread(brandZh, Math.floor(n / 2))],
    no_hit: [
      ...[
        'jacuzzi',
        'zeppelin',
        'quokka',
        'trampoline',
        'harpsichord',
        'kumquat',
        'fjord',
        'igloo',
        'walrus',
        'yodel',
        'gazebo',
        'voodoo',
        'falafel',
        'origami',
        'zigzag',
      ],
      ...['鬱金香', '恐龍', '火箭', '鋼琴', '魔術', '潛水艇', '熊貓', '企鵝', '颱風', '麒麟', '龍蝦', '蝴蝶', '櫻花', '鯨魚', '彩虹'],
    ],
  };
}
