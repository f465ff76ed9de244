import { AddressInput, IdParams } from '@shop/contracts/identity';
import { error, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n';
import { addressFormats, readAddressForm } from '$lib/identity/address-form';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError, requireUser } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

function addressId(params: { id: string }): string {
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'ADDRESS_NOT_FOUND' });
  return parsed.data.id;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireUser(locals, url);
  const id = addressId(params);
  try {
    return { address: await locals.api.account.address(id) };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    requireUser(locals, url);
    const id = addressId(params);
    const { values, input } = readAddressForm(await request.formData());
    const parsed = AddressInput.safeParse(input);
    if (!parsed.success) return invalid('address', zodFieldErrors(parsed.error, locals.t, { formats: addressFormats }), values);

    try {
      await locals.api.account.updateAddress(id, parsed.data);
    } catch (err) {
      return apiFailure(err, { form: 'address', values, t: locals.t, url, formats: addressFormats });
    }
    redirect(303, localizeHref('/account/addresses?notice=updated', locals.locale));
  },
};
