// Pre-issued order ids: a UUID (version 8) that carries when it was issued and a MAC binding it to
// the shopper it was issued to, so the form's id cannot be forged nor used by another shopper, and
// the server keeps nothing until the order is placed.
//
// Layout (16 bytes): 0–3 issue time in seconds, 4–5 random, 6 version (8) + 4 random bits, 7 random,
// 8 variant (10) + 6 bits of MAC, 9–15 MAC (28 random bits, 62 bits of MAC). MAC = HMAC-SHA256(key, "checkout-order-id" ‖ owner ‖ bytes 0–7).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a form's order id may be used. */
export const ORDER_ID_TTL_MS = 24 * 60 * 60 * 1000;
/** Issue times this far ahead of the server's clock still pass (several servers' clocks). */
const FUTURE_SLACK_MS = 5 * 60 * 1000;

function mac(key: Uint8Array, owner: string, head: Buffer): Buffer {
  return createHmac('sha256', key).update('checkout-order-id\u0000').update(owner, 'utf8').update('\u0000').update(head).digest();
}

const toUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** A new order id for `owner` (the user's or the guest cart's key), issued at `now`. */
export function mintOrderId(key: Uint8Array, owner: string, now: Date): string {
  const b = Buffer.alloc(16);
  b.writeUInt32BE(Math.floor(now.getTime() / 1000), 0);
  const r = randomBytes(4);
  b[4] = r[0]!;
  b[5] = r[1]!;
  b[6] = 0x80 | (r[2]! & 0x0f);
  b[7] = r[3]!;
  const m = mac(key, owner, b.subarray(0, 8));
  m.copy(b, 8, 0, 8);
  b[8] = 0x80 | (b[8]! & 0x3f);
  return toUuid(b);
}

/** When the id was issued, if it was issued to `owner` with this key and is still usable at `now`; else null. */
export function verifyOrderId(key: Uint8Array, owner: string, id: string, now: Date): Date | null {
  const hex = id.replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  const b = Buffer.from(hex, 'hex');
  if (b[6]! >> 4 !== 0x8 || b[8]! >> 6 !== 0b10) return null;
  const m = mac(key, owner, b.subarray(0, 8));
  m[0] = 0x80 | (m[0]! & 0x3f);
  if (!timingSafeEqual(m.subarray(0, 8), b.subarray(8, 16))) return null;
  const issued = b.readUInt32BE(0) * 1000;
  const age = now.getTime() - issued;
  if (age > ORDER_ID_TTL_MS || age < -FUTURE_SLACK_MS) return null;
  return new Date(issued);
}
