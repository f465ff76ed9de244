import {
  AdminPromotion,
  CouponCodeList,
  CouponCodesCreated,
  PricingSettings,
  PromotionList,
  type CouponCodesInput,
  type PromotionAction,
  type PromotionInput,
  type PromotionPatch,
  type StackingPolicy,
} from '@shop/contracts/pricing';
import type { z } from 'zod';
import type { ApiClient, QueryValue } from '$lib/api/client';
import { id } from './http';

/** Staff promotions, their coupon codes and the store's stacking policy. */
export function pricingEndpoints(api: ApiClient) {
  return {
    promotions: (query: Record<string, QueryValue>) => api.get('/api/admin/promotions', { query, schema: PromotionList }),
    promotion: (promotionId: string) => api.get(`/api/admin/promotions/${id(promotionId)}`, { schema: AdminPromotion }),
    createPromotion: (body: z.input<typeof PromotionInput>) => api.post('/api/admin/promotions', { body, schema: AdminPromotion }),
    updatePromotion: (promotionId: string, body: z.input<typeof PromotionPatch>) =>
      api.patch(`/api/admin/promotions/${id(promotionId)}`, { body, schema: AdminPromotion }),
    transitionPromotion: (promotionId: string, action: PromotionAction) =>
      api.post(`/api/admin/promotions/${id(promotionId)}/${action}`, { schema: AdminPromotion }),
    couponCodes: (promotionId: string, page: number) =>
      api.get(`/api/admin/promotions/${id(promotionId)}/codes`, { query: { page, pageSize: 50 }, schema: CouponCodeList }),
    createCouponCodes: (promotionId: string, body: z.input<typeof CouponCodesInput>) =>
      api.post(`/api/admin/promotions/${id(promotionId)}/codes`, { body, schema: CouponCodesCreated }),
    /** The codes as CSV text (of one batch with `batchId`). */
    couponCodesCsv: (promotionId: string, batchId?: string) =>
      api.get(`/api/admin/promotions/${id(promotionId)}/codes.csv`, { query: { batchId } }),
    pricingSettings: () => api.get('/api/admin/pricing-settings', { schema: PricingSettings }),
    updatePricingSettings: (stackingPolicy: StackingPolicy) =>
      api.put('/api/admin/pricing-settings', { body: { stackingPolicy }, schema: PricingSettings }),
  };
}
