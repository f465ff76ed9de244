// The refund form actions of the shopper's order page and the staff's order page: read the form,
// check what a person can fix here, ask the API, and turn its problems into field and form messages.
import type { Order } from '@shop/contracts/orders';
import { RefundRequestBody, StaffRefundBody } from '@shop/contracts/refunds';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { apiFieldErrors, issueMessage, issuePath, type FieldErrors } from '$lib/forms/field-errors';
import type { Translate } from '$lib/i18n';
import { loginPath } from '$lib/server/request';
import { orderTokenOf } from '$lib/server/order-links';
import { readRefundForm, refundFieldOf, refundFormNeeds, type RefundFormRead } from './refunds';

/** Copy for a bank field whose digits are not the shape wanted. */
const formatCopy = {
  bankCode: 'refunds.form.bankCodeFormat',
  branchCode: 'refunds.form.branchCodeFormat',
  account: 'refunds.form.accountFormat',
} as const;

const refundCodes = [
  'REFUND_NOT_FOUND',
  'REFUND_NOT_ALLOWED',
  'REFUND_ALREADY_OPEN',
  'REFUND_AMOUNT_EXCEEDED',
  'REFUND_LINE_INVALID',
  'REFUND_BANK_ACCOUNT_REQUIRED',
  'REFUND_INVALID_TRANSITION',
] as const;
type RefundCode = (typeof refundCodes)[number];

/** What to tell the user about a failed refund call: the refund problems' own copy, else the shared one. */
export function refundProblemCopy(t: Translate, err: unknown): string {
  if (err instanceof ApiError && (refundCodes as readonly string[]).includes(err.code))
    return t(`refunds.problem.${err.code as RefundCode}`);
  return problemCopy(t, err);
}

function formatOr(field: string, t: Translate, fallback: () => string): string {
  return field in formatCopy ? t(formatCopy[field as keyof typeof formatCopy]) : fallback();
}

/** Field errors of a refund body that failed its schema, keyed by the form's fields. */
export function refundSchemaErrors(error: z.ZodError, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = refundFieldOf(issuePath(issue.path));
    errors[field] ??= issue.code === 'invalid_format' ? formatOr(field, t, () => issueMessage(issue, t)) : issueMessage(issue, t);
  }
  return errors;
}

export interface RefundFormFailure {
  form: string;
  errors: FieldErrors;
  values: Record<string, string>;
  message: string | null;
  /** The API wants a bank account the page did not ask for (an ECPay payment whose method only ECPay knew). */
  needsBank?: boolean;
}

/** The failure of a refund form whose API call failed: field copy where the problem is about a field. */
export function refundApiFailure(err: unknown, form: string, values: Record<string, string>, t: Translate, url: URL) {
  if (!(err instanceof ApiError)) throw err;
  if (err.code === 'AUTH_UNAUTHORIZED') redirect(303, loginPath(url));
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(apiFieldErrors(err.problem.errors ?? [], t))) {
    const field = refundFieldOf(path);
    const item = err.problem.errors?.find((e) => e.path === `body.${path}`);
    errors[field] ??= item?.code === 'invalid_format' ? formatOr(field, t, () => message) : message;
  }
  const message = refundProblemCopy(t, err);
  if (err.code === 'REFUND_BANK_ACCOUNT_REQUIRED') errors.bankCode ??= message;
  if (err.code === 'REFUND_LINE_INVALID') errors.lines ??= message;
  const status = err.status >= 400 && err.status <= 599 ? err.status : 503;
  const needsBank = err.code === 'REFUND_BANK_ACCOUNT_REQUIRED';
  return fail(status, { form, errors, values, message, needsBank } satisfies RefundFormFailure);
}

/** Reads and checks a refund form post; the errors of what the person can fix here, or the body to send. */
function readChecked<T>(
  form: FormData,
  order: Order,
  t: Translate,
  schema: z.ZodType<T>,
  staff: boolean,
): { ok: true; body: T; values: RefundFormRead['values'] } | { ok: false; errors: FieldErrors; values: RefundFormRead['values'] } {
  // The bank fields count when the page asked for them, also after the API said it needs them.
  const bankAccount = refundFormNeeds(order).bankAccount || form.has('bankCode');
  const { values, input, problems } = readRefundForm(form, order, { bankAccount, staff });
  const parsed = schema.safeParse(input);
  const errors = parsed.success ? {} : refundSchemaErrors(parsed.error, t);
  if (problems.lines) errors.lines = t(`refunds.form.${problems.lines}`);
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors, values };
  return { ok: true, body: parsed.data, values };
}

/**
 * The shopper's refund request from their order page (a member, or a guest through the order's
 * token). The page's data is read again after it, so the refund and its figures appear as the
 * server answered them.
 */
export async function requestRefund(event: RequestEvent<{ id: string }>) {
  const { request, locals, url, params, cookies } = event;
  const form = await request.formData();
  const token = locals.user && !url.searchParams.get('token') ? null : orderTokenOf(cookies, url, params.id);
  let order: Order;
  try {
    order = await locals.api.orders.get(params.id, token);
  } catch (err) {
    return refundApiFailure(err, 'refund', {}, locals.t, url);
  }
  const read = readChecked(form, order, locals.t, RefundRequestBody, false);
  if (!read.ok)
    return fail(400, {
      form: 'refund',
      errors: read.errors,
      values: read.values,
      message: locals.t('refunds.form.fix'),
    } satisfies RefundFormFailure);
  try {
    await locals.api.refunds.request(params.id, token, read.body);
  } catch (err) {
    return refundApiFailure(err, 'refund', read.values, locals.t, url);
  }
  return { form: 'refund', done: true };
}

/** Staff refund an order from its admin page: the whole order (declining it) or some items, approved at once. */
export async function staffRefund(event: RequestEvent<{ id: string }>) {
  const { request, locals, url, params } = event;
  const form = await request.formData();
  let order: Order;
  try {
    order = await locals.api.admin.order(params.id);
  } catch (err) {
    return refundApiFailure(err, 'refund', {}, locals.t, url);
  }
  const read = readChecked(form, order, locals.t, StaffRefundBody, true);
  if (!read.ok) return fail(400, { form: 'refund', errors: read.errors, values: read.values, message: null } satisfies RefundFormFailure);
  try {
    await locals.api.admin.refundOrder(params.id, read.body);
  } catch (err) {
    return refundApiFailure(err, 'refund', read.values, locals.t, url);
  }
  return { form: 'refund', done: 'refunded' as const };
}
