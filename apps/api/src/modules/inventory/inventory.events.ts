// The stock module's outbox events. Each is appended in the stock module's own transaction (the
// one that changed the stock), so it is delivered if and only if that change committed. Consumers
// (catalog: sold out / back on the shelf) act in their own transactions, never inside the stock write.
import { z } from 'zod';
import { defineEvent } from '../../platform/events.js';

/**
 * The stock change that triggered the event. `variantId` is the variant whose change tipped the
 * product over; `at` is when the stock changed (ISO 8601), for ordering and logs.
 */
const StockStatusPayload = z.object({
  productId: z.uuid(),
  variantId: z.uuid(),
  at: z.iso.datetime({ offset: true }),
});

export const InventoryEvents = {
  /**
   * The product has no available unit on any of its variants any more (emitted once, on the change
   * that took the last available unit of the last variant that had one). Aggregate: the product.
   */
  depleted: defineEvent('inventory.depleted', StockStatusPayload, { aggregateType: 'product' }),
  /**
   * The product has an available unit again, after `depleted` (emitted once, on the change that
   * made the first unit available). Aggregate: the product.
   */
  restocked: defineEvent('inventory.restocked', StockStatusPayload, { aggregateType: 'product' }),
  /** A variant's available units fell to its low-stock threshold or below (written on the crossing only). Aggregate: the product. */
  lowStock: defineEvent(
    'inventory.low_stock',
    z.object({
      productId: z.uuid(),
      variantId: z.uuid(),
      available: z.number().int(),
      threshold: z.number().int(),
      at: z.iso.datetime({ offset: true }),
    }),
    { aggregateType: 'product' },
  ),
  /** Units were reserved for a reference (an order) until `expiresAt`. */
  reserved: defineEvent(
    'inventory.reserved',
    z.object({
      reference: z.string(),
      lines: z.array(z.object({ variantId: z.uuid(), quantity: z.number().int().positive() })),
      expiresAt: z.iso.datetime({ offset: true }),
    }),
  ),
  /** A reference's active reservations were released (expired, cancelled, …). */
  released: defineEvent('inventory.released', z.object({ reference: z.string(), reason: z.string() })),
} as const;
