import { ShippingMethodParams } from '@shop/contracts/shipping';
import { error, fail } from '@sveltejs/kit';
import { methodFields } from '$lib/shipping/method-form';
import { apiFailure } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import { readMethod } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

function methodId(params: { id: string }): string {
  const parsed = ShippingMethodParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'SHIPPING_METHOD_NOT_FOUND' });
  return parsed.data.id;
}

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'shipping');
  try {
    const method = await locals.api.admin.shippingMethod(methodId(params));
    return { method, initial: methodFields(method), created: url.searchParams.has('created') };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  save: async ({ request, locals, url, params }) => {
    requireStaff(locals, url);
    const id = methodId(params);
    const { fields, body, failure } = await readMethod(request, locals.t);
    if (!body) return fail(400, { ...failure.data, fields });
    try {
      const { code: _code, ...patch } = body;
      await locals.api.admin.updateShippingMethod(id, patch);
    } catch (err) {
      const f = apiFailure(err, { form: 'method', values: {}, t: locals.t, url });
      return fail(f.status, { ...f.data, fields });
    }
    return { form: 'method', saved: true };
  },

  deactivate: async ({ locals, url, params }) => {
    requireStaff(locals, url);
    try {
      await locals.api.admin.deactivateShippingMethod(methodId(params));
    } catch (err) {
      return apiFailure(err, { form: 'active', values: {}, t: locals.t, url });
    }
    return { form: 'active', done: 'deactivated' as const };
  },

  reactivate: async ({ locals, url, params }) => {
    requireStaff(locals, url);
    try {
      await locals.api.admin.updateShippingMethod(methodId(params), { active: true });
    } catch (err) {
      return apiFailure(err, { form: 'active', values: {}, t: locals.t, url });
    }
    return { form: 'active', done: 'reactivated' as const };
  },
};
