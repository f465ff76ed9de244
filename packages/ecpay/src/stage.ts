// ECPay's public stage (test) merchants. Not secrets: ECPay publishes them. Production keys are per
// merchant, come from configuration and never reach a browser.
import type { CheckMacKeys } from './check-mac-value.js';

/** A merchant as the protocol needs it: its id and the keys its CheckMacValues are made with. */
export interface EcpayMerchant extends CheckMacKeys {
  merchantId: string;
}

export type StageMerchant = EcpayMerchant;

/** AIO payments (current stage merchant, simulated 3-D verification). */
export const STAGE_AIO: StageMerchant = { merchantId: '3002607', hashKey: 'pwFHCqoQZGmho4w6', hashIv: 'EkRm7iFT261dpevs' };
/** Logistics, B2C (大宗寄倉). */
export const STAGE_LOGISTICS_B2C: StageMerchant = { merchantId: '2000132', hashKey: '5294y06JbISpM5x9', hashIv: 'v77hoKGq4kWxNNIS' };
/** Logistics, C2C (店到店). */
export const STAGE_LOGISTICS_C2C: StageMerchant = { merchantId: '2000933', hashKey: 'XBERn1YOvpM9nfZc', hashIv: 'h1ONHk4P4yqbl5LK' };
