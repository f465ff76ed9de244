// Order numbers: 19 digits = epoch seconds (10) + instance id (3) + user bucket (3) + the sequence
// within that second (3). Pure; the sequence itself is allocated in the database (orders.repo.ts).
import { createHash } from 'node:crypto';

/** Numbers per instance, bucket and second; the next one in the same second is refused. */
export const SEQUENCE_PER_SECOND = 1000;
/** The bucket of every guest order (a user's is the hash of the user id mod 1000). */
export const GUEST_BUCKET = 0;

/** The user's bucket 0–999: a stable hash of the user id, so a user's orders spread no counters. */
export function userBucket(userId: string | null): number {
  if (userId === null) return GUEST_BUCKET;
  return createHash('sha256').update(userId.toLowerCase(), 'utf8').digest().readUInt32BE(0) % 1000;
}

export interface OrderNumberParts {
  second: number;
  instanceId: number;
  bucket: number;
  seq: number;
}

const inRange = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;

/** The 19-digit number; throws on parts out of range (a second before 2001 or after 2286 included). */
export function formatOrderNumber(p: OrderNumberParts): string {
  if (!inRange(p.second, 9_999_999_999) || p.second < 1_000_000_000) throw new RangeError(`second ${p.second} has no 10 digits`);
  if (!inRange(p.instanceId, 999) || !inRange(p.bucket, 999) || !inRange(p.seq, SEQUENCE_PER_SECOND - 1))
    throw new RangeError('instance, bucket and sequence are 0–999');
  const pad = (n: number) => String(n).padStart(3, '0');
  return `${p.second}${pad(p.instanceId)}${pad(p.bucket)}${pad(p.seq)}`;
}

/** The parts of a 19-digit number, or undefined for anything else. */
export function parseOrderNumber(s: string): OrderNumberParts | undefined {
  if (!/^\d{19}$/.test(s)) return undefined;
  return { second: Number(s.slice(0, 10)), instanceId: Number(s.slice(10, 13)), bucket: Number(s.slice(13, 16)), seq: Number(s.slice(16)) };
}
