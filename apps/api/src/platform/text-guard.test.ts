import { describe, expect, it } from 'vitest';
import { isStorableText, unstorableText } from './text-guard.js';

describe('text PostgreSQL cannot store', () => {
  it.each([
    ['plain Chinese', '臺北市大安區', true],
    ['an emoji (a surrogate pair)', '🍵 tea', true],
    ['a NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'cup\ud800', false],
    ['a lone low surrogate', '\udc00cup', false],
    ['half of an emoji', '🍵'.slice(0, 1), false],
  ])('%s: storable %s', (_what, text, ok) => {
    expect(isStorableText(text)).toBe(ok);
  });

  it('names every bad string and key by its path', () => {
    const issues = unstorableText({ name: { 'zh-TW': 'x\u0000' }, tags: ['ok', '\ud800'], attrs: { 'bad\u0000key': 1 } }, 'body');
    expect(issues.map((i) => i.path).sort()).toEqual(['body.attrs', 'body.name.zh-TW', 'body.tags.1']);
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['invalid_text']));
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const issues = unstorableText(deep, 'body');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path.length).toBeLessThan(400);
  });
});
