import { describe, expect, it } from 'vitest';
import { editsOf } from './search.repo.js';

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
