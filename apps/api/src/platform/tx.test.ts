import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { isRetryableTxError, sqlState } from './tx.js';

/** What node-postgres throws: an Error with the SQLSTATE in `code`. */
const pgError = (code: string) => Object.assign(new Error(`pg says ${code}`), { code, severity: 'ERROR' });
/** What drizzle throws around it: the query, with the driver's error as `cause`. */
const wrapped = (code: string) => new DrizzleQueryError('UPDATE t SET x = $1', [1], pgError(code));

describe('sqlState', () => {
  it('reads the SQLSTATE of a driver error and of one drizzle wrapped', () => {
    expect(sqlState(pgError('40001'))).toBe('40001');
    expect(sqlState(wrapped('40P01'))).toBe('40P01');
    expect(sqlState(new Error('outer', { cause: wrapped('23505') }))).toBe('23505');
  });

  it('ignores codes that are no SQLSTATE, and anything that is not an error', () => {
    expect(sqlState(Object.assign(new Error('node'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(sqlState(new Error('plain'))).toBeUndefined();
    expect(sqlState(undefined)).toBeUndefined();
    expect(sqlState('40001')).toBeUndefined();
  });

  it('stops looking after a few wrappers (a cause chain that loops ends)', () => {
    const loop: { message: string; cause?: unknown } = { message: 'loop' };
    loop.cause = loop;
    expect(sqlState(loop)).toBeUndefined();
  });
});

describe('isRetryableTxError', () => {
  it('is true for a serialization failure or a deadlock, wrapped or not', () => {
    expect(isRetryableTxError(wrapped('40001'))).toBe(true);
    expect(isRetryableTxError(wrapped('40P01'))).toBe(true);
    expect(isRetryableTxError(pgError('40001'))).toBe(true);
  });

  it('is false for constraint violations, lock timeouts and other errors', () => {
    for (const code of ['23505', '23503', '55P03', '57014', '42P01']) expect(isRetryableTxError(wrapped(code))).toBe(false);
    expect(isRetryableTxError(new Error('no code'))).toBe(false);
  });
});
