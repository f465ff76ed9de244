import { LoginBody } from '@shop/contracts/identity';
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { formValues, text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { safeRedirectPath, setLocaleCookie } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const notices = ['reset', 'signedOutEverywhere'] as const;
type Notice = (typeof notices)[number];

export const load: PageServerLoad = ({ locals, url }) => {
  const redirectTo = safeRedirectPath(url.searchParams.get('redirect') ?? '/');
  if (locals.user) redirect(303, localizeHref(redirectTo === '/' ? '/account' : redirectTo, locals.locale));
  const notice = url.searchParams.get('notice');
  return {
    redirectTo,
    notice: notices.includes(notice as Notice) ? (notice as Notice) : null,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, cookies }) => {
    const form = await request.formData();
    const values = formValues(form, ['identifier']);
    const parsed = LoginBody.safeParse({ identifier: text(form, 'identifier'), password: text(form, 'password') });
    if (!parsed.success) return invalid('login', zodFieldErrors(parsed.error, locals.t), values);

    let user;
    try {
      ({ user } = await locals.api.auth.login(parsed.data));
    } catch (err) {
      return apiFailure(err, { form: 'login', values, t: locals.t, url });
    }
    // The language chosen in the profile is the site's too: the way back is in it, and remembered.
    setLocaleCookie(cookies, user.locale, url);
    // Only a path on this site: `redirect` comes from the address bar.
    redirect(303, localizeHref(safeRedirectPath(text(form, 'redirect') || '/'), user.locale));
  },
};
