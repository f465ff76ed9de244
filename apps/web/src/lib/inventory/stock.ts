import type { StockAdjustBody, StockMovementKind as MovementKind, StockState as State } from '@shop/contracts/inventory';
import type { z } from 'zod';

type StockState = z.infer<typeof State>;
type StockMovementKind = z.infer<typeof MovementKind>;

/** The badge tone of a stock state: out is a danger, low a warning. */
export function stockStateTone(state: StockState): 'ok' | 'warn' | 'danger' {
  return state === 'out' ? 'danger' : state === 'low' ? 'warn' : 'ok';
}

/** Message key of a ledger kind's label. */
export function ledgerKindKey(kind: StockMovementKind): `admin.stock.kinds.${StockMovementKind}` {
  return `admin.stock.kinds.${kind}`;
}

/** A signed change: "+5", "−2", "0" (a real minus sign, so it reads as one). */
export function signed(n: number): string {
  if (n > 0) return `+${n}`;
  if (n < 0) return `−${Math.abs(n)}`;
  return '0';
}

export type AdjustErrorKey =
  | 'admin.stock.quantityInvalid'
  | 'admin.stock.deltaZero'
  | 'admin.stock.setNegative'
  | 'admin.stock.receiveNeedsPositive'
  | 'admin.stock.reasonRequired';

export interface AdjustFields {
  mode: string;
  quantity: string;
  kind: string;
  reason: string;
  reference: string;
}

/**
 * The adjust form's fields as the API's body, or the message key of each field's problem. `mode`
 * is `delta` (add or remove units) or `set` (a counted figure).
 */
export function adjustBody(
  fields: AdjustFields,
):
  | { body: z.input<typeof StockAdjustBody>; errors?: undefined }
  | { body?: undefined; errors: Partial<Record<keyof AdjustFields, AdjustErrorKey>> } {
  const errors: Partial<Record<keyof AdjustFields, AdjustErrorKey>> = {};
  const text = fields.quantity.trim().replace(/^[−–]/, '-');
  const quantity = /^[+-]?\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  const set = fields.mode === 'set';
  const kind = !set && fields.kind === 'receive' ? 'receive' : 'adjust';
  if (!Number.isSafeInteger(quantity)) errors.quantity = 'admin.stock.quantityInvalid';
  else if (set && quantity < 0) errors.quantity = 'admin.stock.setNegative';
  else if (!set && quantity === 0) errors.quantity = 'admin.stock.deltaZero';
  else if (kind === 'receive' && quantity < 0) errors.quantity = 'admin.stock.receiveNeedsPositive';
  const reason = fields.reason.trim();
  if (reason === '') errors.reason = 'admin.stock.reasonRequired';
  if (Object.keys(errors).length > 0) return { errors };
  const reference = fields.reference.trim() || undefined;
  return { body: set ? { set: quantity, reason, kind, reference } : { delta: quantity, reason, kind, reference } };
}
