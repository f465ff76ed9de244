// The shipping methods a new shop starts with: the usual Taiwanese carriers and store chains.
import { ShippingMethodInput, type ShippingMethodValues } from '@shop/contracts/shipping';
import type { Db } from '../../db/client.js';
import { withTx } from '../../platform/tx.js';
import * as repo from './shipping.repo.js';

/** Store pickup: parcels up to 5 kg and 105 cm (sum of sides), orders of NT$1–20,000 (the most a store collects). */
const storePickup = {
  kind: 'store_pickup',
  islandSurcharge: 0,
  maxWeightGrams: 5000,
  maxSizeCm: 105,
  minOrderAmount: 1,
  maxOrderAmount: 20_000,
} as const;

/** Home delivery: parcels up to 20 kg and 150 cm, any order amount. */
const homeDelivery = {
  kind: 'home_delivery',
  maxWeightGrams: 20_000,
  maxSizeCm: 150,
  minOrderAmount: 0,
  maxOrderAmount: null,
} as const;

/** The default methods, in the order the storefront lists them. */
export const DEFAULT_SHIPPING_METHODS: readonly ShippingMethodValues[] = [
  {
    ...storePickup,
    code: 'seven_eleven_pickup',
    carrier: 'seven_eleven',
    name: { 'zh-TW': '7-ELEVEN 超商取貨', en: '7-ELEVEN store pickup' },
    fee: { type: 'flat', amount: 60 },
    freeShippingThreshold: 499,
  },
  {
    ...storePickup,
    code: 'family_mart_pickup',
    carrier: 'family_mart',
    name: { 'zh-TW': '全家便利商店取貨', en: 'FamilyMart store pickup' },
    fee: { type: 'flat', amount: 60 },
    freeShippingThreshold: 499,
  },
  {
    ...storePickup,
    code: 'hi_life_pickup',
    carrier: 'hi_life',
    name: { 'zh-TW': '萊爾富超商取貨', en: 'Hi-Life store pickup' },
    fee: { type: 'flat', amount: 65 },
    freeShippingThreshold: 799,
  },
  {
    ...storePickup,
    code: 'ok_mart_pickup',
    carrier: 'ok_mart',
    name: { 'zh-TW': 'OK超商取貨', en: 'OK Mart store pickup' },
    fee: { type: 'flat', amount: 70 },
    freeShippingThreshold: 999,
  },
  {
    ...homeDelivery,
    code: 'tcat_home',
    carrier: 'tcat',
    name: { 'zh-TW': '黑貓宅急便', en: 'T-Cat home delivery' },
    fee: {
      type: 'weight',
      bands: [
        { upToGrams: 5000, fee: 130 },
        { upToGrams: 10_000, fee: 150 },
        { upToGrams: 20_000, fee: 200 },
      ],
    },
    freeShippingThreshold: 1500,
    islandSurcharge: 100,
  },
  {
    ...homeDelivery,
    code: 'hct_home',
    carrier: 'hct',
    name: { 'zh-TW': '新竹物流宅配', en: 'HCT home delivery' },
    fee: { type: 'flat', amount: 120 },
    freeShippingThreshold: 1200,
    islandSurcharge: 150,
  },
  {
    ...homeDelivery,
    code: 'post_home',
    carrier: 'chunghwa_post',
    name: { 'zh-TW': '中華郵政包裹', en: 'Chunghwa Post parcel' },
    fee: { type: 'flat', amount: 100 },
    freeShippingThreshold: 1000,
    // The post charges the same to the islands.
    islandSurcharge: 0,
  },
].map((m, i) => ShippingMethodInput.parse({ ...m, sortOrder: (i + 1) * 10 }));

/**
 * Adds the default methods when there are none at all; does nothing otherwise (so a shop that
 * changed or deactivated them keeps its own). Safe to run from several processes at once: the table is
 * locked while it looks. Resolves how many methods it added.
 */
export async function seedDefaultShippingMethods(db: Db): Promise<{ inserted: number }> {
  // Every start calls this; once the shop has methods, a plain count answers without locking the table.
  if ((await repo.countMethods(db)) > 0) return { inserted: 0 };
  return withTx(db, async (tx) => {
    await repo.lockMethodsTable(tx);
    if ((await repo.countMethods(tx)) > 0) return { inserted: 0 };
    return { inserted: (await repo.insertMethods(tx, [...DEFAULT_SHIPPING_METHODS])).length };
  });
}
