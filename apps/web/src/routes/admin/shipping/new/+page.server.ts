import { fail, redirect } from '@sveltejs/kit';
import { blankMethodFields } from '$lib/shipping/method-form';
import { apiFailure } from '$lib/server/forms';
import { requireSection, requireStaff } from '$lib/server/session';
import { readMethod } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'shipping');
  return { initial: blankMethodFields };
};

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    requireStaff(locals, url);
    const { fields, body, failure } = await readMethod(request, locals.t);
    if (!body) return fail(400, { ...failure.data, fields });
    let id: string;
    try {
      id = (await locals.api.admin.createShippingMethod(body)).id;
    } catch (err) {
      const f = apiFailure(err, {
        form: 'method',
        values: {},
        t: locals.t,
        url,
        fieldForCode: { SHIPPING_METHOD_CODE_TAKEN: ['code', 'fieldError.invalid'] },
      });
      return fail(f.status, { ...f.data, fields });
    }
    redirect(303, `/admin/shipping/${id}?created=1`);
  },
};
