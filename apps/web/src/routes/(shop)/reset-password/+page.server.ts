import { ResetPasswordBody } from '@shop/contracts/identity';
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n';
import { ApiError } from '$lib/api/client';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const form = await request.formData();
    const t = locals.t;
    const parsed = ResetPasswordBody.safeParse({ token: text(form, 'token'), newPassword: text(form, 'newPassword') });
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error, t);
      // A malformed token is a broken link, not something the user can fix in the form.
      const message = errors.token ? t('auth.reset.invalid') : null;
      delete errors.token;
      return invalid('reset', errors, {}, message);
    }

    try {
      await locals.api.auth.resetPassword(parsed.data);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOKEN_INVALID') {
        return invalid('reset', {}, {}, t('auth.reset.invalid'));
      }
      return apiFailure(err, { form: 'reset', values: {}, t, url });
    }
    redirect(303, localizeHref('/login?notice=reset', locals.locale));
  },
};
