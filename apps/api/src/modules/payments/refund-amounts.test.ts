import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseCardAction, latestCardClose, linesAmount, planRefund, unitsShare, type RefundableItem } from './refund-amounts.js';

const item = (id: string, quantity: number, lineTotal: number, kind: RefundableItem['kind'] = 'normal'): RefundableItem => ({
  id,
  kind,
  quantity,
  lineTotal,
});

describe('splitting a line over its units', () => {
  it('gives each unit the floor and the remainder to the last units', () => {
    // 1000 over 3 units: 333, 333, 334.
    expect([1, 2, 3].map((k) => linesAmount(1000, 3, k - 1, 1))).toEqual([333, 333, 334]);
    expect(unitsShare(1000, 3, 3)).toBe(1000);
    expect(linesAmount(1000, 3, 1, 2)).toBe(667);
    expect(unitsShare(0, 2, 2)).toBe(0);
  });

  it('property: refunds of a line, in any steps, sum to the line total and never exceed it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (quantity, total, steps) => {
          let done = 0;
          let money = 0;
          for (const step of steps) {
            const units = Math.min(step, quantity - done);
            if (units <= 0) break;
            const amount = linesAmount(total, quantity, done, units);
            expect(amount).toBeGreaterThanOrEqual(0);
            money += amount;
            done += units;
            expect(money).toBeLessThanOrEqual(total);
            expect(money).toBe(unitsShare(total, quantity, done));
          }
          expect(money + linesAmount(total, quantity, done, quantity - done)).toBe(total);
        },
      ),
    );
  });
});

describe('planning a refund', () => {
  const items = [item('a', 2, 1400), item('b', 3, 999), item('g', 1, 0, 'gift')];
  const none = new Map<string, number>();

  it('the whole order: every unit left and the shipping fee, exactly what was paid', () => {
    const r = planRefund({ items, refundedUnits: none, shippingLeft: 100, refundable: 2499 });
    expect(r).toEqual({
      ok: true,
      plan: {
        whole: true,
        shipping: 100,
        amount: 2499,
        lines: [
          { itemId: 'a', quantity: 2, amount: 1400 },
          { itemId: 'b', quantity: 3, amount: 999 },
          { itemId: 'g', quantity: 1, amount: 0 },
        ],
      },
    });
  });

  it('lines covering everything left count as the whole order (gift and shipping come along)', () => {
    const r = planRefund({
      items,
      refundedUnits: new Map([['b', 1]]),
      shippingLeft: 100,
      refundable: 2499 - 333,
      asked: [
        { itemId: 'a', quantity: 2 },
        { itemId: 'b', quantity: 2 },
      ],
    });
    expect(r.ok && r.plan).toMatchObject({ whole: true, amount: 2166, shipping: 100 });
  });

  it('refuses unknown items, too many units, a gift on its own, a duplicate and more than is left of the payment', () => {
    const code = (r: ReturnType<typeof planRefund>) => (r.ok ? 'ok' : r.error.code);
    const base = { items, refundedUnits: none, shippingLeft: 100, refundable: 2499 };
    expect(code(planRefund({ ...base, asked: [{ itemId: 'x', quantity: 1 }] }))).toBe('REFUND_LINE_INVALID');
    expect(code(planRefund({ ...base, asked: [{ itemId: 'a', quantity: 3 }] }))).toBe('REFUND_LINE_INVALID');
    expect(code(planRefund({ ...base, asked: [{ itemId: 'g', quantity: 1 }] }))).toBe('REFUND_LINE_INVALID');
    expect(
      code(
        planRefund({
          ...base,
          asked: [
            { itemId: 'a', quantity: 1 },
            { itemId: 'a', quantity: 1 },
          ],
        }),
      ),
    ).toBe('REFUND_LINE_INVALID');
    expect(code(planRefund({ ...base, refundable: 500, asked: [{ itemId: 'a', quantity: 1 }] }))).toBe('REFUND_AMOUNT_EXCEEDED');
    expect(code(planRefund({ ...base, refundedUnits: new Map([['a', 2]]), asked: [{ itemId: 'a', quantity: 1 }] }))).toBe(
      'REFUND_LINE_INVALID',
    );
  });

  it('property: line amounts always sum to the refund, each within its line total; the partial refunds then the rest give back exactly the total', () => {
    const order = fc
      .array(fc.record({ quantity: fc.integer({ min: 1, max: 8 }), lineTotal: fc.integer({ min: 0, max: 50_000 }), gift: fc.boolean() }), {
        minLength: 1,
        maxLength: 6,
      })
      .map((ls) =>
        ls.map((l, i) => item(`i${i}`, l.quantity, l.gift ? 0 : l.lineTotal, l.gift ? 'gift' : i % 3 === 2 ? 'add_on' : 'normal')),
      );
    fc.assert(
      fc.property(order, fc.integer({ min: 0, max: 300 }), fc.array(fc.nat(), { maxLength: 10 }), (lines, shipping, picks) => {
        const total = lines.reduce((n, l) => n + l.lineTotal, 0) + shipping;
        const refunded = new Map<string, number>();
        let given = 0;
        let shippingLeft = shipping;
        const ask = (asked?: Array<{ itemId: string; quantity: number }>) => {
          const r = planRefund({ items: lines, refundedUnits: refunded, shippingLeft, refundable: total - given, asked });
          if (!r.ok) return r;
          const p = r.plan;
          expect(p.lines.reduce((n, l) => n + l.amount, 0) + p.shipping).toBe(p.amount);
          for (const l of p.lines) {
            const line = lines.find((x) => x.id === l.itemId)!;
            expect(l.amount).toBeLessThanOrEqual(line.lineTotal);
            refunded.set(l.itemId, (refunded.get(l.itemId) ?? 0) + l.quantity);
          }
          given += p.amount;
          shippingLeft -= p.shipping;
          return r;
        };
        for (const pick of picks) {
          const open = lines.filter((l) => l.kind !== 'gift' && l.quantity > (refunded.get(l.id) ?? 0));
          if (open.length === 0) break;
          const line = open[pick % open.length]!;
          ask([{ itemId: line.id, quantity: 1 + (pick % (line.quantity - (refunded.get(line.id) ?? 0))) }]);
        }
        const rest = ask();
        if (!rest.ok) expect(total - given).toBe(0);
        expect(given).toBe(total);
        if (rest.ok) for (const l of lines) expect(refunded.get(l.id)).toBe(l.quantity);
      }),
    );
  });
});

describe('choosing the card action', () => {
  const paidAt = new Date('2026-12-07T11:00:00Z'); // 19:00 in Taipei

  it('finds the latest daily close at 20:15 Taipei time', () => {
    expect(latestCardClose(new Date('2026-12-07T12:14:00Z')).toISOString()).toBe('2026-12-06T12:15:00.000Z');
    expect(latestCardClose(new Date('2026-12-07T12:15:00Z')).toISOString()).toBe('2026-12-07T12:15:00.000Z');
    expect(latestCardClose(new Date('2026-12-07T17:00:00Z')).toISOString()).toBe('2026-12-07T12:15:00.000Z');
  });

  it('voids or closes for less before the close, refunds after it, and has the other as a fallback', () => {
    const before = new Date('2026-12-07T11:30:00Z');
    const after = new Date('2026-12-07T13:00:00Z');
    expect(chooseCardAction({ paidAt, now: before, paid: 2000, refundedBefore: 0, amount: 2000 })).toEqual({
      first: { action: 'N', amount: 2000 },
      fallback: { action: 'R', amount: 2000 },
    });
    expect(chooseCardAction({ paidAt, now: before, paid: 2000, refundedBefore: 0, amount: 700 })).toEqual({
      first: { action: 'C', amount: 1300 },
      fallback: { action: 'R', amount: 700 },
    });
    expect(chooseCardAction({ paidAt, now: after, paid: 2000, refundedBefore: 700, amount: 1300 })).toEqual({
      first: { action: 'R', amount: 1300 },
      fallback: { action: 'N', amount: 2000 },
    });
  });
});
