import { describe, expect, it } from 'vitest';
import { productStatuses, type ProductStatus } from './catalog.tables.js';
import { isBuyerVisible, statusAfterEdit, transitionFrom, TRANSITIONS, type LifecycleAction } from './lifecycle.js';

const allowed: Array<[ProductStatus, LifecycleAction, ProductStatus, string]> = [
  ['draft', 'submit', 'pending_review', 'product.submitted'],
  ['rejected', 'submit', 'pending_review', 'product.submitted'],
  ['pending_review', 'approve', 'approved', 'product.approved'],
  ['pending_review', 'reject', 'rejected', 'product.rejected'],
  ['approved', 'put_on_shelf', 'on_shelf', 'product.published'],
  ['off_shelf', 'put_on_shelf', 'on_shelf', 'product.published'],
  ['on_shelf', 'take_off_shelf', 'off_shelf', 'product.unpublished'],
  ['sold_out', 'take_off_shelf', 'off_shelf', 'product.unpublished'],
  ['on_shelf', 'sell_out', 'sold_out', 'product.sold_out'],
  ['sold_out', 'restock', 'on_shelf', 'product.back_in_stock'],
  ['frozen', 'unfreeze', 'off_shelf', 'product.unfrozen'],
  ...(['draft', 'pending_review', 'approved', 'rejected', 'on_shelf', 'off_shelf', 'sold_out'] as const).map(
    (s) => [s, 'freeze', 'frozen', 'product.frozen'] as [ProductStatus, LifecycleAction, ProductStatus, string],
  ),
  ...(['draft', 'pending_review', 'approved', 'rejected', 'on_shelf', 'off_shelf', 'sold_out', 'frozen'] as const).map(
    (s) => [s, 'delete', 'deleted', 'product.deleted'] as [ProductStatus, LifecycleAction, ProductStatus, string],
  ),
  ['deleted', 'restore', 'draft', 'product.restored'],
];

describe('allowed transitions', () => {
  it.each(allowed)('%s --%s--> %s (%s)', (from, action, to, event) => {
    const rule = transitionFrom(from, action);
    expect({ to: rule?.to, event: rule?.event.type }).toEqual({ to, event });
  });

  it('the table holds exactly these', () => {
    const every = (Object.keys(TRANSITIONS) as LifecycleAction[]).flatMap((a) =>
      productStatuses.filter((s) => transitionFrom(s, a)).map((s) => `${s}:${a}`),
    );
    expect(every.sort()).toEqual(allowed.map(([s, a]) => `${s}:${a}`).sort());
  });
});

describe('refused transitions', () => {
  it.each<[ProductStatus, LifecycleAction]>([
    ['draft', 'approve'],
    ['draft', 'put_on_shelf'],
    ['draft', 'reject'],
    ['pending_review', 'put_on_shelf'],
    ['pending_review', 'submit'],
    ['approved', 'approve'],
    ['approved', 'take_off_shelf'],
    ['rejected', 'approve'],
    ['on_shelf', 'submit'],
    ['on_shelf', 'put_on_shelf'],
    ['off_shelf', 'take_off_shelf'],
    ['off_shelf', 'sell_out'],
    ['sold_out', 'put_on_shelf'],
    ['frozen', 'freeze'],
    ['frozen', 'put_on_shelf'],
    ['deleted', 'unfreeze'],
    ['deleted', 'freeze'],
    ['deleted', 'delete'],
    ['deleted', 'submit'],
  ])('%s --%s--> refused', (from, action) => {
    expect(transitionFrom(from, action)).toBeUndefined();
  });
});

describe('permissions', () => {
  it.each<[LifecycleAction, string]>([
    ['approve', 'approve'],
    ['reject', 'approve'],
    ['submit', 'update'],
    ['put_on_shelf', 'update'],
    ['freeze', 'update'],
    ['delete', 'delete'],
  ])('%s needs %s', (action, permission) => expect(TRANSITIONS[action].permission).toBe(permission));

  it('only reject needs a reason', () => {
    expect((Object.keys(TRANSITIONS) as LifecycleAction[]).filter((a) => TRANSITIONS[a].needsReason)).toEqual(['reject']);
  });
});

describe('statusAfterEdit', () => {
  it.each<[ProductStatus, ProductStatus | undefined]>([
    ['draft', 'draft'],
    ['pending_review', 'draft'],
    ['approved', 'draft'],
    ['rejected', 'rejected'],
    ['on_shelf', 'on_shelf'],
    ['off_shelf', 'off_shelf'],
    ['sold_out', 'sold_out'],
    ['frozen', undefined],
    ['deleted', undefined],
  ])('%s → %s', (from, to) => expect(statusAfterEdit(from)).toBe(to));
});

describe('isBuyerVisible', () => {
  it.each(productStatuses.map((s) => [s, s === 'on_shelf' || s === 'sold_out'] as const))('%s → %s', (s, v) =>
    expect(isBuyerVisible(s)).toBe(v),
  );
});
