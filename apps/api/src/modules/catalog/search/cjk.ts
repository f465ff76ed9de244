// Text handling shared by the search indexer and the search query (README.md "Index design").
// Pure functions only: the indexer and the query must agree on every rule here.

/** Han (incl. extension A), kana and Hangul: scripts written without spaces between words. */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30fc]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30fc]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Words shorter than this get prefix matching only: a trigram of two letters matches far too much. */
export const FUZZY_MIN_LENGTH = 4;

export const isCjk = (ch: string): boolean => CJK_CHAR.test(ch);

/** NFKC (full-width → half-width, compatibility forms), lower case, collapsed whitespace. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Maximal runs of CJK characters in normalised text. */
export function cjkRuns(normalized: string): string[] {
  return normalized.match(CJK_RUN) ?? [];
}

/** Every single CJK character and every adjacent pair inside a run (no pair spans a space or Latin). */
export function cjkGrams(text: string): string[] {
  const grams = new Set<string>();
  for (const run of cjkRuns(normalizeText(text))) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]!);
      if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...grams];
}

/** Latin (non-CJK) words of normalised text: letters and digits; everything else separates. */
export function latinWords(normalized: string): string[] {
  return normalized.replace(CJK_RUN, ' ').match(WORD) ?? [];
}

/**
 * The Latin words the indexer puts into `tsv`: every word, plus hyphen- or dot-joined compounds
 * written together ("t-shirt" → "t", "shirt", "tshirt"), so "tshirt" finds "T-shirt".
 */
export function indexWords(text: string): string[] {
  const normalized = normalizeText(text);
  const words = new Set(latinWords(normalized));
  for (const chunk of normalized.replace(CJK_RUN, ' ').split(' ')) {
    const parts = chunk.match(WORD) ?? [];
    if (parts.length > 1) words.add(parts.join(''));
  }
  return [...words];
}

export interface QueryWord {
  word: string;
  /** Terms for `to_tsquery('simple', …)`, each used as a prefix (`term:*`), OR-ed. */
  prefixTerms: string[];
  /** Also matched by pg_trgm word similarity (typos other than a swap). */
  fuzzy: boolean;
}

export interface QueryPlan {
  /** The normalised query, used for name ranking and highlighting. */
  normalized: string;
  /** The row's `cjk_grams` must contain all of these (`cjk_grams @> grams`). */
  grams: string[];
  /** CJK runs of the query, for highlighting. */
  runs: string[];
  /** Every word must match (AND); a word matches by prefix or, if fuzzy, by trigram similarity. */
  words: QueryWord[];
  /** Nothing searchable (only symbols such as `%` or `_`): the query matches no product. */
  empty: boolean;
}

/** Every adjacent swap of a word ("shrit" → "hsrit", "srhit", "shirt", "shrti"): the commonest typo. */
export function adjacentSwaps(word: string): string[] {
  const chars = [...word];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] === chars[i + 1]) continue;
    const c = [...chars];
    [c[i], c[i + 1]] = [c[i + 1]!, c[i]!];
    out.add(c.join(''));
  }
  out.delete(word);
  return [...out];
}

/**
 * Which grams and words a query needs. One CJK character needs its unigram; two or more need
 * all their bigrams (so 圓領短袖 needs 圓領, 領短, 短袖). Latin words match as prefixes; words of
 * FUZZY_MIN_LENGTH or more letters also match their adjacent swaps and by trigram similarity.
 */
export function planQuery(q: string): QueryPlan {
  const normalized = normalizeText(q);
  const runs = cjkRuns(normalized);
  const grams = new Set<string>();
  for (const run of runs) {
    const chars = [...run];
    if (chars.length === 1) grams.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  }
  const words: QueryWord[] = [...new Set(queryWords(normalized))].map((word) => {
    const fuzzy = [...word].length >= FUZZY_MIN_LENGTH && /\p{L}/u.test(word);
    return { word, prefixTerms: fuzzy ? [word, ...adjacentSwaps(word)] : [word], fuzzy };
  });
  return { normalized, grams: [...grams], runs, words, empty: grams.size === 0 && words.length === 0 };
}

/** Letters/digits joined by a hyphen, dot or apostrophe and nothing else: "t-shirt", "wi-fi", "3.5mm". */
const COMPOUND = /^[\p{L}\p{N}]+(?:[-.'’][\p{L}\p{N}]+)+$/u;

/**
 * The Latin words of a query: a compound written with hyphens or dots is one word, written
 * together ("t-shirt" → "tshirt", which the indexer stores for every "T-shirt"), so it does not
 * become the loose "t" AND "shirt".
 */
export function queryWords(normalized: string): string[] {
  const out: string[] = [];
  for (const chunk of normalized.replace(CJK_RUN, ' ').split(' ')) {
    if (COMPOUND.test(chunk)) out.push((chunk.match(WORD) ?? []).join(''));
    else out.push(...(chunk.match(WORD) ?? []));
  }
  return out;
}

/** `to_tsquery('simple', …)` text for one word: its terms as prefixes, OR-ed. Terms are letters and digits only. */
export function prefixTsQuery(w: QueryWord): string {
  return w.prefixTerms.map((t) => `${t}:*`).join(' | ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/**
 * The name with every literal occurrence of the query's CJK runs and Latin words wrapped in
 * `<mark>`, everything else HTML-escaped. Matching happens on normalised text (full-width and
 * case folded), mapped back to the original characters.
 */
export function highlight(name: string, plan: QueryPlan): string {
  const chars = [...name];
  // normalised text with, for each of its UTF-16 units, the index of the original character
  let norm = '';
  const origin: number[] = [];
  chars.forEach((ch, i) => {
    const n = ch.normalize('NFKC').toLowerCase();
    norm += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  // CJK runs match anywhere; Latin words match at the start of a word (they are prefixes).
  const needles = [...plan.runs.map((n) => ({ n, atWordStart: false })), ...plan.words.map((w) => ({ n: w.word, atWordStart: true }))];
  for (const { n: needle, atWordStart } of needles) {
    for (let at = norm.indexOf(needle); at >= 0; at = norm.indexOf(needle, at + needle.length)) {
      if (atWordStart && at > 0 && /[\p{L}\p{N}]/u.test(norm[at - 1]!) && !isCjk(norm[at - 1]!)) continue;
      for (let k = at; k < at + needle.length; k++) marked[origin[k]!] = true;
    }
  }
  let out = '';
  let open = false;
  chars.forEach((ch, i) => {
    if (marked[i] !== open) {
      out += open ? '</mark>' : '<mark>';
      open = !open;
    }
    out += escapeHtml(ch);
  });
  if (open) out += '</mark>';
  return out;
}
