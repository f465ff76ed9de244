import {
  AdminRefund,
  AdminRefundList,
  Refund,
  type AdminRefundListQuery,
  type RefundRequestBody,
  type StaffRefundBody,
} from '@shop/contracts/refunds';
import type { ApiClient } from '$lib/api/client';
import { id } from './http';

/** A shopper's refund request for their order (a guest through the order's token). */
export function refundEndpoints(api: ApiClient) {
  return {
    /**
     * Without `lines`: the whole order. 409 REFUND_NOT_ALLOWED (not paid, or shipped), 409
     * REFUND_ALREADY_OPEN; 422 REFUND_AMOUNT_EXCEEDED, REFUND_LINE_INVALID, REFUND_BANK_ACCOUNT_REQUIRED
     * (a transfer refund without the account).
     */
    request: (orderId: string, token: string | null, body: RefundRequestBody) =>
      api.post(`/api/orders/${id(orderId)}/refunds`, { query: { token }, body, schema: Refund }),
  };
}

/** Staff: the refund queue, one refund, their decisions, and refunds staff make themselves. */
export function refundAdminEndpoints(api: ApiClient) {
  return {
    /** Newest first. */
    refunds: (query: Partial<AdminRefundListQuery>) => api.get('/api/admin/refunds', { query: { ...query }, schema: AdminRefundList }),
    refund: (refundId: string) => api.get(`/api/admin/refunds/${id(refundId)}`, { schema: AdminRefund }),
    /** A card refund is asked of ECPay at once; a transfer waits in `processing` for staff to mark it done. */
    approveRefund: (refundId: string, body: { restock: boolean; note?: string | undefined }) =>
      api.post(`/api/admin/refunds/${id(refundId)}/approve`, { body, schema: AdminRefund }),
    rejectRefund: (refundId: string, reason: string) =>
      api.post(`/api/admin/refunds/${id(refundId)}/reject`, { body: { reason }, schema: AdminRefund }),
    /** A transfer refund in processing: the money was transferred (`reference`), or could not be. */
    completeRefund: (
      refundId: string,
      body: { outcome: 'succeeded'; reference?: string | undefined } | { outcome: 'failed'; reason: string },
    ) => api.post(`/api/admin/refunds/${id(refundId)}/complete`, { body, schema: AdminRefund }),
    /** Staff refund an order themselves (declining it, some items, money that came late), approved at once. */
    refundOrder: (orderId: string, body: StaffRefundBody) =>
      api.post(`/api/admin/orders/${id(orderId)}/refunds`, { body, schema: AdminRefund }),
  };
}
