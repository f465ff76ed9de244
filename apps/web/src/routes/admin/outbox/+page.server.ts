import { IdParams } from '@shop/contracts/identity';
import { error } from '@sveltejs/kit';
import { text } from '$lib/forms/form-data';
import { apiFailure } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireSection((await parent()).adminSections, 'outbox');
  try {
    return { events: (await locals.api.admin.deadEvents()).items };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  requeue: async ({ request, locals, url }) => {
    requireStaff(locals, url); // the API decides, as for every action
    const parsed = IdParams.safeParse({ id: text(await request.formData(), 'id') });
    if (!parsed.success) error(400, { message: 'Bad Request' });
    try {
      await locals.api.admin.requeue(parsed.data.id);
    } catch (err) {
      return apiFailure(err, { form: 'outbox', values: {}, t: locals.t, url });
    }
    return { form: 'outbox', requeued: true };
  },
};
