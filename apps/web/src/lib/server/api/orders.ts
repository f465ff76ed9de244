import {
  AdminOrderList,
  AdminOrdersToday,
  GuestAccountResult,
  Order,
  OrderList,
  OrderLookupResult,
  type AdminOrderListQuery,
  type AdminOrderPatch,
  type GuestAccountBody,
  type OrderStatus,
} from '@shop/contracts/orders';
import { StartPaymentResult, type EcpayChoice, type InstallmentCount } from '@shop/contracts/payments';
import type { ApiClient } from '$lib/api/client';
import { id } from './http';

/** The shopper's orders: their own when signed in, a guest's through the signed token of its link. */
export function orderEndpoints(api: ApiClient) {
  return {
    list: (query: { status?: OrderStatus | undefined; page?: number; pageSize?: number }) =>
      api.get('/api/orders', { query: { status: query.status, page: query.page, pageSize: query.pageSize }, schema: OrderList }),
    /** 404 ORDER_NOT_FOUND for another shopper's order or a token of another order; 401 without either. */
    get: (orderId: string, token?: string | null) => api.get(`/api/orders/${id(orderId)}`, { query: { token }, schema: Order }),
    /** Only while pending_payment (else 409 ORDER_INVALID_TRANSITION). */
    cancel: (orderId: string, token?: string | null) =>
      api.post(`/api/orders/${id(orderId)}/cancel`, { query: { token }, body: {}, schema: Order }),
    /**
     * A new ECPay attempt for an unpaid order and the form the browser posts to ECPay's cashier.
     * 409 PAYMENT_ORDER_NOT_PAYABLE unless pending_payment; 422 PAYMENT_METHOD_UNAVAILABLE.
     */
    startPayment: (orderId: string, token: string | null, method: EcpayChoice, installments?: InstallmentCount | null) =>
      api.post(`/api/orders/${id(orderId)}/payments`, {
        query: { token },
        body: installments ? { method, installments } : { method },
        schema: StartPaymentResult,
      }),
    /** By order number, the buyer's email and mobile: the order and a token for its link (any mismatch: 404). */
    lookup: (body: { orderNumber: string; email: string; mobile: string }) =>
      api.post('/api/orders/lookup', { body, schema: OrderLookupResult }),
    /**
     * A guest's account for the order's buyer e-mail, through the order's token; signs the browser in
     * (the API's cookies are passed on). 409 EMAIL_TAKEN when the e-mail has an account, 409
     * ORDER_HAS_ACCOUNT when the order has one; 404 without the order's own token.
     */
    createAccount: (orderId: string, token: string | null, body: GuestAccountBody) =>
      api.post(`/api/orders/${id(orderId)}/account`, { query: { token }, body, schema: GuestAccountResult }),
  };
}

/** Staff: the order list with its filters, one order, edits with the version read, transitions. */
export function orderAdminEndpoints(api: ApiClient) {
  return {
    orders: (query: Partial<AdminOrderListQuery>) => api.get('/api/admin/orders', { query: { ...query }, schema: AdminOrderList }),
    /** Today's orders and revenue (the store's day) and what waits for payment or shipping; 403 without order access. */
    ordersToday: () => api.get('/api/admin/orders/today', { schema: AdminOrdersToday }),
    order: (orderId: string) => api.get(`/api/admin/orders/${id(orderId)}`, { schema: Order }),
    /** 409 VERSION_CONFLICT when someone saved since `version` was read; 409 ORDER_NOT_EDITABLE once shipped. */
    updateOrder: (orderId: string, body: AdminOrderPatch) => api.patch(`/api/admin/orders/${id(orderId)}`, { body, schema: Order }),
    transitionOrder: (orderId: string, body: { to: OrderStatus; reason?: string | undefined }) =>
      api.post(`/api/admin/orders/${id(orderId)}/transition`, { body, schema: Order }),
    cancelOrder: (orderId: string, reason: string) =>
      api.post(`/api/admin/orders/${id(orderId)}/cancel`, { body: { reason }, schema: Order }),
  };
}
