import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it.each<[unknown, string]>([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [{ d: 1, c: 2 }] } }, '{"z":{"x":[{"c":2,"d":1}],"y":1}}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    [[3, 1, 2], '[3,1,2]'],
    [{ 名: '圓領', en: 'Tee' }, '{"en":"Tee","名":"圓領"}'],
    ['x', '"x"'],
    [null, 'null'],
  ])('%j → %s', (v, s) => expect(canonicalJson(v)).toBe(s));
});

describe('canonicalJson of dates and sparse arrays', () => {
  it('writes a date as its ISO string and an undefined array member as null', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.000Z'), xs: [1, undefined] })).toBe(
      '{"at":"2026-01-02T03:04:05.000Z","xs":[1,null]}',
    );
  });
});
