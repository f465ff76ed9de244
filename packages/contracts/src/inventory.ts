import { z } from 'zod';

/** A page of items: `{ items, total, page, pageSize }`. */
export const Paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const StockState = z.enum(['in_stock', 'low', 'out']);

export const StockLevel = z.object({
  variantId: z.uuid(),
  /** Null for a variant that has never had stock. */
  productId: z.uuid().nullable(),
  /** The variant's SKU (null when the catalog no longer has the variant). */
  sku: z.string().nullable(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  /** on hand − reserved; never negative. An unlimited variant is always available. */
  available: z.number().int(),
  unlimited: z.boolean(),
  lowStockThreshold: z.number().int(),
  state: StockState,
});

export const StockMovementKind = z.enum(['receive', 'adjust', 'import', 'reserve', 'release', 'commit', 'restock']);

export const StockMovement = z.object({
  id: z.uuid(),
  kind: StockMovementKind,
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  onHandAfter: z.number().int(),
  reservedAfter: z.number().int(),
  actorId: z.uuid().nullable(),
  reason: z.string().nullable(),
  reference: z.string().nullable(),
  at: z.string(),
});

export const StockList = Paged(StockLevel);
export const StockPaging = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export const StockListQuery = StockPaging.extend({
  /** low: available ≤ threshold (out ones included); out: nothing available. */
  filter: z.enum(['low', 'out']).optional(),
  /** Part of a SKU, case-insensitive. */
  sku: z.string().trim().min(1).max(100).optional(),
  /**
   * One product's variants (the product editor's stock column). A variant that never had stock has
   * no row yet: it is not listed, and has 0 on hand.
   */
  productId: z.uuid().optional(),
});
export const StockParams = z.object({ variantId: z.uuid() });
export const StockDetail = StockLevel.extend({ ledger: Paged(StockMovement) });

/** Exactly one of `delta` (receive or count correction) and `set` (a stocktake), and why. */
export const StockAdjustBody = z
  .object({
    delta: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0, 'A delta of 0 changes nothing.')
      .optional(),
    set: z.number().int().min(0).max(1_000_000_000).optional(),
    reason: z.string().trim().min(1).max(500),
    /** receive: goods arrived (delta > 0); adjust (default): a correction. */
    kind: z.enum(['receive', 'adjust']).default('adjust'),
    /** A delivery note or count sheet number. */
    reference: z.string().trim().min(1).max(200).optional(),
  })
  .refine((b) => (b.delta === undefined) !== (b.set === undefined), { message: 'Send either delta or set.', path: ['delta'] })
  .refine((b) => b.kind !== 'receive' || (b.delta !== undefined && b.delta > 0), {
    message: 'A receipt adds units: send a positive delta.',
    path: ['kind'],
  });

export const StockSettingsBody = z
  .object({
    lowStockThreshold: z.number().int().min(0).max(1_000_000).optional(),
    unlimited: z.boolean().optional(),
  })
  .refine((b) => b.lowStockThreshold !== undefined || b.unlimited !== undefined, { message: 'Send lowStockThreshold or unlimited.' });

/** JSON form of the import: the CSV text (columns `sku, quantity, mode` with mode `set` or `add`). */
export const StockImportJson = z.object({ csv: z.string().max(5_000_000) });

/**
 * One problem of a stock import: `row` is the CSV line (1 = header), `column` the column it is
 * about, `code` one of CSV_UNCLOSED_QUOTE, FILE_EMPTY, CSV_MISSING_COLUMN, CSV_UNKNOWN_COLUMN,
 * CSV_CELL_COUNT, TOO_MANY_ROWS, SKU_REQUIRED, SKU_UNKNOWN, SKU_DUPLICATE, QUANTITY_INVALID,
 * MODE_INVALID, RESULT_NEGATIVE, RESULT_BELOW_RESERVED.
 */
export const StockImportError = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  sku: z.string().optional(),
  message: z.string(),
});

export const StockImportResult = z.object({
  applied: z.number().int(),
  items: z.array(
    z.object({
      row: z.number().int(),
      sku: z.string(),
      variantId: z.uuid(),
      mode: z.enum(['set', 'add']),
      quantity: z.number().int(),
      onHandBefore: z.number().int(),
      onHandAfter: z.number().int(),
    }),
  ),
});

// ---------- storefront ----------

/** `GET /api/stock/products/{productId}`: what a shopper may know of a product's stock, per variant. */
export const ProductStockParams = z.object({ productId: z.uuid() });
export const ProductStock = z.object({
  productId: z.uuid(),
  variants: z.array(
    z.object({
      variantId: z.uuid(),
      /** `low` once available units fall to the variant's low-stock threshold; `out` at 0. */
      state: StockState,
      /** Units left, told only while `low` (「僅剩 3 件」); null otherwise and for unlimited stock. */
      left: z.number().int().nullable(),
    }),
  ),
});
export type ProductStock = z.infer<typeof ProductStock>;
