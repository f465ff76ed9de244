import { z } from 'zod';
import { defineEvent } from '../../platform/events.js';
const StockChange = z.object({ productId: z.uuid(), variantId: z.uuid(), at: z.iso.datetime() });
/** Stock events. depleted: the product has no available unit on any variant any more; restocked: it has again. */
export const InventoryEvents = {
  depleted: defineEvent('inventory.depleted', StockChange),
  restocked: defineEvent('inventory.restocked', StockChange),
  /** A variant's available units fell to its low-stock threshold or below (written on the crossing only). */
  lowStock: defineEvent(
    'inventory.low_stock',
    z.object({ productId: z.uuid(), variantId: z.uuid(), available: z.number().int(), threshold: z.number().int(), at: z.iso.datetime() }),
  ),
  /** Units were reserved for a reference (an order) until `expiresAt`. */
  reserved: defineEvent(
    'inventory.reserved',
    z.object({ reference: z.string(), lines: z.array(z.object({ variantId: z.uuid(), quantity: z.number().int().positive() })), expiresAt: z.iso.datetime() }),
  ),
  /** A reference's active reservations were released (expired, cancelled, …). */
  released: defineEvent('inventory.released', z.object({ reference: z.string(), reason: z.string() })),
};
