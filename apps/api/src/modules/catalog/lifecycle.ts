/**
 * The product lifecycle as data. Pure: the service turns a row of this table into
 * one conditional `UPDATE … WHERE id = $1 AND status = $from`.
 *
 * ```
 * draft ──submit──▶ pending_review ──approve──▶ approved ──put_on_shelf──▶ on_shelf ⇄ off_shelf
 *   ▲                  │  ▲                                                 │  ▲ (automatic)
 *   │               reject │ submit                                         ▼  │
 *   │                  ▼  │                                               sold_out
 *   └─(edit)──────── rejected
 * any (but deleted) ──freeze──▶ frozen ──unfreeze──▶ off_shelf
 * any (but deleted) ──delete──▶ deleted (soft) ──restore──▶ draft (reviewed again before it sells)
 * ```
 */
import { ProductEvents, type ProductEvent } from './catalog.events.js';
import type { ProductStatus } from './catalog.tables.js';

/** Commands staff send (`TransitionBody.action`). */
export type StaffAction =
  'submit' | 'approve' | 'reject' | 'put_on_shelf' | 'take_off_shelf' | 'freeze' | 'unfreeze' | 'delete' | 'restore';
/** Moves the system makes on its own (stock reaching zero and coming back). */
export type AutomaticAction = 'sell_out' | 'restock';
export type LifecycleAction = StaffAction | AutomaticAction;

export interface TransitionRule {
  from: readonly ProductStatus[];
  to: ProductStatus;
  /** The outbox event the step appends (its definition: type and payload schema). */
  event: ProductEvent;
  /** The ABAC action the actor needs on the product. */
  permission: 'update' | 'approve' | 'delete';
  needsReason?: boolean;
}

const ALL_BUT_DELETED = ['draft', 'pending_review', 'approved', 'rejected', 'on_shelf', 'off_shelf', 'sold_out'] as const;

export const TRANSITIONS: Readonly<Record<LifecycleAction, TransitionRule>> = {
  submit: { from: ['draft', 'rejected'], to: 'pending_review', event: ProductEvents.submitted, permission: 'update' },
  approve: { from: ['pending_review'], to: 'approved', event: ProductEvents.approved, permission: 'approve' },
  reject: { from: ['pending_review'], to: 'rejected', event: ProductEvents.rejected, permission: 'approve', needsReason: true },
  put_on_shelf: { from: ['approved', 'off_shelf'], to: 'on_shelf', event: ProductEvents.published, permission: 'update' },
  take_off_shelf: { from: ['on_shelf', 'sold_out'], to: 'off_shelf', event: ProductEvents.unpublished, permission: 'update' },
  // Freezing is a stop from any live state; a frozen product comes back off the shelf, to be checked before selling again.
  freeze: { from: ALL_BUT_DELETED, to: 'frozen', event: ProductEvents.frozen, permission: 'update' },
  unfreeze: { from: ['frozen'], to: 'off_shelf', event: ProductEvents.unfrozen, permission: 'update' },
  delete: { from: [...ALL_BUT_DELETED, 'frozen'], to: 'deleted', event: ProductEvents.deleted, permission: 'delete' },
  // A restored product starts over as a draft: whatever it was before, it is reviewed again before it sells.
  restore: { from: ['deleted'], to: 'draft', event: ProductEvents.restored, permission: 'delete' },
  sell_out: { from: ['on_shelf'], to: 'sold_out', event: ProductEvents.soldOut, permission: 'update' },
  restock: { from: ['sold_out'], to: 'on_shelf', event: ProductEvents.backInStock, permission: 'update' },
};

export const STAFF_ACTIONS: readonly StaffAction[] = [
  'submit',
  'approve',
  'reject',
  'put_on_shelf',
  'take_off_shelf',
  'freeze',
  'unfreeze',
  'delete',
  'restore',
];

/** The rule for `action` from `from`, or undefined when the lifecycle refuses it. */
export function transitionFrom(from: ProductStatus, action: LifecycleAction): TransitionRule | undefined {
  const rule = TRANSITIONS[action];
  return rule.from.includes(from) ? rule : undefined;
}

/**
 * What an edit does to the status. Content that was reviewed (pending or approved) goes back to
 * draft, so an approval always covers what goes on sale; a rejected product stays rejected (it is
 * being fixed, and `submit` sends it again); live products (on/off shelf, sold out) are edited in
 * place and get a new snapshot. Frozen and deleted products cannot be edited (undefined).
 */
export function statusAfterEdit(current: ProductStatus): ProductStatus | undefined {
  switch (current) {
    case 'draft':
    case 'rejected':
    case 'on_shelf':
    case 'off_shelf':
    case 'sold_out':
      return current;
    case 'pending_review':
    case 'approved':
      return 'draft';
    case 'frozen':
    case 'deleted':
      return undefined;
  }
}

/**
 * Statuses whose content was approved and is (or may go back, without review) on sale: an edit of
 * its buyer-visible content by someone who may not approve waits as a pending revision.
 */
export function isApprovedLive(status: ProductStatus): boolean {
  return status === 'on_shelf' || status === 'off_shelf' || status === 'sold_out';
}

/** Statuses whose content shoppers see, so every change to it needs a snapshot. */
export function isBuyerVisible(status: ProductStatus): boolean {
  return status === 'on_shelf' || status === 'sold_out';
}
