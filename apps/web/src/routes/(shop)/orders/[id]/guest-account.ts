import { GuestAccountBody } from '@shop/contracts/orders';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { formValues, optionalText, text } from '$lib/forms/form-data';
import { localizeHref } from '$lib/i18n';
import { apiFailure, invalid } from '$lib/server/forms';
import { orderTokenOf } from '$lib/server/order-links';

/** The problem codes that mean "this e-mail or order has an account": the form offers sign-in. */
const HAS_ACCOUNT = new Set(['EMAIL_TAKEN', 'ORDER_HAS_ACCOUNT']);

/**
 * The form action of "create an account from this order" (a guest's order page and its
 * confirmation page): the account for the order's buyer e-mail, through the order's token; the
 * API's session cookies sign the browser in, and the shopper lands on their order list.
 */
export async function createGuestAccount(event: RequestEvent<{ id: string }>) {
  const { request, locals, url, params, cookies } = event;
  const form = await request.formData();
  const values = formValues(form, ['displayName']);
  const parsed = GuestAccountBody.safeParse({
    password: text(form, 'password'),
    displayName: optionalText(form, 'displayName'),
    // Mails (the verification one first) go out in the language the shopper is using.
    locale: locals.locale,
  });
  if (!parsed.success) return invalid('account', zodFieldErrors(parsed.error, locals.t), values);
  try {
    await locals.api.orders.createAccount(params.id, orderTokenOf(cookies, url, params.id), parsed.data);
  } catch (err) {
    if (err instanceof ApiError && HAS_ACCOUNT.has(err.code))
      return fail(409, { form: 'account', errors: {}, values, message: locals.t('orders.account.exists'), signIn: true });
    return apiFailure(err, { form: 'account', values, t: locals.t, url });
  }
  redirect(303, localizeHref('/orders?notice=account', locals.locale));
}
