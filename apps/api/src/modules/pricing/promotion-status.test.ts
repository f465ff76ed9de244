import { describe, expect, it } from 'vitest';
import { statusAfter, type PromotionAction } from './promotion-status.js';
import type { PromotionStatus } from './pricing.tables.js';

describe('promotion status transitions', () => {
  const table: Array<[PromotionStatus, PromotionAction, PromotionStatus | undefined]> = [
    ['active', 'pause', 'paused'],
    ['active', 'resume', undefined],
    ['active', 'archive', 'archived'],
    ['paused', 'pause', undefined],
    ['paused', 'resume', 'active'],
    ['paused', 'archive', 'archived'],
    ['archived', 'pause', undefined],
    ['archived', 'resume', undefined],
    ['archived', 'archive', undefined],
  ];

  it.each(table)('%s --%s--> %s', (from, action, to) => {
    expect(statusAfter(from, action)).toBe(to);
  });
});
