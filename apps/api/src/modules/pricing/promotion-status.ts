import type { PromotionStatus } from './pricing.tables.js';

export type PromotionAction = 'pause' | 'resume' | 'archive';

/** What staff may do to a promotion in each status. Archived is final: archive instead of delete. */
export const PROMOTION_TRANSITIONS: Readonly<Record<PromotionAction, { from: readonly PromotionStatus[]; to: PromotionStatus }>> = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  archive: { from: ['active', 'paused'], to: 'archived' },
};

/** The status after `action`, or undefined when the action is refused from `status`. */
export function statusAfter(status: PromotionStatus, action: PromotionAction): PromotionStatus | undefined {
  const t = PROMOTION_TRANSITIONS[action];
  return t.from.includes(status) ? t.to : undefined;
}
