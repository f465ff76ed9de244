import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { mintOrderId, ORDER_ID_TTL_MS, verifyOrderId } from './checkout-ids.js';

const key = randomBytes(32);
const now = new Date('2026-12-07T05:00:00Z');

describe('pre-issued order ids', () => {
  it('are UUIDs the shopper they were issued to can use', () => {
    const id = mintOrderId(key, 'user:a', now);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(verifyOrderId(key, 'user:a', id, now)?.getTime()).toBe(now.getTime());
    expect(verifyOrderId(key, 'user:a', id.toUpperCase(), now)).not.toBeNull();
  });

  it('are refused for another shopper, another key, a changed digit or a random uuid', () => {
    const id = mintOrderId(key, 'user:a', now);
    expect(verifyOrderId(key, 'user:b', id, now)).toBeNull();
    expect(verifyOrderId(randomBytes(32), 'user:a', id, now)).toBeNull();
    const last = id.at(-1) === '0' ? '1' : '0';
    expect(verifyOrderId(key, 'user:a', id.slice(0, -1) + last, now)).toBeNull();
    expect(verifyOrderId(key, 'user:a', randomUUID(), now)).toBeNull();
  });

  it('expire a day after they were issued', () => {
    const id = mintOrderId(key, 'guest:x', now);
    expect(verifyOrderId(key, 'guest:x', id, new Date(now.getTime() + ORDER_ID_TTL_MS - 1))).not.toBeNull();
    expect(verifyOrderId(key, 'guest:x', id, new Date(now.getTime() + ORDER_ID_TTL_MS + 1))).toBeNull();
  });

  it('are different each time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => mintOrderId(key, 'user:a', now)));
    expect(ids.size).toBe(200);
  });
});
