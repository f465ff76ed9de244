// The mail a buyer gets when an order is placed: an outbox handler of `order.created` that queues
// one `order_placed` mail (notifications' `email.send`) in the buyer's language. The relay's
// consumer ledger runs it once per event, so a redelivered event queues nothing more.
import type { Config } from '../../config.js';
import type { Tx } from '../../db/client.js';
import { defineHandler } from '../../platform/events.js';
import type { EventHandler } from '../../platform/outbox.js';
import { queueEmail } from '../notifications/index.js';
import { OrderCreated } from './orders.events.js';
import * as repo from './orders.repo.js';

type Locale = 'zh-TW' | 'en';
type Named = { 'zh-TW': string; en: string };

export const ORDER_PLACED_MAIL_HANDLER = 'orders.order-placed-mail';

const named = (n: Named, locale: Locale) => n[locale]?.trim() || n['zh-TW'];

/**
 * Where the mail's button goes: always on the configured public URL (never a request's host),
 * `/en` first for English; a guest's link carries the signed token that opens the order.
 */
export function orderLink(publicUrl: string, v: { orderId: string; locale: Locale; guestLinkToken: string | null }): string {
  const path = `${v.locale === 'en' ? '/en' : ''}/orders/${v.orderId}`;
  return `${publicUrl}${path}${v.guestLinkToken ? `?token=${encodeURIComponent(v.guestLinkToken)}` : ''}`;
}

async function orderPlacedParams(tx: Tx, row: repo.OrderRow, locale: Locale, link: string) {
  // One after the other: a transaction is one connection.
  const items = await repo.itemsOf(tx, row.id);
  const addresses = await repo.addressesOf(tx, row.id);
  const buyer = addresses.find((a) => a.role === 'buyer');
  const recipient = addresses.find((a) => a.role === 'recipient');
  const store = addresses.find((a) => a.role === 'store');
  const delivery =
    store && recipient
      ? {
          kind: 'store' as const,
          name: recipient.name,
          mobile: recipient.mobile ?? '',
          // Chains name their stores with the brand already ("7-ELEVEN 重慶門市"): no brand twice.
          store: store.brand && !store.name.startsWith(store.brand) ? `${store.brand} ${store.name}` : store.name,
          address: store.line ?? '',
        }
      : recipient && recipient.line !== null
        ? {
            kind: 'home' as const,
            name: recipient.name,
            mobile: recipient.mobile ?? '',
            address: `${recipient.zip ?? ''} ${recipient.city ?? ''}${recipient.district ?? ''}${recipient.line}`.trim(),
          }
        : { kind: 'none' as const };
  return {
    displayName: buyer?.name ?? '',
    link,
    orderNumber: row.orderNumber,
    items: items.map((i) => {
      const options = i.options.map((o) => named(o.value, locale)).join(' / ');
      return {
        name: options
          ? `${named(i.productName, locale)}${locale === 'en' ? ` (${options})` : `（${options}）`}`
          : named(i.productName, locale),
        gift: i.kind === 'gift',
        quantity: i.quantity,
        lineSubtotal: i.lineSubtotalMinor,
      };
    }),
    subtotal: row.subtotalMinor,
    discount: row.lineDiscountsMinor + row.orderDiscountsMinor,
    couponCode: row.couponCode,
    shipping: row.shippingMinor,
    shippingDiscount: row.shippingDiscountMinor,
    total: row.totalMinor,
    paymentMethod: row.paymentMethod,
    dueAt: row.paymentMethod === 'bank_transfer' && row.reservationExpiresAt ? row.reservationExpiresAt.toISOString() : null,
    delivery,
  };
}

/**
 * On `order.created`: queues the `order_placed` mail to the buyer's e-mail in the order's language,
 * in the handler's transaction (the ledger row and the mail's event commit together). The order is
 * read as it is now, in the same transaction; an order that no longer exists gets no mail.
 */
export function orderPlacedMailHandler(config: Pick<Config, 'http'>): EventHandler {
  return defineHandler({
    name: ORDER_PLACED_MAIL_HANDLER,
    events: [OrderCreated],
    async handle(tx, payload) {
      const row = await repo.findOrder(tx, payload.orderId);
      if (!row) return;
      const locale: Locale = row.locale;
      const link = orderLink(config.http.publicUrl, {
        orderId: row.id,
        locale,
        guestLinkToken: row.userId ? null : payload.guestLinkToken,
      });
      await queueEmail(tx, {
        to: payload.buyerEmail,
        template: 'order_placed',
        locale,
        params: await orderPlacedParams(tx, row, locale, link),
      });
    },
  });
}
