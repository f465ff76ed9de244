import { describe, expect, it } from 'vitest';
import { adjacentSwaps, cjkGrams, highlight, indexWords, latinWords, normalizeText, planQuery, prefixTsQuery } from './cjk.js';

describe('normalizeText', () => {
  it.each([
    ['ＴＳＨＩＲＴ', 'tshirt'],
    ['  Crew-Neck\tTee \n', 'crew-neck tee'],
    ['圓領　短袖', '圓領 短袖'], // ideographic space
    ['１００％', '100%'],
  ])('%s → %s', (input, out) => expect(normalizeText(input)).toBe(out));
});

describe('cjkGrams', () => {
  it('gives every character and every adjacent pair within a run', () => {
    expect(cjkGrams('圓領短袖').sort()).toEqual(['圓', '圓領', '領', '領短', '短', '短袖', '袖'].sort());
  });
  it('never pairs across Latin letters, digits or spaces', () => {
    expect(cjkGrams('圓領T恤 短褲').sort()).toEqual(['圓', '圓領', '領', '恤', '短', '短褲', '褲'].sort());
  });
  it('ignores text without CJK and deduplicates', () => {
    expect(cjkGrams('Crew-neck Tee')).toEqual([]);
    expect(cjkGrams('褲褲')).toEqual(['褲', '褲褲']);
  });
});

describe('latin words', () => {
  it('splits on symbols and CJK', () => {
    expect(latinWords(normalizeText('T-shirt圓領100% cotton_blend'))).toEqual(['t', 'shirt', '100', 'cotton', 'blend']);
  });
  it('indexes hyphenated compounds also written together', () => {
    expect(indexWords('Crew-neck T-Shirt')).toEqual(expect.arrayContaining(['crew', 'neck', 'crewneck', 't', 'shirt', 'tshirt']));
  });
});

describe('planQuery', () => {
  it.each([
    ['褲', ['褲']],
    ['短褲', ['短褲']],
    ['圓領短袖', ['圓領', '領短', '短袖']],
    ['圓領 短褲', ['圓領', '短褲']],
  ])('%s needs the grams %j', (q, grams) => {
    const plan = planQuery(q);
    expect(plan.grams.sort()).toEqual(grams.sort());
    expect(plan.words).toEqual([]);
    expect(plan.empty).toBe(false);
  });

  it('matches short Latin words as prefixes only, longer ones also fuzzily with their swaps', () => {
    expect(planQuery('shi').words).toEqual([{ word: 'shi', prefixTerms: ['shi'], fuzzy: false }]);
    const [w] = planQuery('Shrit').words;
    expect(w).toMatchObject({ word: 'shrit', fuzzy: true });
    expect(w!.prefixTerms).toContain('shirt');
    expect(prefixTsQuery(w!)).toMatch(/^shrit:\* \| .*shirt:\*/);
  });

  it('treats % and _ as separators: a query of symbols only is empty', () => {
    for (const q of ['%', '_', '%%', '_%_', '\'"\\:*&|!()']) expect(planQuery(q)).toMatchObject({ empty: true, grams: [], words: [] });
    expect(planQuery('100%').words.map((w) => w.word)).toEqual(['100']);
  });

  it('mixes CJK grams and Latin words', () => {
    const plan = planQuery('Uniqlo 短褲');
    expect(plan.grams).toEqual(['短褲']);
    expect(plan.words.map((w) => w.word)).toEqual(['uniqlo']);
  });

  it('never lets tsquery syntax through', () => {
    for (const w of planQuery("a:* | b & !c ('d')").words) expect(w.word).toMatch(/^[\p{L}\p{N}]+$/u);
  });
});

describe('adjacentSwaps', () => {
  it('swaps each adjacent pair once', () => {
    expect(adjacentSwaps('abc').sort()).toEqual(['acb', 'bac']);
    expect(adjacentSwaps('aab')).toEqual(['aba']);
  });
});

describe('highlight', () => {
  it('marks CJK matches anywhere', () => {
    expect(highlight('圓領短袖T恤', planQuery('短袖'))).toBe('圓領<mark>短袖</mark>T恤');
  });
  it('marks Latin prefixes at word starts, case- and width-insensitively', () => {
    expect(highlight('Crew-neck T-Shirt', planQuery('shi'))).toBe('Crew-neck T-<mark>Shi</mark>rt');
    expect(highlight('ＴＥＥ shirt', planQuery('tee'))).toBe('<mark>ＴＥＥ</mark> shirt');
    expect(highlight('Bathtub', planQuery('tub'))).toBe('Bathtub');
  });
  it('escapes HTML everywhere else', () => {
    expect(highlight('<b>Tee</b> & "co"', planQuery('tee'))).toBe('&lt;b&gt;<mark>Tee</mark>&lt;/b&gt; &amp; &quot;co&quot;');
    expect(highlight('<script>', planQuery('%'))).toBe('&lt;script&gt;');
  });
});
