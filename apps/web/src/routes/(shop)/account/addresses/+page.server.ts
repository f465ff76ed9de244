import { AddressInput, IdParams } from '@shop/contracts/identity';
import { error, fail } from '@sveltejs/kit';
import { text } from '$lib/forms/form-data';
import { apiFailure } from '$lib/server/forms';
import { pageError, requireUser } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const notices = ['created', 'updated'] as const;
type Notice = (typeof notices)[number];

export const load: PageServerLoad = async ({ locals, url }) => {
  requireUser(locals, url);
  const notice = url.searchParams.get('notice');
  try {
    const { items } = await locals.api.account.addresses();
    return { addresses: items, notice: notices.includes(notice as Notice) ? (notice as Notice) : null };
  } catch (err) {
    pageError(err, url);
  }
};

async function addressId(request: Request): Promise<{ id: string; form: FormData }> {
  const form = await request.formData();
  const parsed = IdParams.safeParse({ id: text(form, 'id') });
  if (!parsed.success) error(400, { message: 'Bad Request' });
  return { id: parsed.data.id, form };
}

export const actions: Actions = {
  /** Deleting cannot be undone: the first press asks, the second (with `confirmed`) deletes. */
  delete: async ({ request, locals, url }) => {
    requireUser(locals, url);
    const { id, form } = await addressId(request);
    if (text(form, 'confirmed') !== 'yes') return { form: 'addresses', confirmDelete: id };
    try {
      await locals.api.account.deleteAddress(id);
    } catch (err) {
      return apiFailure(err, { form: 'addresses', values: {}, t: locals.t, url });
    }
    return { form: 'addresses', done: 'deleted' as const };
  },

  /** The API moves the default on an update with `isDefault`; it takes the whole address. */
  makeDefault: async ({ request, locals, url }) => {
    requireUser(locals, url);
    const { id } = await addressId(request);
    try {
      const address = await locals.api.account.address(id);
      // An address saved before places were checked may not pass today's rules: edit it first.
      const parsed = AddressInput.safeParse(address);
      if (!parsed.success) return fail(400, { form: 'addresses', message: locals.t('account.addresses.fixFirst') });
      await locals.api.account.updateAddress(id, { ...parsed.data, isDefault: true });
    } catch (err) {
      return apiFailure(err, { form: 'addresses', values: {}, t: locals.t, url });
    }
    return { form: 'addresses', done: 'defaultSet' as const };
  },
};
