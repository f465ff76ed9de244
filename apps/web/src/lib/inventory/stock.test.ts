import { describe, expect, it } from 'vitest';
import { adjustBody, ledgerKindKey, signed, stockStateTone } from './stock';

const fields = { mode: 'delta', quantity: '5', kind: 'receive', reason: ' 到貨 ', reference: '' };

describe('adjustBody', () => {
  it('sends a delta with its kind, the reason trimmed and no blank reference', () => {
    expect(adjustBody(fields)).toEqual({ body: { delta: 5, reason: '到貨', kind: 'receive', reference: undefined } });
  });

  it('sends a counted figure as set, always as an adjustment', () => {
    expect(adjustBody({ ...fields, mode: 'set', quantity: '0', reference: 'C-1' })).toEqual({
      body: { set: 0, reason: '到貨', kind: 'adjust', reference: 'C-1' },
    });
  });

  it('reads a typographic minus as a negative delta', () => {
    expect(adjustBody({ ...fields, kind: 'adjust', quantity: '−2' }).body).toMatchObject({ delta: -2 });
  });

  it('names each field that is wrong', () => {
    expect(adjustBody({ ...fields, quantity: '1.5', reason: ' ' }).errors).toEqual({
      quantity: 'admin.stock.quantityInvalid',
      reason: 'admin.stock.reasonRequired',
    });
    expect(adjustBody({ ...fields, quantity: '0' }).errors).toEqual({ quantity: 'admin.stock.deltaZero' });
    expect(adjustBody({ ...fields, quantity: '-3' }).errors).toEqual({ quantity: 'admin.stock.receiveNeedsPositive' });
    expect(adjustBody({ ...fields, mode: 'set', quantity: '-1' }).errors).toEqual({ quantity: 'admin.stock.setNegative' });
  });
});

describe('labels', () => {
  it('words ledger kinds and tones states', () => {
    expect(ledgerKindKey('commit')).toBe('admin.stock.kinds.commit');
    expect([stockStateTone('in_stock'), stockStateTone('low'), stockStateTone('out')]).toEqual(['ok', 'warn', 'danger']);
    expect([signed(3), signed(-2), signed(0)]).toEqual(['+3', '−2', '0']);
  });
});
