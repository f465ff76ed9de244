import { describe, expect, it } from 'vitest';
import { formatOrderNumber, GUEST_BUCKET, parseOrderNumber, userBucket } from './order-number.js';

describe('order numbers', () => {
  it('are 19 digits: seconds, instance, bucket, sequence', () => {
    const n = formatOrderNumber({ second: 1_796_000_000, instanceId: 7, bucket: 42, seq: 3 });
    expect(n).toBe('1796000000007042003');
    expect(n).toMatch(/^\d{19}$/);
    expect(parseOrderNumber(n)).toEqual({ second: 1_796_000_000, instanceId: 7, bucket: 42, seq: 3 });
  });

  it('refuse parts out of range', () => {
    expect(() => formatOrderNumber({ second: 1_796_000_000, instanceId: 1000, bucket: 0, seq: 0 })).toThrow(RangeError);
    expect(() => formatOrderNumber({ second: 1_796_000_000, instanceId: 0, bucket: 0, seq: 1000 })).toThrow(RangeError);
    expect(() => formatOrderNumber({ second: 99, instanceId: 0, bucket: 0, seq: 0 })).toThrow(RangeError);
    expect(parseOrderNumber('123')).toBeUndefined();
  });

  it('put a user in the same bucket every time and guests in theirs', () => {
    const id = '6f1c2e1e-8a4b-4c3d-9e0f-0123456789ab';
    expect(userBucket(id)).toBe(userBucket(id.toUpperCase()));
    expect(userBucket(id)).toBeGreaterThanOrEqual(0);
    expect(userBucket(id)).toBeLessThan(1000);
    expect(userBucket(null)).toBe(GUEST_BUCKET);
  });

  it('differ between two instances in the same second, bucket and sequence', () => {
    const a = formatOrderNumber({ second: 1_796_000_000, instanceId: 1, bucket: 5, seq: 0 });
    const b = formatOrderNumber({ second: 1_796_000_000, instanceId: 2, bucket: 5, seq: 0 });
    expect(a).not.toBe(b);
  });
});
