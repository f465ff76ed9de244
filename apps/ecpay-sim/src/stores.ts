// The simulator's convenience stores (src/stores.json, made by scripts/make-stores.mjs).
import { readFileSync } from 'node:fs';
import type { CvsChain } from '@shop/ecpay';
import { taiwanCities } from '@shop/contracts/tw-address';
import { z } from 'zod';

export const Store = z.object({
  id: z.string().regex(/^\d{4,6}$/),
  chain: z.enum(['UNIMART', 'FAMI', 'HILIFE', 'OKMART']),
  name: z.string().min(1),
  city: z.string().min(1),
  district: z.string().min(1),
  zip: z.string().regex(/^\d{3}$/),
  address: z.string().min(1),
  phone: z.string(),
  /** On an outlying island (澎湖, 金門, 連江…): the map answers `CVSOutSide=1`. */
  outlying: z.boolean(),
});
export type Store = z.infer<typeof Store>;

/** Every store of the dataset, validated once when the simulator loads. */
export const stores: readonly Store[] = z.array(Store).parse(JSON.parse(readFileSync(new URL('./stores.json', import.meta.url), 'utf8')));

/** The chains' names as shoppers know them. */
export const CHAIN_NAMES: Record<CvsChain, { zh: string; en: string }> = {
  UNIMART: { zh: '7-ELEVEN', en: '7-ELEVEN' },
  FAMI: { zh: '全家便利商店', en: 'FamilyMart' },
  HILIFE: { zh: '萊爾富', en: 'Hi-Life' },
  OKMART: { zh: 'OK超商', en: 'OK Mart' },
};

export function findStore(chain: CvsChain, id: string): Store | undefined {
  return stores.find((s) => s.chain === chain && s.id === id);
}

export interface StoreFilter {
  city?: string | undefined;
  district?: string | undefined;
  /** Part of the name, the address or the id; 台 and 臺 match each other. */
  query?: string | undefined;
}

const fold = (s: string) => s.replaceAll('台', '臺').toLowerCase();

/** The chain's stores matching the filter, in the dataset's order (by postal code). */
export function searchStores(chain: CvsChain, filter: StoreFilter): Store[] {
  const query = filter.query ? fold(filter.query.trim()) : '';
  return stores.filter(
    (s) =>
      s.chain === chain &&
      (!filter.city || s.city === filter.city) &&
      (!filter.district || s.district === filter.district) &&
      (!query || fold(`${s.name} ${s.address} ${s.id}`).includes(query)),
  );
}

/** The cities, and each city's districts, where the chain has stores, in the post's order (north to south, then the islands). */
export function placesOf(chain: CvsChain): Array<{ city: string; districts: string[] }> {
  const own = stores.filter((s) => s.chain === chain);
  return taiwanCities
    .map((c) => ({
      city: c.name,
      districts: c.districts.map((d) => d.name).filter((d) => own.some((s) => s.city === c.name && s.district === d)),
    }))
    .filter((p) => p.districts.length > 0);
}
