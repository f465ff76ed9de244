import { describe, expect, it } from 'vitest';
import { backoffDelay } from './outbox.js';

describe('backoffDelay', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [10, 512_000],
  ])('attempt %i waits about %i ms (±20%)', (attempt, expected) => {
    expect(backoffDelay(attempt, 1000, 3_600_000, () => 0)).toBe(expected * 0.8);
    expect(backoffDelay(attempt, 1000, 3_600_000, () => 0.5)).toBe(expected);
    expect(backoffDelay(attempt, 1000, 3_600_000, () => 0.999)).toBeLessThanOrEqual(expected * 1.2);
  });

  it('grows with every attempt whatever the jitter, until the cap', () => {
    for (let a = 1; a < 12; a++) expect(backoffDelay(a + 1, 1000, 1e9, () => 0)).toBeGreaterThan(backoffDelay(a, 1000, 1e9, () => 0.999));
  });

  it('never waits much longer than the cap', () => {
    expect(backoffDelay(60, 1000, 3_600_000, () => 0.999)).toBeLessThanOrEqual(3_600_000 * 1.2);
  });
});
