import { IdParams } from '@shop/contracts/identity';
import { error, redirect } from '@sveltejs/kit';
import { text } from '$lib/forms/form-data';
import { localizeHref } from '$lib/i18n';
import { apiFailure } from '$lib/server/forms';
import { pageError, requireUser } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireUser(locals, url);
  try {
    const { items } = await locals.api.account.sessions();
    // This device first, then the most recently used.
    const sessions = [...items].sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt));
    return { sessions };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  end: async ({ request, locals, url }) => {
    requireUser(locals, url);
    const parsed = IdParams.safeParse({ id: text(await request.formData(), 'id') });
    if (!parsed.success) error(400, { message: 'Bad Request' });
    try {
      await locals.api.account.endSession(parsed.data.id);
    } catch (err) {
      return apiFailure(err, { form: 'sessions', values: {}, t: locals.t, url });
    }
    return { form: 'sessions', ended: true };
  },

  logoutAll: async ({ locals, url }) => {
    requireUser(locals, url);
    try {
      await locals.api.auth.logoutAll(); // clears this browser's cookies too
    } catch (err) {
      return apiFailure(err, { form: 'sessions', values: {}, t: locals.t, url });
    }
    redirect(303, localizeHref('/login?notice=signedOutEverywhere', locals.locale));
  },
};
