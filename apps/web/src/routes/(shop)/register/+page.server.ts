import { RegisterBody } from '@shop/contracts/identity';
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { formValues, optionalText, text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { safeRedirectPath } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const formats = { phone: 'fieldError.mobile' } as const;

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, localizeHref('/account', locals.locale));
  return { redirectTo: safeRedirectPath(url.searchParams.get('redirect') ?? '/account') };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const form = await request.formData();
    const values = formValues(form, ['email', 'displayName', 'phone']);
    const parsed = RegisterBody.safeParse({
      email: text(form, 'email'),
      password: text(form, 'password'),
      displayName: text(form, 'displayName'),
      phone: optionalText(form, 'phone'),
      // Mails (the verification one first) go out in the language the visitor is using.
      locale: locals.locale,
    });
    if (!parsed.success) return invalid('register', zodFieldErrors(parsed.error, locals.t, { formats }), values);

    try {
      await locals.api.auth.register(parsed.data);
    } catch (err) {
      return apiFailure(err, {
        form: 'register',
        values,
        t: locals.t,
        url,
        formats,
        fieldForCode: { EMAIL_TAKEN: ['email', 'fieldError.emailTaken'], PHONE_TAKEN: ['phone', 'fieldError.phoneTaken'] },
      });
    }
    // Signed in right away; the verification reminder shows until the email is verified.
    redirect(303, localizeHref(safeRedirectPath(text(form, 'redirect') || '/account'), locals.locale));
  },
};
