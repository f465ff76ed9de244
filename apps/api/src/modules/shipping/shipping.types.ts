import type { FeeSchedule, ShippingCarrier, ShippingMethodKind } from '@shop/contracts/shipping';
import type { AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth-types.js';

export type ShippingMethodId = string & { readonly __brand: 'ShippingMethodId' };

/** A configured shipping method, its fee schedule parsed. */
export interface ShippingMethod {
  id: ShippingMethodId;
  code: string;
  kind: ShippingMethodKind;
  carrier: ShippingCarrier;
  name: { 'zh-TW': string; en: string };
  active: boolean;
  sortOrder: number;
  fee: FeeSchedule;
  freeShippingThreshold: number | null;
  islandSurcharge: number;
  maxWeightGrams: number | null;
  maxSizeCm: number | null;
  minOrderAmount: number;
  maxOrderAmount: number | null;
  unknownItemWeightGrams: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Who is asking, and from where: every use case authorizes with these. */
export interface ShippingCall {
  actor: Actor | null;
  context: AccessContext;
}
