// ECPay logistics: the convenience-store map (`/Express/map`) a shopper picks a pickup store on.
import { z } from 'zod';

/** The logistics hosts; the map, shipments and queries are paths under them. */
export const LOGISTICS_HOSTS = {
  stage: 'https://logistics-stage.ecpay.com.tw',
  production: 'https://logistics.ecpay.com.tw',
} as const;

/** Where the store map lives under a logistics host (or under the simulator's prefix). */
export const STORE_MAP_PATH = '/Express/map';

/** Store-pickup sub-types for merchants contracted for B2C (the merchant ships to a distribution centre). */
export const B2C_CVS_SUB_TYPES = ['FAMI', 'UNIMART', 'UNIMARTFREEZE', 'HILIFE'] as const;
/** Store-pickup sub-types for C2C (店到店: the merchant drops the parcel at a store). OK Mart is C2C only. */
export const C2C_CVS_SUB_TYPES = ['FAMIC2C', 'UNIMARTC2C', 'HILIFEC2C', 'OKMARTC2C'] as const;
export const CVS_SUB_TYPES = [...B2C_CVS_SUB_TYPES, ...C2C_CVS_SUB_TYPES] as const;

export const CvsSubType = z.enum(CVS_SUB_TYPES);
export type CvsSubType = z.infer<typeof CvsSubType>;

/** The four chains behind the sub-types. */
export type CvsChain = 'UNIMART' | 'FAMI' | 'HILIFE' | 'OKMART';

/** Which chain's stores a sub-type picks from (7-ELEVEN's frozen pickup uses 7-ELEVEN stores). */
export function chainOfSubType(subType: CvsSubType): CvsChain {
  if (subType.startsWith('UNIMART')) return 'UNIMART';
  if (subType.startsWith('FAMI')) return 'FAMI';
  if (subType.startsWith('HILIFE')) return 'HILIFE';
  return 'OKMART';
}

const text = (max: number) => z.string().max(max);

/**
 * What the merchant's page posts (urlencoded, from the shopper's browser) to `/Express/map`.
 * `CheckMacValue` (MD5) is optional: ECPay's newer SDK signs the form, the older one did not.
 * Fields are ECPay's names and stay strings, as they travel.
 */
export const StoreMapRequest = z.object({
  MerchantID: z.string().regex(/^\d{1,10}$/),
  /** Optional; when sent, echoed back with the store. */
  MerchantTradeNo: z
    .string()
    .regex(/^[A-Za-z0-9]{0,20}$/)
    .optional(),
  LogisticsType: z.literal('CVS'),
  LogisticsSubType: CvsSubType,
  /** `Y`: the parcel is paid for at pickup (代收貨款). */
  IsCollection: z.enum(['Y', 'N']),
  /** Where the shopper's browser posts the chosen store. */
  ServerReplyURL: z.url({ protocol: /^https?$/ }).max(200),
  /** Up to 20 characters of the merchant's own, echoed back (bind the reply to a session with it). */
  ExtraData: text(20).optional(),
  /** `0` desktop (default), `1` phone. */
  Device: z.enum(['0', '1']).optional(),
  CheckMacValue: z.string().optional(),
});
export type StoreMapRequest = z.infer<typeof StoreMapRequest>;

/**
 * What the shopper's browser posts to `ServerReplyURL` once a store is chosen. It carries **no**
 * CheckMacValue: treat it as user input, match `ExtraData`/`MerchantTradeNo` to the session that
 * opened the map and check the store again when the shipment is created.
 */
export const StoreMapReply = z.object({
  MerchantID: z.string().regex(/^\d{1,10}$/),
  MerchantTradeNo: z
    .string()
    .regex(/^[A-Za-z0-9]{0,20}$/)
    .default(''),
  LogisticsSubType: CvsSubType,
  /** 7-ELEVEN and 全家 use 6 digits, 萊爾富 and OK 4; stage stores look the same. */
  CVSStoreID: z.string().regex(/^[A-Za-z0-9]{1,10}$/),
  CVSStoreName: z.string().trim().min(1).max(60),
  CVSAddress: z.string().trim().min(1).max(200),
  /** May be empty. */
  CVSTelephone: text(30).default(''),
  /** `1`: the store is on an outlying island. */
  CVSOutSide: z.enum(['0', '1']).default('0'),
  ExtraData: text(20).default(''),
});
export type StoreMapReply = z.infer<typeof StoreMapReply>;

/** The reply's fields in the order ECPay's map posts them (all strings, as on the wire). */
export const STORE_MAP_REPLY_FIELDS = [
  'MerchantID',
  'MerchantTradeNo',
  'LogisticsSubType',
  'CVSStoreID',
  'CVSStoreName',
  'CVSAddress',
  'CVSTelephone',
  'CVSOutSide',
  'ExtraData',
] as const satisfies ReadonlyArray<keyof StoreMapReply>;
