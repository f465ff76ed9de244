import type { Db } from '../../db/client.js';
import type { AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth-types.js';

/** What staff stock use cases take. */
export interface InventoryDeps {
  db: Db;
}

/** Who is asking, and from where. */
export interface StaffCall {
  actor: Actor | null;
  context: AccessContext;
}

/** out: nothing available; low: available ≤ the threshold; unlimited variants are always in stock. */
export type StockState = 'in_stock' | 'low' | 'out';

export interface StockLevel {
  variantId: string;
  /** Null for a variant that has never had stock (no row yet). */
  productId: string | null;
  onHand: number;
  reserved: number;
  /** on hand − reserved; an unlimited variant can always be reserved whatever this says. */
  available: number;
  unlimited: boolean;
  lowStockThreshold: number;
  state: StockState;
}

export interface ReservationLine {
  variantId: string;
  quantity: number;
}
