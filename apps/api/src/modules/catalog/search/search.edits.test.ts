import { describe, expect, it } from 'vitest';
import { editsOf, twoEditCorrections } from './search.terms.js';

describe('editsOf: the words one typo away', () => {
  it.each([
    ['shrit', 'shirt', 'a swap'],
    ['botle', 'bottle', 'a missing letter'],
    ['shirtt', 'shirt', 'a letter too many'],
    ['chager', 'charger', 'a missing letter inside'],
    ['keyboerd', 'keyboard', 'a wrong letter'],
  ])('%s reaches %s (%s)', (typo, word) => {
    expect(editsOf(typo)).toContain(word);
  });

  it('never contains the word itself, nor words two edits away', () => {
    const edits = editsOf('shrit');
    expect(edits).not.toContain('shrit');
    expect(edits).not.toContain('skirt'); // h→k and a swap
  });

  it('has every edit once: deletions n, swaps n−1, replacements and insertions over 36 letters/digits', () => {
    const edits = editsOf('abcd');
    expect(new Set(edits).size).toBe(edits.length);
    expect(edits.length).toBeLessThanOrEqual(4 + 3 + 4 * 36 + 5 * 36);
  });
});

describe('twoEditCorrections: the words two typos away', () => {
  const vocab = (...terms: Array<[string, number]>) => terms.map(([term, docs]) => ({ term, docs }));

  it.each([
    ['tshrit', 'a swap and a missing letter'],
    ['tshrt', 'two missing letters'],
    ['thsirt', 'a swap early and a missing letter at the end'],
  ])('%s reaches tshirts (%s)', (typo) => {
    expect(twoEditCorrections(typo, vocab(['tshirts', 3]))).toEqual(['tshirts']);
  });

  it('ranks by edit distance, then by how many products carry the word', () => {
    expect(twoEditCorrections('shirtz', vocab(['skirts', 90], ['shirts', 5], ['shirt', 40]))).toEqual(['shirt', 'shirts', 'skirts']);
  });

  it('drops words three edits away, terms that are not words, and never corrects short words by two', () => {
    expect(twoEditCorrections('tshxyz', vocab(['tshirts', 3]))).toEqual([]);
    expect(twoEditCorrections('brnad', vocab(['b:brand', 1], ['brand', 1]))).toEqual(['brand']);
    expect(twoEditCorrections('shrt', vocab(['shirts', 9]))).toEqual([]);
  });
});
