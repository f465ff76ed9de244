// What the refund pages show and offer. The API decides every refund again (and computes its
// amount); these keep a form off the page that would be refused and give the shopper an estimate.
import type { Order } from '@shop/contracts/orders';
import type { Refund, RefundRoute, RefundStatus } from '@shop/contracts/refunds';
import type { BadgeTone } from '$lib/orders/order-status';

type OrderForRefund = Pick<Order, 'status' | 'items' | 'totals' | 'payments' | 'refunds' | 'refundFigures'>;

const tones: Record<RefundStatus, BadgeTone> = {
  requested: 'warn',
  approved: 'warn',
  processing: 'warn',
  succeeded: 'ok',
  rejected: 'danger',
  failed: 'danger',
};

export function refundTone(status: RefundStatus): BadgeTone {
  return tones[status];
}

/** Statuses of a refund that still holds its money and units (not yet given back, not refused). */
const OPEN: readonly RefundStatus[] = ['requested', 'approved', 'processing'];
/** Statuses whose units and money no longer count against the order. */
const DROPPED: readonly RefundStatus[] = ['rejected', 'failed'];

export function refundIsOpen(refund: Pick<Refund, 'status'>): boolean {
  return OPEN.includes(refund.status);
}

/**
 * How the money goes back, from the order's paid payment: a card charge (ECPay by card, Apple Pay
 * or its cashier's own choice) is refunded through ECPay; anything else (ATM, store code, barcode,
 * bank transfer, cash on delivery) is transferred to the shopper's bank account.
 */
export function refundRouteOf(order: Pick<Order, 'payments'>): RefundRoute {
  const paid = order.payments.find((p) => p.status === 'succeeded' || p.status === 'partially_refunded' || p.status === 'refunded');
  if (paid?.provider === 'ecpay' && paid.ecpayMethod && !['atm', 'cvs', 'barcode'].includes(paid.ecpayMethod)) return 'card';
  return 'transfer';
}

/** A shopper may ask for a refund of a paid order that has not shipped, with nothing open and something left to give back. */
export function shopperMayRequestRefund(order: OrderForRefund): boolean {
  return (
    (order.status === 'paid' || order.status === 'preparing_shipment') &&
    !order.refunds.some(refundIsOpen) &&
    order.refundFigures.refundable > 0
  );
}

/**
 * Staff may refund what is left of an order (declining it, some items, money that arrived late, or
 * again after a whole refund failed and left the order waiting in refund_requested) while no refund is open.
 */
export function staffMayRefund(order: OrderForRefund): boolean {
  return order.refundFigures.refundable > 0 && !order.refunds.some(refundIsOpen);
}

/** Which parts the refund form needs: the bank account fields only when the money goes back by transfer. */
export function refundFormNeeds(order: Pick<Order, 'payments'>): { bankAccount: boolean } {
  return { bankAccount: refundRouteOf(order) === 'transfer' };
}

/** One order line as the refund form offers it: how many units are left to refund and their money. */
export interface RefundableLine {
  itemId: string;
  kind: Order['items'][number]['kind'];
  quantity: number;
  lineTotal: number;
  /** Units already refunded or asked for (refunds not rejected or failed). */
  taken: number;
  remaining: number;
}

/** Each line's units left to refund, in the order's order. */
export function refundableLines(order: Pick<Order, 'items' | 'refunds'>): RefundableLine[] {
  const taken = new Map<string, number>();
  for (const refund of order.refunds) {
    if (DROPPED.includes(refund.status)) continue;
    for (const line of refund.lines) taken.set(line.itemId, (taken.get(line.itemId) ?? 0) + line.quantity);
  }
  return order.items.map((item) => {
    const t = Math.min(item.quantity, taken.get(item.id) ?? 0);
    return { itemId: item.id, kind: item.kind, quantity: item.quantity, lineTotal: item.lineTotal, taken: t, remaining: item.quantity - t };
  });
}

/**
 * The money of `count` units of a line after `taken` were refunded: the line's total split per
 * unit, each unit the floor of an equal share and the remainder one each on the last units.
 */
export function unitsAmount(line: Pick<RefundableLine, 'quantity' | 'lineTotal'>, taken: number, count: number): number {
  if (count <= 0 || line.quantity <= 0) return 0;
  const base = Math.floor(line.lineTotal / line.quantity);
  const extra = line.lineTotal - base * line.quantity;
  // Units [firstExtra, quantity) carry one more.
  const firstExtra = line.quantity - extra;
  const from = taken;
  const to = Math.min(line.quantity, taken + count);
  const withExtra = Math.max(0, to - Math.max(from, firstExtra));
  return (to - from) * base + withExtra;
}

/** The shipping fee still to give back: what was paid for shipping less what refunds already hold. */
export function shippingLeft(order: Pick<Order, 'totals' | 'refunds'>): number {
  const paid = order.totals.shipping - order.totals.shippingDiscount;
  const held = order.refunds.filter((r) => !DROPPED.includes(r.status)).reduce((sum, r) => sum + r.shipping, 0);
  return Math.max(0, paid - held);
}

/** What a refund would come to, as the server computes it; never more than the order's refundable figure. */
export function estimateRefund(
  order: Pick<Order, 'items' | 'totals' | 'refunds' | 'refundFigures'>,
  choice: { whole: true } | { whole: false; lines: ReadonlyArray<{ itemId: string; quantity: number }> },
): number {
  const lines = refundableLines(order);
  let amount: number;
  if (choice.whole) {
    amount = lines.reduce((sum, l) => sum + unitsAmount(l, l.taken, l.remaining), 0) + shippingLeft(order);
  } else {
    // Every unit left of every line but the gifts is the whole order (its gifts and shipping with it).
    const covers = lines.every(
      (l) => l.kind === 'gift' || l.remaining === 0 || choice.lines.some((c) => c.itemId === l.itemId && c.quantity === l.remaining),
    );
    if (covers && choice.lines.length > 0) return estimateRefund(order, { whole: true });
    amount = 0;
    for (const chosen of choice.lines) {
      const line = lines.find((l) => l.itemId === chosen.itemId);
      if (line && line.kind !== 'gift') amount += unitsAmount(line, line.taken, Math.min(chosen.quantity, line.remaining));
    }
  }
  return Math.min(amount, order.refundFigures.refundable);
}

// ---------- the form post ----------

/** What a page's `refund` form action answered: done, or a message, field errors and the values typed (to show again). */
export interface RefundFormAnswer {
  form?: string;
  done?: unknown;
  message?: string | null;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** The API asked for a bank account the page could not foresee. */
  needsBank?: boolean;
}

export interface RefundFormRead {
  /** What was typed, to fill the form again. */
  values: Record<string, string>;
  /** The body to validate with RefundRequestBody / StaffRefundBody. */
  input: {
    reason: string;
    lines?: Array<{ itemId: string; quantity: number }>;
    bankAccount?: { bankCode: string; branchCode?: string; account: string; holder: string };
    restock?: boolean;
  };
  /** Problems found before the schema: keys of `refunds.form.*`. */
  problems: Partial<Record<'lines', 'chooseItems' | 'quantityInvalid'>>;
}

export const bankFields = ['bankCode', 'branchCode', 'account', 'holder'] as const;

/** The quantity field of an order line in the refund forms. */
export const quantityField = (itemId: string) => `qty.${itemId}`;

/**
 * Reads a refund form post (`scope` whole or items, `qty.<itemId>` per line, `reason`, the bank
 * fields when `bankAccount`, `restock` when `staff`). Gift lines are not chosen one by one: they go
 * back with the whole order.
 */
export function readRefundForm(
  form: FormData,
  order: Pick<Order, 'items' | 'refunds'>,
  options: { bankAccount: boolean; staff?: boolean },
): RefundFormRead {
  const get = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const values: Record<string, string> = { scope: get('scope') === 'items' ? 'items' : 'whole', reason: get('reason') };
  const input: RefundFormRead['input'] = { reason: get('reason').trim() };
  const problems: RefundFormRead['problems'] = {};

  if (values.scope === 'items') {
    const lines: Array<{ itemId: string; quantity: number }> = [];
    for (const line of refundableLines(order)) {
      if (line.kind === 'gift') continue;
      const raw = get(quantityField(line.itemId)).trim();
      values[quantityField(line.itemId)] = raw;
      if (raw === '' || raw === '0') continue;
      const quantity = Number(raw);
      if (!/^\d+$/.test(raw) || quantity > line.remaining) {
        problems.lines = 'quantityInvalid';
        continue;
      }
      lines.push({ itemId: line.itemId, quantity });
    }
    if (!problems.lines && lines.length === 0) problems.lines = 'chooseItems';
    input.lines = lines;
  }

  if (options.bankAccount) {
    for (const name of bankFields) values[name] = get(name);
    const blank = bankFields.every((name) => get(name).trim() === '');
    // Staff may leave the account out (they may not know it yet); a shopper must give it.
    if (!(options.staff && blank)) {
      const branchCode = get('branchCode').trim();
      input.bankAccount = {
        bankCode: get('bankCode').trim(),
        ...(branchCode ? { branchCode } : {}),
        account: get('account').replace(/[\s-]/g, ''),
        holder: get('holder').trim(),
      };
    }
  }

  if (options.staff) {
    const restock = form.get('restock');
    input.restock = typeof restock === 'string' && restock !== 'off' && restock !== 'false';
    values.restock = input.restock ? 'on' : '';
  }
  return { values, input, problems };
}

/** A field error of the refund forms (`bankAccount.bankCode`, `lines.0.quantity`) as the form's field it shows next to. */
export function refundFieldOf(path: string): string {
  if (path.startsWith('bankAccount.')) return path.slice('bankAccount.'.length);
  if (path === 'bankAccount') return 'bankCode';
  if (path.startsWith('lines')) return 'lines';
  return path;
}

// ---------- the staff queue ----------

export const QUEUE_STATUSES = ['requested', 'approved', 'processing', 'succeeded', 'rejected', 'failed'] as const;

/** The queue's address (`?status=processing&page=2`) as the API's query: `requested` by default, `all` for every status. */
export function adminRefundQuery(params: URLSearchParams): {
  query: { status?: RefundStatus; page: number; pageSize: number };
  status: RefundStatus | 'all';
} {
  const raw = (params.get('status') ?? '').trim();
  const status: RefundStatus | 'all' =
    raw === 'all' ? 'all' : (QUEUE_STATUSES as readonly string[]).includes(raw) ? (raw as RefundStatus) : 'requested';
  const pageRaw = Number(params.get('page') ?? '1');
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 100_000 ? pageRaw : 1;
  return { query: { ...(status === 'all' ? {} : { status }), page, pageSize: 25 }, status };
}
