import { describe, expect, it } from 'vitest';
import { baseSlug, SLUG_PATTERN, slugify, uniqueSlug } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Classic Crew-neck Tee', 'classic-crew-neck-tee'],
    ['經典圓領T恤', '經典圓領t恤'],
    ['經典 圓領 T 恤', '經典-圓領-t-恤'],
    ['  Hello,   World!! ', 'hello-world'],
    ['Ｔｅｅ　２０２６', 'tee-2026'],
    ['Café Crème', 'cafe-creme'],
    ['100% 純棉（男款）', '100-純棉-男款'],
    ['a__b..c//d', 'a-b-c-d'],
    ['!!!', ''],
    ['🙂', ''],
  ])('%s → %s', (input, expected) => {
    const s = slugify(input);
    expect(s).toBe(expected);
    if (s) expect(s).toMatch(SLUG_PATTERN);
  });

  it('caps the length and never ends in a dash', () => {
    const s = slugify(`${'a'.repeat(111)} b`);
    expect(s.length).toBeLessThanOrEqual(112);
    expect(s).toMatch(SLUG_PATTERN);
  });
});

describe('baseSlug', () => {
  it.each([
    [{ 'zh-TW': '經典圓領T恤', en: 'Classic Tee' }, 'classic-tee'],
    [{ 'zh-TW': '經典圓領T恤' }, '經典圓領t恤'],
    [{ 'zh-TW': '經典圓領T恤', en: '' }, '經典圓領t恤'],
    [{ 'zh-TW': '★★★', en: '!!!' }, 'product'],
  ])('%j → %s', (name, expected) => expect(baseSlug(name, 'product')).toBe(expected));
});

describe('uniqueSlug', () => {
  const takenOf = (taken: string[]) => async (s: string) => taken.includes(s);

  it.each([
    [[], 'tee'],
    [['tee'], 'tee-2'],
    [['tee', 'tee-2', 'tee-3'], 'tee-4'],
    [['tee-2'], 'tee'],
  ])('taken %j → %s', async (taken, expected) => {
    expect(await uniqueSlug('tee', takenOf(taken))).toBe(expected);
  });

  it('works for Chinese slugs', async () => {
    expect(await uniqueSlug('圓領t恤', takenOf(['圓領t恤']))).toBe('圓領t恤-2');
  });

  it('gives up after maxTries', async () => {
    await expect(uniqueSlug('x', async () => true, 3)).rejects.toThrow(/no free slug/);
  });
});
