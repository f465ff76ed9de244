import { describe, expect, it } from 'vitest';
import { allocateProportionally, mulDivFloor } from './pricing.allocate.js';

const alloc = (amount: number, weights: Array<[string, number]>) =>
  Object.fromEntries(
    allocateProportionally(
      amount,
      weights.map(([key, weight]) => ({ key, weight })),
    ),
  );

describe('allocateProportionally', () => {
  it.each<[string, number, Array<[string, number]>, Record<string, number>]>([
    [
      'exact split',
      100,
      [
        ['a', 300],
        ['b', 700],
      ],
      { a: 30, b: 70 },
    ],
    [
      'remainder to the largest fraction',
      100,
      [
        ['a', 100],
        ['b', 100],
        ['c', 100],
      ],
      { a: 34, b: 33, c: 33 },
    ],
    [
      'leftover by fraction, not by size',
      10,
      [
        ['a', 14],
        ['b', 16],
      ],
      { a: 5, b: 5 },
    ],
    [
      'tie on remainder goes to the smaller key',
      1,
      [
        ['b', 5],
        ['a', 5],
      ],
      { a: 1, b: 0 },
    ],
    [
      'zero weight gets nothing',
      10,
      [
        ['a', 0],
        ['b', 3],
        ['c', 7],
      ],
      { a: 0, b: 3, c: 7 },
    ],
    [
      'the whole amount of a line at most',
      10,
      [
        ['a', 1],
        ['b', 9],
      ],
      { a: 1, b: 9 },
    ],
    ['zero amount', 0, [['a', 5]], { a: 0 }],
    [
      'large numbers stay exact',
      99_999_999,
      [
        ['a', 99_999_999],
        ['b', 99_999_999],
        ['c', 1],
      ],
      { a: 49_999_999, b: 49_999_999, c: 1 },
    ],
  ])('%s', (_n, amount, weights, expected) => {
    const got = alloc(amount, weights);
    expect(got).toEqual(expected);
    expect(Object.values(got).reduce((s, x) => s + x, 0)).toBe(amount);
  });

  it('does not depend on the order of the weights', () => {
    const w: Array<[string, number]> = [
      ['x', 333],
      ['y', 333],
      ['z', 334],
      ['w', 1],
    ];
    expect(alloc(500, w)).toEqual(alloc(500, [...w].reverse()));
  });

  it('refuses more than the total weight', () => {
    expect(() => alloc(11, [['a', 10]])).toThrow(RangeError);
  });
});

describe('mulDivFloor', () => {
  it.each<[number, number, number, number]>([
    [999, 1000, 10000, 99],
    [1000, 1000, 10000, 100],
    [1, 9999, 10000, 0],
    [9_000_000_000_000, 9999, 10000, 8_999_100_000_000],
  ])('floor(%i × %i / %i) = %i', (a, b, c, expected) => expect(mulDivFloor(a, b, c)).toBe(expected));
});
