// The checkout's side of ECPay's convenience-store map: which sub-type a chain opens, the fields the
// map is opened with, and the chosen store kept for a short while in a cookie.
import { StoreMapReply, type CvsSubType } from '@shop/ecpay/logistics';
import type { StoreChains } from '@shop/contracts/shipping';

export type StoreChain = (typeof StoreChains)[number];

/** The map's sub-type for a shipping method's chain under the merchant's ECPay contract; OK Mart is C2C only. */
export function storeMapSubType(chain: StoreChain, contract: 'c2c' | 'b2c'): CvsSubType | undefined {
  const c2c = { seven_eleven: 'UNIMARTC2C', family_mart: 'FAMIC2C', hi_life: 'HILIFEC2C', ok_mart: 'OKMARTC2C' } as const;
  const b2c = { seven_eleven: 'UNIMART', family_mart: 'FAMI', hi_life: 'HILIFE', ok_mart: undefined } as const;
  return (contract === 'c2c' ? c2c : b2c)[chain];
}

/** The fields the store picker's form posts to the map (unsigned: ECPay's map accepts that). */
export function storeMapFields(input: {
  merchantId: string;
  subType: CvsSubType;
  replyUrl: string;
  /** Comes back with the store: ties the answer to the visit that asked (≤ 20 characters). */
  extraData: string;
  cashOnPickup?: boolean;
  mobile?: boolean;
}): Record<string, string> {
  return {
    MerchantID: input.merchantId,
    LogisticsType: 'CVS',
    LogisticsSubType: input.subType,
    IsCollection: input.cashOnPickup ? 'Y' : 'N',
    ServerReplyURL: input.replyUrl,
    ExtraData: input.extraData.slice(0, 20),
    Device: input.mobile ? '1' : '0',
  };
}

/** The cookie the chosen store waits in until the checkout page reads it. */
export const SELECTED_STORE_COOKIE = 'cvs_store';
/** Long enough to finish the checkout, short enough not to linger. */
export const SELECTED_STORE_MAX_AGE_SEC = 30 * 60;

/**
 * The map's answer, read from the posted form: ECPay's fields (strings), or undefined when they do
 * not have the shape of a store. Unsigned: the checkout still checks the store when it ships.
 */
export function readStoreMapReply(form: FormData | URLSearchParams): StoreMapReply | undefined {
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === 'string' && !(name in fields)) fields[name] = value;
  const parsed = StoreMapReply.safeParse(fields);
  return parsed.success ? parsed.data : undefined;
}

/** The store as the cookie's value (base64url of its JSON: cookie-safe whatever the names hold). */
export function encodeSelectedStore(store: StoreMapReply): string {
  const bytes = new TextEncoder().encode(JSON.stringify(store));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The store kept in the cookie, checked again; undefined for anything else. */
export function decodeSelectedStore(value: string | undefined): StoreMapReply | undefined {
  if (!value || value.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed = StoreMapReply.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
