// Stock changes inside a caller's transaction: reserve, release, commit, restock, and the staff
// changes of on-hand counts. Every write goes through `guarded`, which fixes the lock order and
// writes the crossing events.
import type { Db, Tx } from '../../db/client.js';
import { appendEvent } from '../../platform/events.js';
import { AppError, ConflictError, NotFoundError } from '../../platform/errors.js';
import { sqlState, withTx } from '../../platform/tx.js';
import { shopperVariantIds, variantsByIds, variantsBySkus } from '../catalog/index.js';
import { InventoryEvents } from './inventory.events.js';
import * as repo from './inventory.repo.js';
import type { MovementKind } from './inventory.tables.js';
import type { ReservationLine, StockLevel, StockState } from './inventory.types.js';

// ---------- levels ----------

const effective = (r: Pick<repo.LevelRow, 'onHand' | 'reserved' | 'unlimited'> | undefined) =>
  r === undefined ? 0 : r.unlimited ? Number.POSITIVE_INFINITY : r.onHand - r.reserved;

export function stateOf(r: Pick<repo.LevelRow, 'onHand' | 'reserved' | 'unlimited' | 'lowStockThreshold'>): StockState {
  if (r.unlimited) return 'in_stock';
  const available = r.onHand - r.reserved;
  if (available <= 0) return 'out';
  return available <= r.lowStockThreshold ? 'low' : 'in_stock';
}

export function toLevel(r: repo.LevelRow): StockLevel {
  return {
    variantId: r.variantId,
    productId: r.productId,
    onHand: r.onHand,
    reserved: r.reserved,
    available: r.onHand - r.reserved,
    unlimited: r.unlimited,
    lowStockThreshold: r.lowStockThreshold,
    state: stateOf(r),
  };
}

export const emptyLevel = (variantId: string): StockLevel => ({
  variantId,
  productId: null,
  onHand: 0,
  reserved: 0,
  available: 0,
  unlimited: false,
  lowStockThreshold: 0,
  state: 'out',
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The stock of each asked variant, read with `db` or inside a transaction: every asked id is in the
 * Map; a variant without a stock row (or no uuid) reads as 0 on hand, `out`. Takes no lock: for a
 * decision that must hold, reserve instead.
 */
export async function stockLevels(db: Db | Tx, variantIds: readonly string[]): Promise<Map<string, StockLevel>> {
  // Something that is no id names no variant: it reads as out of stock rather than failing the query.
  const rows = new Map((await repo.findLevels(db, [...new Set(variantIds.filter((id) => UUID.test(id)))])).map((r) => [r.variantId, r]));
  return new Map(variantIds.map((id) => [id, rows.has(id) ? toLevel(rows.get(id)!) : emptyLevel(id)]));
}

// ---------- the write path ----------

interface Target {
  variantId: string;
  productId: string;
}

/**
 * Runs a stock write: locks the products (advisory, product-id order), reads the variants' rows
 * (nobody else writes them while the locks are held), runs `fn`, then compares before and after and
 * appends `inventory.low_stock` for each variant that fell to its threshold or below, and
 * `inventory.depleted` / `inventory.restocked` for each product whose available units (over all its
 * variants; any unlimited variant makes it available) reached zero or came back from zero.
 *
 * Lock order for every stock write: product locks by product id, then stock rows by variant id,
 * then reservation rows. The product lock is what makes the product-level crossing exact: without
 * it two writers taking the last unit of two variants would each still see the other's unit.
 */
async function guarded<T>(tx: Tx, targets: readonly Target[], fn: (before: Map<string, repo.LevelRow>) => Promise<T>): Promise<T> {
  const productIds = [...new Set(targets.map((t) => t.productId))].sort();
  const variantIds = [...new Set(targets.map((t) => t.variantId))].sort();
  await repo.lockProducts(tx, productIds);
  const productsBefore = await repo.productAvailability(tx, productIds);
  const before = new Map((await repo.findLevels(tx, variantIds)).map((r) => [r.variantId, r]));

  const result = await fn(before);

  const after = (await repo.findLevels(tx, variantIds)).sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
  const productsAfter = await repo.productAvailability(tx, productIds);
  const at = (r: repo.LevelRow) => r.updatedAt.toISOString();
  for (const r of after) {
    const was = effective(before.get(r.variantId));
    const now = effective(r);
    if (was > r.lowStockThreshold && now <= r.lowStockThreshold) {
      await appendEvent(tx, InventoryEvents.lowStock, {
        aggregateId: r.variantId,
        payload: {
          productId: r.productId,
          variantId: r.variantId,
          available: r.onHand - r.reserved,
          threshold: r.lowStockThreshold,
          at: at(r),
        },
      });
    }
  }
  const productTotal = (p: { available: number; unlimited: boolean } | undefined) =>
    p === undefined ? 0 : p.unlimited ? Number.POSITIVE_INFINITY : p.available;
  // The variant an event names: the first changed one of its product.
  const firstRowOf = new Map<string, repo.LevelRow>();
  for (const r of after) if (!firstRowOf.has(r.productId)) firstRowOf.set(r.productId, r);
  for (const productId of productIds) {
    const was = productTotal(productsBefore.get(productId));
    const now = productTotal(productsAfter.get(productId));
    if (was > 0 === now > 0) continue;
    const row = firstRowOf.get(productId);
    if (!row) continue;
    const payload = { productId, variantId: row.variantId, at: at(row) };
    await appendEvent(tx, now > 0 ? InventoryEvents.restocked : InventoryEvents.depleted, { aggregateId: productId, payload });
  }
  return result;
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', 400, message, { errors: [{ path, code: 'INVALID', message }] });
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

/** Quantities of the same variant summed, in variant-id order. */
function summed(lines: readonly ReservationLine[]): ReservationLine[] {
  const byVariant = new Map<string, number>();
  for (const l of lines) byVariant.set(l.variantId, (byVariant.get(l.variantId) ?? 0) + l.quantity);
  return [...byVariant.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([variantId, quantity]) => ({ variantId, quantity }));
}

// ---------- reservations ----------

export interface ReserveInput {
  /** What the units are held for (an order id); one reservation per reference. */
  reference: string;
  lines: readonly ReservationLine[];
  expiresAt: Date;
  actorId?: string | null | undefined;
}

export interface Shortage {
  variantId: string;
  requested: number;
  available: number;
}

/**
 * Holds units for `reference` (an order) in the caller's transaction `tx`.
 *
 * Lines of one variant are summed; variants are taken in variant-id order (after the advisory
 * locks of their products, in product-id order) with one conditional UPDATE each that succeeds only
 * while on hand − reserved covers the quantity; unlimited variants always pass and keep their
 * counters. Writes a reservation row and a ledger row per variant, `inventory.reserved`, and the
 * crossing events (low_stock, depleted). A line already short by the committed counters is refused
 * before any lock is taken, so a sold-out variant answers at once instead of queueing.
 *
 * Throws 409 INVENTORY_SHORTAGE with `lines: [{ variantId, requested, available }]` for every line
 * that cannot be served (a variant without stock included), 409 INVENTORY_ALREADY_RESERVED when the
 * reference already holds active reservations, 400 VALIDATION_FAILED for an empty reference, no
 * lines, a quantity that is no positive integer or a variant id that is no uuid. It runs in a
 * savepoint: when it throws, nothing of it remains in `tx`.
 */
export async function reserve(tx: Tx, input: ReserveInput): Promise<{ reference: string; lines: ReservationLine[]; expiresAt: Date }> {
  if (!input.reference) throw invalid('reference', 'A reservation needs a reference.');
  if (input.lines.length === 0) throw invalid('lines', 'A reservation needs at least one line.');
  if (!input.lines.every((l) => isCount(l.quantity))) throw invalid('lines', 'Quantities are positive whole numbers.');
  if (!input.lines.every((l) => UUID.test(l.variantId))) throw invalid('lines', 'Every line names a variant by its id.');
  if (Number.isNaN(input.expiresAt.getTime())) throw invalid('expiresAt', 'The expiry is not a date.');
  const lines = summed(input.lines);

  // A savepoint: on a shortage nothing of this call stays, whatever the caller does next.
  return tx.transaction(async (sp) => {
    const known = new Map(
      (
        await repo.findLevels(
          sp,
          lines.map((l) => l.variantId),
        )
      ).map((r) => [r.variantId, r]),
    );
    const shortages: Shortage[] = lines
      .filter((l) => !known.has(l.variantId))
      .map((l) => ({ variantId: l.variantId, requested: l.quantity, available: 0 }));
    const served = lines.filter((l) => known.has(l.variantId));
    // Short already by what is committed: refused without queueing for the locks (a sold-out flash
    // sale answers at once). Enough by that read proves nothing; the conditional UPDATE decides.
    for (const l of served) {
      const row = known.get(l.variantId)!;
      if (!row.unlimited && row.onHand - row.reserved < l.quantity)
        shortages.push({ variantId: l.variantId, requested: l.quantity, available: Math.max(0, row.onHand - row.reserved) });
    }
    if (shortages.length > 0) throw shortage(shortages);
    const targets = served.map((l) => ({ variantId: l.variantId, productId: known.get(l.variantId)!.productId }));

    return guarded(sp, targets, async () => {
      if ((await repo.activeReservations(sp, input.reference)).length > 0) throw alreadyReserved(input.reference);
      const rows: repo.LevelRow[] = [];
      for (const line of served) {
        const row = await repo.reserveUnits(sp, line.variantId, line.quantity);
        if (row) rows.push(row);
        else {
          const current = await repo.findLevel(sp, line.variantId);
          shortages.push({
            variantId: line.variantId,
            requested: line.quantity,
            available: Math.max(0, current ? current.onHand - current.reserved : 0),
          });
        }
      }
      if (shortages.length > 0) throw shortage(shortages);
      const quantityOf = new Map(served.map((l) => [l.variantId, l.quantity]));
      try {
        await repo.insertReservations(
          sp,
          rows.map((r) => ({
            reference: input.reference,
            variantId: r.variantId,
            productId: r.productId,
            quantity: quantityOf.get(r.variantId)!,
            counted: !r.unlimited,
            expiresAt: input.expiresAt,
          })),
        );
      } catch (err) {
        if (sqlState(err) === '23505') throw alreadyReserved(input.reference);
        throw err;
      }
      await repo.insertMovements(
        sp,
        rows.map((r) => ({
          variantId: r.variantId,
          productId: r.productId,
          kind: 'reserve' as const,
          onHandDelta: 0,
          reservedDelta: r.unlimited ? 0 : quantityOf.get(r.variantId)!,
          onHandAfter: r.onHand,
          reservedAfter: r.reserved,
          actorId: input.actorId ?? null,
          reference: input.reference,
        })),
      );
      await appendEvent(sp, InventoryEvents.reserved, {
        aggregateId: input.reference,
        payload: { reference: input.reference, lines: served, expiresAt: input.expiresAt.toISOString() },
      });
      return { reference: input.reference, lines: served, expiresAt: input.expiresAt };
    });
  });
}

function shortage(lines: Shortage[]): ConflictError {
  lines.sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
  return new ConflictError('INVENTORY_SHORTAGE', `Not enough stock for ${lines.length} line(s).`, { lines });
}

const alreadyReserved = (reference: string) =>
  new ConflictError('INVENTORY_ALREADY_RESERVED', `Stock is already reserved for ${reference}; release or commit it first.`, { reference });

/** Closes a reference's active reservations as released or committed, moving the counters of the counted ones. */
async function close(
  tx: Tx,
  input: { reference: string; status: 'released' | 'committed'; reason?: string | undefined; actorId?: string | null | undefined },
): Promise<{ done: boolean; lines: ReservationLine[] }> {
  const active = await repo.activeReservations(tx, input.reference);
  if (active.length === 0) return { done: false, lines: [] };
  return guarded(tx, active, async (before) => {
    const closed = (await repo.closeReservations(tx, { ids: active.map((r) => r.id), status: input.status, reason: input.reason })).sort(
      (a, b) => (a.variantId < b.variantId ? -1 : 1),
    );
    if (closed.length === 0) return { done: false, lines: [] };
    const kind: MovementKind = input.status === 'released' ? 'release' : 'commit';
    const movements: repo.NewMovement[] = [];
    for (const r of closed) {
      const onHandDelta = r.counted && kind === 'commit' ? -r.quantity : 0;
      const reservedDelta = r.counted ? -r.quantity : 0;
      const after = r.counted
        ? await repo.moveCounters(tx, r.variantId, { onHand: onHandDelta, reserved: reservedDelta })
        : before.get(r.variantId)!;
      movements.push({
        variantId: r.variantId,
        productId: r.productId,
        kind,
        onHandDelta,
        reservedDelta,
        onHandAfter: after.onHand,
        reservedAfter: after.reserved,
        actorId: input.actorId ?? null,
        reason: input.reason ?? null,
        reference: input.reference,
      });
    }
    await repo.insertMovements(tx, movements);
    return { done: true, lines: closed.map((r) => ({ variantId: r.variantId, quantity: r.quantity })) };
  });
}

/**
 * Gives up the reference's active reservations in `tx` (cancelled, expired, payment failed): their
 * units become available again, with a ledger row each, `inventory.released` and the crossing events
 * (restocked). Exactly once: each reservation leaves `active` by a conditional UPDATE, so a second
 * or concurrent call (two expiry sweeps) changes nothing and answers `{ released: false, lines: [] }`.
 */
export async function release(
  tx: Tx,
  input: { reference: string; reason: string; actorId?: string | null | undefined },
): Promise<{ released: boolean; lines: ReservationLine[] }> {
  if (!input.reason) throw invalid('reason', 'Say why the stock is released.');
  const { done, lines } = await close(tx, { ...input, status: 'released' });
  if (done)
    await appendEvent(tx, InventoryEvents.released, {
      aggregateId: input.reference,
      payload: { reference: input.reference, reason: input.reason },
    });
  return { released: done, lines };
}

/**
 * Turns the reference's active reservations into sales in `tx` (payment succeeded): on hand and
 * reserved both drop by each quantity, available stays. Exactly once, like `release`
 * (`{ committed: false, lines: [] }` when there is nothing active, e.g. already committed or released).
 */
export async function commit(
  tx: Tx,
  input: { reference: string; actorId?: string | null | undefined },
): Promise<{ committed: boolean; lines: ReservationLine[] }> {
  const { done, lines } = await close(tx, { ...input, status: 'committed' });
  return { committed: done, lines };
}

/**
 * Gives the reference's active reservations more time, up to `until` (never less than they have):
 * an offline payment code was issued that can be paid until then. In the caller's transaction;
 * answers how many reservations moved.
 */
export async function extendReservations(tx: Tx, input: { reference: string; until: Date }): Promise<number> {
  return repo.extendReservations(tx, input);
}

/**
 * Takes the stock locks `release` or `commit` of `reference` would take (the advisory locks of its
 * products, in product-id order) and changes nothing: for a transaction that updates an order row
 * before it releases that order's stock, so its locks still come in the global order.
 */
export async function lockStockOf(tx: Tx, reference: string): Promise<void> {
  const active = await repo.activeReservations(tx, reference);
  await repo.lockProducts(tx, [...new Set(active.map((r) => r.productId))].sort());
}

/**
 * References holding an active reservation whose expiry is at or before `now`, oldest first (at
 * most `limit`, default 100): what an expiry sweep cancels and `release`s, one transaction each.
 */
export async function expiredReservations(db: Db | Tx, input: { now: Date; limit?: number | undefined }): Promise<string[]> {
  return repo.expiredReferences(db, { now: input.now, limit: Math.min(Math.max(input.limit ?? 100, 1), 1000) });
}

// ---------- on-hand changes ----------

/** The product of each variant: from its stock row, else from the catalog (a first receipt). */
export async function targetsOf(tx: Db | Tx, variantIds: readonly string[]): Promise<Map<string, Target>> {
  const out = new Map<string, Target>();
  for (const r of await repo.findLevels(tx, variantIds)) out.set(r.variantId, { variantId: r.variantId, productId: r.productId });
  const missing = variantIds.filter((id) => !out.has(id));
  for (const [id, v] of await variantsByIds(tx, missing)) out.set(id, { variantId: id, productId: v.productId });
  return out;
}

const zeroRow = (t: Target): repo.LevelRow => ({
  variantId: t.variantId,
  productId: t.productId,
  onHand: 0,
  reserved: 0,
  lowStockThreshold: 0,
  unlimited: false,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

export interface OnHandChange {
  variantId: string;
  /** add: on hand += quantity (may be negative); set: on hand = quantity. */
  mode: 'add' | 'set';
  quantity: number;
}

export interface AppliedChange {
  variantId: string;
  before: StockLevel;
  after: StockLevel;
}

export interface RefusedChange {
  variantId: string;
  onHand: number;
  reserved: number;
  /** What on hand would have become. */
  result: number;
}

/**
 * Changes on-hand counts (staff receipts, adjustments, imports), each with a ledger row. A change
 * that would leave on hand below reserved (or negative) is refused: then nothing is changed and
 * the refused ones are returned, for the caller to report and roll back.
 */
export async function changeOnHand(
  tx: Tx,
  input: {
    changes: readonly OnHandChange[];
    kind: 'receive' | 'adjust' | 'import';
    actorId: string | null;
    reason: string;
    reference?: string | undefined;
  },
): Promise<{ applied: AppliedChange[]; refused: RefusedChange[] }> {
  const ids = [...new Set(input.changes.map((c) => c.variantId))].sort();
  const targets = await targetsOf(tx, ids);
  const unknown = ids.filter((id) => !targets.has(id));
  if (unknown.length > 0) throw new NotFoundError('stock', unknown[0], 'STOCK_NOT_FOUND');
  if (ids.length !== input.changes.length) throw new Error('changeOnHand takes one change per variant');
  const changes = [...input.changes].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
  return guarded(tx, [...targets.values()], async (before) => {
    await repo.ensureLevels(
      tx,
      [...targets.values()].filter((t) => !before.has(t.variantId)),
    );
    // Read under the product locks: no other writer changes these rows until we commit.
    const plan = changes.map((c) => {
      const current = before.get(c.variantId) ?? zeroRow(targets.get(c.variantId)!);
      return { current, result: c.mode === 'set' ? c.quantity : current.onHand + c.quantity };
    });
    const refused = plan
      .filter((p) => p.result < p.current.reserved || p.result < 0)
      .map((p) => ({ variantId: p.current.variantId, onHand: p.current.onHand, reserved: p.current.reserved, result: p.result }));
    if (refused.length > 0) return { applied: [], refused };
    const after = new Map(
      (
        await repo.setOnHand(
          tx,
          plan.map((p) => ({ variantId: p.current.variantId, onHand: p.result })),
        )
      ).map((r) => [r.variantId, r]),
    );
    const applied: AppliedChange[] = plan.map((p) => ({
      variantId: p.current.variantId,
      before: toLevel(p.current),
      after: toLevel(after.get(p.current.variantId)!),
    }));
    await repo.insertMovements(
      tx,
      plan.map((p) => ({
        variantId: p.current.variantId,
        productId: p.current.productId,
        kind: input.kind,
        onHandDelta: p.result - p.current.onHand,
        reservedDelta: 0,
        onHandAfter: p.result,
        reservedAfter: after.get(p.current.variantId)!.reserved,
        actorId: input.actorId,
        reason: input.reason,
        reference: input.reference ?? null,
      })),
    );
    return { applied, refused: [] };
  });
}

/**
 * Puts returned units back on hand in `tx` (a return received), with a ledger row (`reference`: the
 * return) and the crossing events. 400 for a quantity that is no positive integer, 404
 * STOCK_NOT_FOUND for a variant the catalog does not know.
 */
export async function restock(
  tx: Tx,
  input: { variantId: string; quantity: number; reference: string; actorId: string | null; reason: string },
): Promise<StockLevel> {
  if (!isCount(input.quantity)) throw invalid('quantity', 'Restock a positive whole number of units.');
  if (!UUID.test(input.variantId)) throw new NotFoundError('stock', input.variantId, 'STOCK_NOT_FOUND');
  const targets = await targetsOf(tx, [input.variantId]);
  const target = targets.get(input.variantId);
  if (!target) throw new NotFoundError('stock', input.variantId, 'STOCK_NOT_FOUND');
  return guarded(tx, [target], async () => {
    await repo.ensureLevel(tx, target);
    const after = await repo.moveCounters(tx, input.variantId, { onHand: input.quantity, reserved: 0 });
    await repo.insertMovements(tx, [
      {
        variantId: input.variantId,
        productId: after.productId,
        kind: 'restock',
        onHandDelta: input.quantity,
        reservedDelta: 0,
        onHandAfter: after.onHand,
        reservedAfter: after.reserved,
        actorId: input.actorId,
        reason: input.reason,
        reference: input.reference,
      },
    ]);
    return toLevel(after);
  });
}

/** Threshold and unlimited flag of one variant (a toggle of `unlimited` can deplete or restock its product). */
export async function changeSettings(
  tx: Tx,
  input: { variantId: string; lowStockThreshold?: number | undefined; unlimited?: boolean | undefined },
): Promise<StockLevel> {
  const target = (await targetsOf(tx, [input.variantId])).get(input.variantId);
  if (!target) throw new NotFoundError('stock', input.variantId, 'STOCK_NOT_FOUND');
  return guarded(tx, [target], async () => {
    await repo.ensureLevel(tx, target);
    return toLevel(await repo.updateSettings(tx, input.variantId, input));
  });
}

// ---------- demo data ----------

/**
 * Receives the demo catalog's units (a `receive` ledger row each, reason "demo stock") and sets a
 * low-stock threshold of 5, for SKUs the catalog knows and that have no stock row yet: a second
 * call changes nothing. Returns how many variants it stocked.
 */
export async function seedDemoStock(db: Db, items: ReadonlyArray<{ sku: string; quantity: number }>): Promise<number> {
  if (items.length === 0) return 0;
  return withTx(db, async (tx) => {
    const refs = await variantsBySkus(
      tx,
      items.map((i) => i.sku),
    );
    const known = items.flatMap((i) => (refs.has(i.sku) ? [{ ...i, variantId: refs.get(i.sku)!.variantId }] : []));
    const existing = new Set(
      (
        await repo.findLevels(
          tx,
          known.map((k) => k.variantId),
        )
      ).map((r) => r.variantId),
    );
    const fresh = known.filter((k) => !existing.has(k.variantId));
    if (fresh.length === 0) return 0;
    await changeOnHand(tx, {
      changes: fresh.map((k) => ({ variantId: k.variantId, mode: 'add' as const, quantity: k.quantity })),
      kind: 'receive',
      actorId: null,
      reason: 'demo stock',
    });
    await repo.setThresholds(
      tx,
      fresh.map((k) => k.variantId),
      5,
    );
    return fresh.length;
  });
}

// ---------- storefront ----------

/**
 * What a shopper may know of a product's stock: per sold variant its state, and the units left
 * while low (「僅剩 3 件」). On-hand and reserved counts stay with staff. 404 PRODUCT_NOT_FOUND for a
 * product shoppers cannot see.
 */
export async function productStock(db: Db | Tx, productId: string) {
  const variantIds = await shopperVariantIds(db, productId);
  if (variantIds === null) throw new NotFoundError('product', productId, 'PRODUCT_NOT_FOUND');
  const levels = await stockLevels(db, variantIds);
  return {
    productId,
    variants: variantIds.map((variantId) => {
      const level = levels.get(variantId)!;
      return { variantId, state: level.state, left: level.state === 'low' ? level.available : null };
    }),
  };
}
