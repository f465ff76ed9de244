// ECPay's CheckMacValue: the checksum every AIO and logistics form carries. Pure: no I/O, no clock.
import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 for AIO payments (`EncryptType=1`); MD5 for logistics, the e-invoice allowance callback and legacy AIO. */
export type CheckMacAlgorithm = 'sha256' | 'md5';

export interface CheckMacKeys {
  hashKey: string;
  hashIv: string;
}

/** The fields as transmitted, decoded: every present field counts, empty ones included. */
export type EcpayFields = Readonly<Record<string, string>>;

const UNRESERVED = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!*()'.split('').map((c) => c.charCodeAt(0)));
const SPACE = 0x20;
const encoder = new TextEncoder();

/**
 * URL-encodes like .NET's `HttpUtility.UrlEncode`, which ECPay's checksum is defined by: over the
 * UTF-8 bytes, `A–Z a–z 0–9 - _ . ! * ( )` stay, a space becomes `+`, every other byte `%xx`
 * (lower-case hex). `encodeURIComponent` differs on `~ ' ! * ( )` and the space.
 */
export function ecpayUrlEncode(value: string): string {
  let out = '';
  for (const byte of encoder.encode(value)) {
    if (UNRESERVED.has(byte)) out += String.fromCharCode(byte);
    else if (byte === SPACE) out += '+';
    else out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/**
 * The string that is hashed: every field but `CheckMacValue`, sorted by name case-insensitively
 * (lower-cased names compared by code point), joined as `name=value` with `&`, framed by
 * `HashKey=…&` and `&HashIV=…`, URL-encoded and lower-cased.
 */
export function checkMacSource(fields: EcpayFields, keys: CheckMacKeys): string {
  const names = Object.keys(fields)
    .filter((name) => name !== 'CheckMacValue')
    .sort((a, b) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const joined = names.map((name) => `${name}=${fields[name]}`).join('&');
  return ecpayUrlEncode(`HashKey=${keys.hashKey}&${joined}&HashIV=${keys.hashIv}`).toLowerCase();
}

/** The upper-case hex CheckMacValue of the fields (64 characters for SHA-256, 32 for MD5). */
export function checkMacValue(fields: EcpayFields, keys: CheckMacKeys, algorithm: CheckMacAlgorithm): string {
  return createHash(algorithm).update(checkMacSource(fields, keys), 'ascii').digest('hex').toUpperCase();
}

/** The fields with their CheckMacValue added, ready to post. */
export function signFields<T extends EcpayFields>(
  fields: T,
  keys: CheckMacKeys,
  algorithm: CheckMacAlgorithm,
): T & { CheckMacValue: string } {
  return { ...fields, CheckMacValue: checkMacValue(fields, keys, algorithm) };
}

/**
 * Compares two strings in time that depends only on their lengths, never on where they first
 * differ. Different lengths answer false at once (the length of a checksum is no secret).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  if (x.length !== y.length) return false;
  return timingSafeEqual(x, y);
}

/**
 * Whether received fields carry the CheckMacValue of everything else they hold. Every received
 * field is hashed as it arrived (unknown ones too); the comparison ignores case and takes constant
 * time. A missing CheckMacValue is a mismatch.
 */
export function verifyCheckMacValue(fields: EcpayFields, keys: CheckMacKeys, algorithm: CheckMacAlgorithm): boolean {
  const received = fields.CheckMacValue;
  if (typeof received !== 'string' || received === '') return false;
  return constantTimeEqual(received.toUpperCase(), checkMacValue(fields, keys, algorithm));
}

/**
 * The checksum of ECPay's newer JSON APIs (ECTicket and the like), a different scheme:
 * SHA-256 over `HashKey + data JSON + HashIV`, percent-encoded as RFC 3986 (.NET
 * `Uri.EscapeDataString`: only `A–Z a–z 0–9 - . _ ~` stay) and lower-cased; upper-case hex.
 */
export function jsonCheckMacValue(dataJson: string, keys: CheckMacKeys): string {
  const encoded = encodeURIComponent(`${keys.hashKey}${dataJson}${keys.hashIv}`).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return createHash('sha256').update(encoded.toLowerCase(), 'ascii').digest('hex').toUpperCase();
}
