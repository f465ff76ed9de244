import { AddressInput } from '@shop/contracts/identity';
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n';
import { addressFormats, readAddressForm } from '$lib/identity/address-form';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { apiFailure, invalid } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  requireUser(locals, url);
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    requireUser(locals, url);
    const { values, input } = readAddressForm(await request.formData());
    const parsed = AddressInput.safeParse(input);
    if (!parsed.success) return invalid('address', zodFieldErrors(parsed.error, locals.t, { formats: addressFormats }), values);

    try {
      await locals.api.account.createAddress(parsed.data);
    } catch (err) {
      return apiFailure(err, { form: 'address', values, t: locals.t, url, formats: addressFormats });
    }
    redirect(303, localizeHref('/account/addresses?notice=created', locals.locale));
  },
};
