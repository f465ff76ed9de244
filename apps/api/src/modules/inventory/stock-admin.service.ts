// Staff stock use cases: each authorizes on `stock` and writes in its own transaction.
import { authorize } from '../../platform/access.js';
import { AppError, ConflictError, NotFoundError } from '../../platform/errors.js';
import { withTx } from '../../platform/tx.js';
import { variantsByIds, variantsBySkus, variantsMatchingSku } from '../catalog/index.js';
import * as repo from './inventory.repo.js';
import { changeOnHand, changeSettings, emptyLevel, toLevel, type RefusedChange } from './inventory.service.js';
import type { InventoryDeps, StaffCall, StockLevel } from './inventory.types.js';
import { readStockImport, type StockImportProblem } from './stock-import.js';

/** A stock level with the variant's SKU, as staff see it. */
export interface StaffStockLevel extends StockLevel {
  sku: string | null;
}

/** A SKU search reaches at most this many variants. */
const SKU_MATCH_LIMIT = 1000;

async function withSkus(deps: InventoryDeps, levels: StockLevel[]): Promise<StaffStockLevel[]> {
  const refs = await variantsByIds(
    deps.db,
    levels.map((l) => l.variantId),
  );
  return levels.map((l) => ({ ...l, sku: refs.get(l.variantId)?.sku ?? null }));
}

export async function listStock(
  deps: InventoryDeps,
  input: StaffCall & {
    filter?: repo.LevelFilter | undefined;
    sku?: string | undefined;
    productId?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: StaffStockLevel[]; total: number }> {
  await authorize(deps.db, { ...input, action: 'read', resource: { type: 'stock' } });
  const variantIds = input.sku ? (await variantsMatchingSku(deps.db, input.sku, SKU_MATCH_LIMIT)).map((v) => v.variantId) : undefined;
  const { rows, total } = await repo.listLevels(deps.db, {
    filter: input.filter,
    variantIds,
    productId: input.productId,
    page: input.page,
    pageSize: input.pageSize,
  });
  return { rows: await withSkus(deps, rows.map(toLevel)), total };
}

/** Variants at or below their low-stock threshold (out of stock ones included), lowest first. */
export async function lowStock(deps: InventoryDeps, input: StaffCall & { page: number; pageSize: number }) {
  return listStock(deps, { ...input, filter: 'low' });
}

export async function getStock(
  deps: InventoryDeps,
  input: StaffCall & { variantId: string; page: number; pageSize: number },
): Promise<{ level: StaffStockLevel; ledger: { rows: repo.MovementRow[]; total: number } }> {
  await authorize(deps.db, { ...input, action: 'read', resource: { type: 'stock', id: input.variantId } });
  const row = await repo.findLevel(deps.db, input.variantId);
  const ref = (await variantsByIds(deps.db, [input.variantId])).get(input.variantId);
  if (!row && !ref) throw new NotFoundError('stock', input.variantId, 'STOCK_NOT_FOUND');
  const level = row ? toLevel(row) : { ...emptyLevel(input.variantId), productId: ref!.productId };
  const ledger = await repo.movementsOf(deps.db, input);
  return { level: { ...level, sku: ref?.sku ?? null }, ledger };
}

function belowReserved(r: RefusedChange): ConflictError {
  return new ConflictError(
    'STOCK_BELOW_RESERVED',
    r.result < 0
      ? `On hand cannot go below 0 (it would be ${r.result}).`
      : `${r.reserved} unit(s) are reserved; on hand cannot go below that (it would be ${r.result}).`,
    { onHand: r.onHand, reserved: r.reserved, result: r.result },
  );
}

/** A receipt or correction (`delta`) or a stocktake (`set`) of one variant, with a reason. */
export async function adjustStock(
  deps: InventoryDeps,
  input: StaffCall & {
    variantId: string;
    delta?: number | undefined;
    set?: number | undefined;
    kind: 'receive' | 'adjust';
    reason: string;
    reference?: string | undefined;
  },
): Promise<StaffStockLevel> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'stock', id: input.variantId } });
  const change =
    input.set === undefined ? { mode: 'add' as const, quantity: input.delta ?? 0 } : { mode: 'set' as const, quantity: input.set };
  const applied = await withTx(deps.db, async (tx) => {
    const result = await changeOnHand(tx, {
      changes: [{ variantId: input.variantId, ...change }],
      kind: input.kind,
      actorId: input.actor?.userId ?? null,
      reason: input.reason,
      reference: input.reference,
    });
    // Thrown inside, so the transaction rolls back.
    if (result.refused[0]) throw belowReserved(result.refused[0]);
    return result.applied;
  });
  const [level] = await withSkus(deps, [applied[0]!.after]);
  return level!;
}

export async function updateStockSettings(
  deps: InventoryDeps,
  input: StaffCall & { variantId: string; lowStockThreshold?: number | undefined; unlimited?: boolean | undefined },
): Promise<StaffStockLevel> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'stock', id: input.variantId } });
  const level = await withTx(deps.db, (tx) => changeSettings(tx, input));
  const [out] = await withSkus(deps, [level]);
  return out!;
}

export interface ImportedStock {
  row: number;
  sku: string;
  variantId: string;
  mode: 'set' | 'add';
  quantity: number;
  onHandBefore: number;
  onHandAfter: number;
}

function importInvalid(problems: StockImportProblem[]): AppError {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const rows = new Set(sorted.map((p) => p.row)).size;
  return new AppError('IMPORT_INVALID', 400, `${sorted.length} problem(s) in ${rows} row(s); nothing was imported.`, { errors: sorted });
}

/**
 * A CSV of `sku, quantity, mode`: validated as a whole (unknown SKU, bad number or mode, duplicate
 * SKU, a result below 0 or below what is reserved) and applied in one transaction, or not at all
 * (400 IMPORT_INVALID naming every bad row).
 */
export async function importStock(
  deps: InventoryDeps,
  input: StaffCall & { csv: string; reason?: string | undefined },
): Promise<ImportedStock[]> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'stock' } });
  const { rows, problems } = readStockImport(input.csv);
  const refs = await variantsBySkus(
    deps.db,
    rows.map((r) => r.sku),
  );
  for (const r of rows) {
    if (!refs.has(r.sku))
      problems.push({ row: r.row, column: 'sku', code: 'SKU_UNKNOWN', sku: r.sku, message: `No variant has the SKU ${r.sku}.` });
  }
  if (problems.length > 0) throw importInvalid(problems);
  if (rows.length === 0) throw importInvalid([{ row: 1, column: '', code: 'FILE_EMPTY', message: 'The file has no rows.' }]);

  const rowOf = new Map(rows.map((r) => [refs.get(r.sku)!.variantId, r]));
  const applied = await withTx(deps.db, async (tx) => {
    const result = await changeOnHand(tx, {
      changes: rows.map((r) => ({ variantId: refs.get(r.sku)!.variantId, mode: r.mode, quantity: r.quantity })),
      kind: 'import',
      actorId: input.actor?.userId ?? null,
      reason: input.reason ?? 'CSV import',
    });
    if (result.refused.length > 0) {
      throw importInvalid(
        result.refused.map((f) => {
          const r = rowOf.get(f.variantId)!;
          return f.result < 0
            ? { row: r.row, column: 'quantity', code: 'RESULT_NEGATIVE', sku: r.sku, message: `On hand would be ${f.result}.` }
            : {
                row: r.row,
                column: 'quantity',
                code: 'RESULT_BELOW_RESERVED',
                sku: r.sku,
                message: `On hand would be ${f.result}, below the ${f.reserved} reserved.`,
              };
        }),
      );
    }
    return result.applied;
  });
  return applied
    .map((a) => {
      const r = rowOf.get(a.variantId)!;
      return {
        row: r.row,
        sku: r.sku,
        variantId: a.variantId,
        mode: r.mode,
        quantity: r.quantity,
        onHandBefore: a.before.onHand,
        onHandAfter: a.after.onHand,
      };
    })
    .sort((a, b) => a.row - b.row);
}
