import { ApproveRefundBody, CompleteRefundBody, RejectRefundBody } from '@shop/contracts/refunds';
import { fail } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { checked, text } from '$lib/forms/form-data';
import { refundApiFailure } from '$lib/refunds/refund-actions.server';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** One refund with its order (the lines' product names, the order's status). */
export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
  requireStaff(locals, url);
  const { adminSections } = await parent();
  requireSection(adminSections, 'orders');
  try {
    const refund = await locals.api.admin.refund(params.id);
    const order = await locals.api.admin.order(refund.orderId).catch((err: unknown) => {
      if (err instanceof ApiError) return null;
      throw err;
    });
    return { refund, order };
  } catch (err) {
    pageError(err, url);
  }
};

/** A decision without the reason it needs: the field's error, nothing sent. */
function reasonMissing(form: string, field: string, t: App.Locals['t']) {
  return fail(400, { form, errors: { [field]: t('refunds.admin.reasonRequired') }, values: {}, message: null });
}

export const actions: Actions = {
  approve: async ({ locals, url, params, request }) => {
    requireStaff(locals, url);
    const data = await request.formData();
    const note = text(data, 'note').trim();
    const values = { note, restock: checked(data, 'restock') ? 'on' : '' };
    const body = ApproveRefundBody.safeParse({ restock: checked(data, 'restock'), ...(note ? { note } : {}) });
    if (!body.success) return fail(400, { form: 'approve', errors: { note: locals.t('fieldError.invalid') }, values, message: null });
    try {
      await locals.api.admin.approveRefund(params.id, body.data);
    } catch (err) {
      return refundApiFailure(err, 'approve', values, locals.t, url);
    }
    return { form: 'approve', done: 'approved' as const };
  },

  reject: async ({ locals, url, params, request }) => {
    requireStaff(locals, url);
    const reason = text(await request.formData(), 'reason').trim();
    const body = RejectRefundBody.safeParse({ reason });
    if (!body.success) return reasonMissing('reject', 'reason', locals.t);
    try {
      await locals.api.admin.rejectRefund(params.id, body.data.reason);
    } catch (err) {
      return refundApiFailure(err, 'reject', { reason }, locals.t, url);
    }
    return { form: 'reject', done: 'rejected' as const };
  },

  /** A transfer refund in processing: transferred (with an optional reference) or failed (with a reason). */
  complete: async ({ locals, url, params, request }) => {
    requireStaff(locals, url);
    const data = await request.formData();
    const outcome = text(data, 'outcome');
    const reference = text(data, 'reference').trim();
    const reason = text(data, 'reason').trim();
    const form = outcome === 'failed' ? 'fail' : 'transfer';
    const body = CompleteRefundBody.safeParse(
      outcome === 'failed' ? { outcome, reason } : { outcome: 'succeeded', ...(reference ? { reference } : {}) },
    );
    if (!body.success) {
      if (outcome === 'failed') return reasonMissing(form, 'reason', locals.t);
      return fail(400, { form, errors: { reference: locals.t('fieldError.invalid') }, values: { reference }, message: null });
    }
    try {
      await locals.api.admin.completeRefund(params.id, body.data);
    } catch (err) {
      return refundApiFailure(err, form, { reference, reason }, locals.t, url);
    }
    return { form, done: outcome === 'failed' ? ('failed' as const) : ('transferred' as const) };
  },
};
