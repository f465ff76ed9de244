import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, codesCsv, normalizeCode, randomCode, randomCodes } from './coupon-codes.js';

describe('coupon codes', () => {
  it('draws from a readable alphabet without 0, O, 1 or I', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[0O1I]/);
    const codes = randomCodes({ count: 500, length: 8 });
    expect(new Set(codes).size).toBe(500);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  });

  it('puts the prefix upper-case before the random part', () => {
    expect(randomCode({ length: 6, prefix: 'vip-' }, () => 0)).toBe('VIP-AAAAAA');
  });

  it('skips codes to avoid and fails rather than loop on a broken random source', () => {
    expect(
      randomCodes(
        { count: 1, length: 1, avoid: new Set(['A']) },
        (() => {
          let i = 0;
          return () => i++ % 2;
        })(),
      ),
    ).toEqual(['B']);
    expect(() => randomCodes({ count: 2, length: 4 }, () => 0)).toThrow(/distinct/);
  });

  it('normalises what shoppers type', () => {
    expect(normalizeCode('  spring-2026 ')).toBe('SPRING-2026');
  });

  it('writes CSV with a header and CRLF rows', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    expect(codesCsv([{ code: 'ABCD2345', singleUse: true, uses: 0, batchId: null, createdAt: at }])).toBe(
      'code,single_use,uses,batch_id,created_at\r\nABCD2345,true,0,,2026-03-01T00:00:00.000Z\r\n',
    );
  });
});
