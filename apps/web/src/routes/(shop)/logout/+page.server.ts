import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n';
import { sessionCookies } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (the header's form); a plain visit just goes home.
export const load: PageServerLoad = ({ locals }) => redirect(303, localizeHref('/', locals.locale));

export const actions: Actions = {
  default: async ({ locals, cookies }) => {
    try {
      await locals.api.auth.logout(); // revokes the session and clears the cookies (Set-Cookie passed on)
    } catch {
      // Already gone on the API's side (expired, revoked): forgetting the cookies below is all that is left.
    }
    for (const name of sessionCookies) {
      if (cookies.get(name)) cookies.delete(name, { path: '/' });
    }
    redirect(303, localizeHref('/', locals.locale));
  },
};
