import {
  AdminOrderPayments,
  FlaggedPaymentList,
  ReconcileResult,
  ReconciliationReport,
  type FlaggedPaymentQuery,
} from '@shop/contracts/payments-admin';
import type { ApiClient } from '$lib/api/client';
import { id } from './http';

/** Staff's payment views: an order's attempts with ECPay's notices, reconciling with ECPay, the flagged list, the day's report. */
export function paymentsAdminEndpoints(api: ApiClient) {
  return {
    /** The order's attempts newest first, each with its stored notices (raw, with CheckMacValue); 404 ORDER_NOT_FOUND. */
    orderPayments: (orderId: string) => api.get(`/api/admin/orders/${id(orderId)}/payments`, { schema: AdminOrderPayments }),
    /** Ask ECPay now about the order's pending ECPay attempts (staff allowed to update orders; else 403). */
    reconcileOrderPayments: (orderId: string) =>
      api.post(`/api/admin/orders/${id(orderId)}/payments/reconcile`, { body: {}, schema: ReconcileResult }),
    /** Amount mismatches and money to give back, newest first. */
    flaggedPayments: (query: Partial<FlaggedPaymentQuery>) =>
      api.get('/api/admin/payments/flagged', { query: { ...query }, schema: FlaggedPaymentList }),
    /** What the queries of one Taiwan day (YYYY-MM-DD) changed. */
    reconciliations: (date: string) => api.get('/api/admin/payments/reconciliations', { query: { date }, schema: ReconciliationReport }),
  };
}
