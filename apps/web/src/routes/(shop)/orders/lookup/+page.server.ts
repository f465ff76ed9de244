import { OrderLookupBody } from '@shop/contracts/orders';
import { normaliseTaiwanPhone } from '@shop/contracts/tw-address';
import { redirect } from '@sveltejs/kit';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { formValues, text } from '$lib/forms/form-data';
import { localizeHref } from '$lib/i18n';
import { apiFailure, invalid } from '$lib/server/forms';
import { keepOrderToken } from '$lib/server/order-links';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ request, locals, url, cookies }) => {
    const data = await request.formData();
    const values = formValues(data, ['orderNumber', 'email', 'mobile']);
    const parsed = OrderLookupBody.safeParse({
      orderNumber: text(data, 'orderNumber').replace(/\s/g, ''),
      email: text(data, 'email').trim(),
      mobile: normaliseTaiwanPhone(text(data, 'mobile')),
    });
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error, locals.t, { formats: { mobile: 'fieldError.mobile' } });
      if (errors.orderNumber) errors.orderNumber = locals.t('orders.lookup.numberFormat');
      return invalid('lookup', errors, values);
    }
    let found;
    try {
      found = await locals.api.orders.lookup(parsed.data);
    } catch (err) {
      return apiFailure(err, { form: 'lookup', values, t: locals.t, url });
    }
    keepOrderToken(cookies, url, found.order.id, found.token);
    redirect(303, localizeHref(`/orders/${found.order.id}?token=${encodeURIComponent(found.token)}`, locals.locale));
  },
};
