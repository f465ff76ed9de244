import { ChangePasswordBody, ProfileUpdateBody, type Locale } from '@shop/contracts/identity';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { formValues, text } from '$lib/forms/form-data';
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n';
import { apiFailure, invalid } from '$lib/server/forms';
import { setLocaleCookie } from '$lib/server/request';
import { pageError, requireUser } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const formats = { phone: 'fieldError.mobile' } as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  requireUser(locals, url);
  try {
    return { profile: await locals.api.account.profile(), saved: url.searchParams.get('saved') === 'profile' };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  profile: async ({ request, locals, url, cookies }) => {
    requireUser(locals, url);
    const form = await request.formData();
    const values = formValues(form, ['displayName', 'phone', 'locale']);
    const phone = text(form, 'phone').trim();
    const parsed = ProfileUpdateBody.safeParse({
      displayName: text(form, 'displayName'),
      // An emptied phone field removes the number.
      phone: phone === '' ? null : phone,
      locale: text(form, 'locale'),
    });
    if (!parsed.success) return invalid('profile', zodFieldErrors(parsed.error, locals.t, { formats }), values);

    let locale: Locale;
    try {
      ({ locale } = await locals.api.account.updateProfile(parsed.data));
    } catch (err) {
      return apiFailure(err, { form: 'profile', values, t: locals.t, url, formats });
    }
    // The preferred language is also the site's: switch to this page in it now, as the language switch would.
    if (locale !== locals.locale) {
      setLocaleCookie(cookies, locale, url);
      redirect(303, localizeHref('/account?saved=profile', locale));
    }
    return { form: 'profile', saved: true };
  },

  password: async ({ request, locals, url }) => {
    requireUser(locals, url);
    const form = await request.formData();
    const parsed = ChangePasswordBody.safeParse({
      currentPassword: text(form, 'currentPassword'),
      newPassword: text(form, 'newPassword'),
    });
    if (!parsed.success) return invalid('password', zodFieldErrors(parsed.error, locals.t), {});

    try {
      await locals.api.account.changePassword(parsed.data);
    } catch (err) {
      return apiFailure(err, { form: 'password', values: {}, t: locals.t, url });
    }
    return { form: 'password', saved: true };
  },
};
