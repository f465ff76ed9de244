import { findTaiwanDistrict, isOutlyingIsland } from '@shop/contracts/tw-address';
import { describe, expect, it } from 'vitest';
import { placesOf, stores } from './stores.js';

const chains = ['UNIMART', 'FAMI', 'HILIFE', 'OKMART'] as const;

describe('the store dataset', () => {
  it('holds a few hundred stores of the four chains in many cities', () => {
    expect(stores.length).toBeGreaterThan(300);
    for (const chain of chains) {
      expect(stores.filter((s) => s.chain === chain).length).toBeGreaterThan(20);
      expect(placesOf(chain).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('places every store in a real district with its postal code, address and phone', () => {
    for (const s of stores) {
      expect(findTaiwanDistrict(s.city, s.district)?.zip, `${s.name} ${s.city}${s.district}`).toBe(s.zip);
      expect(s.address.startsWith(`${s.city}${s.district}`), s.address).toBe(true);
      expect(s.address).toMatch(/\d+號(1樓)?$/);
      expect(s.phone).toMatch(/^0\d{1,3}-\d{6,8}$/);
    }
  });

  it('gives ids shaped like each chain’s, unique within the chain, and names unique', () => {
    const shape = { UNIMART: /^\d{6}$/, FAMI: /^0\d{5}$/, HILIFE: /^\d{4}$/, OKMART: /^\d{4}$/ };
    for (const s of stores) expect(s.id, s.name).toMatch(shape[s.chain]);
    for (const chain of chains) {
      const ids = stores.filter((s) => s.chain === chain).map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(new Set(stores.map((s) => s.name)).size).toBe(stores.length);
  });

  it('includes the stores ECPay’s stage tests name', () => {
    const has = (chain: string, id: string) => stores.some((s) => s.chain === chain && s.id === id);
    expect(has('UNIMART', '131386') && has('UNIMART', '896539') && has('FAMI', '006598') && has('OKMART', '1328')).toBe(true);
  });

  it('marks exactly the stores on the outlying islands as outlying (CVSOutSide=1)', () => {
    for (const s of stores) expect(s.outlying, s.address).toBe(isOutlyingIsland(s.city, s.district));
    expect(stores.some((s) => s.outlying)).toBe(true);
  });
});
