import { fail } from '@sveltejs/kit';
import { AdminOrderPatch, OrderStatus } from '@shop/contracts/orders';
import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { localName } from '$lib/admin/local-name';
import { readOrderEdit } from '$lib/orders/admin-order-edit';
import { staffRefund } from '$lib/refunds/refund-actions.server';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { text } from '$lib/forms/form-data';
import { invalid } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
  requireStaff(locals, url);
  const { adminSections } = await parent();
  requireSection(adminSections, 'orders');
  try {
    const order = await locals.api.admin.order(params.id);
    let shippingMethodName: string | null = null;
    if (order.shippingMethodId && adminSections.includes('shipping')) {
      const method = await locals.api.admin.shippingMethod(order.shippingMethodId).catch((err: unknown) => {
        if (err instanceof ApiError) return null;
        throw err;
      });
      if (method) shippingMethodName = localName(method.name, locals.locale);
    }
    // Payments panel: the attempts with ECPay's notices; null when unreadable (the rest of the page still shows).
    const payments = await locals.api.admin.orderPayments(params.id).catch((err: unknown) => {
      if (err instanceof ApiError) return null;
      throw err;
    });
    return { order, shippingMethodName, payments };
  } catch (err) {
    pageError(err, url);
  }
};

/** A refused staff action: VERSION_CONFLICT says someone else saved first, in words. */
function refused(event: RequestEvent, form: string, err: unknown) {
  if (!(err instanceof ApiError)) throw err;
  const t = event.locals.t;
  const message = err.code === 'VERSION_CONFLICT' ? t('admin.orders.versionConflict') : problemCopy(t, err);
  return fail(err.status >= 400 && err.status < 500 ? err.status : 503, { form, errors: {}, values: {}, message });
}

export const actions: Actions = {
  edit: async (event) => {
    const { locals, url, params } = event;
    requireStaff(locals, url);
    const data = await event.request.formData();
    const { values, input } = readOrderEdit(data);
    const parsed = AdminOrderPatch.safeParse(input);
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error, locals.t, {
        formats: { recipient: 'fieldError.mobile', address: 'fieldError.postalCode' },
      });
      return invalid('edit', errors, values, locals.t('checkout.errors.fix'));
    }
    try {
      await locals.api.admin.updateOrder(params.id, parsed.data);
    } catch (err) {
      return refused(event, 'edit', err);
    }
    return { form: 'edit', done: 'saved' };
  },

  transition: async (event) => {
    const { locals, url, params } = event;
    requireStaff(locals, url);
    const data = await event.request.formData();
    const to = OrderStatus.safeParse(text(data, 'to'));
    if (!to.success) return fail(400, { form: 'transition', errors: {}, values: {}, message: locals.t('fieldError.choose') });
    const reason = text(data, 'reason').trim();
    try {
      await locals.api.admin.transitionOrder(params.id, { to: to.data, ...(reason ? { reason } : {}) });
    } catch (err) {
      return refused(event, 'transition', err);
    }
    return { form: 'transition', done: 'moved' };
  },

  // Payments panel: ask ECPay now about the order's pending ECPay attempts.
  reconcile: async (event) => {
    const { locals, url, params } = event;
    requireStaff(locals, url);
    try {
      return { form: 'reconcile', reconciled: await locals.api.admin.reconcileOrderPayments(params.id) };
    } catch (err) {
      return refused(event, 'reconcile', err);
    }
  },

  cancel: async (event) => {
    const { locals, url, params } = event;
    requireStaff(locals, url);
    const data = await event.request.formData();
    const reason = text(data, 'reason').trim();
    if (!reason || reason.length > 500)
      return invalid('cancel', { reason: locals.t(reason ? 'fieldError.invalid' : 'admin.orders.reasonRequired') }, { reason });
    try {
      await locals.api.admin.cancelOrder(params.id, reason);
    } catch (err) {
      return refused(event, 'cancel', err);
    }
    return { form: 'cancel', done: 'cancelled' };
  },

  /** Staff refund the whole order (declining it) or some items. */
  refund: async (event) => {
    requireStaff(event.locals, event.url);
    return staffRefund(event);
  },
};
