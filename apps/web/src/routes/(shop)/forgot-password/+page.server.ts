import { ForgotPasswordBody } from '@shop/contracts/identity';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { formValues, text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const form = await request.formData();
    const values = formValues(form, ['email']);
    const parsed = ForgotPasswordBody.safeParse({ email: text(form, 'email') });
    if (!parsed.success) return invalid('forgot', zodFieldErrors(parsed.error, locals.t), values);

    try {
      // Answers alike for known and unknown addresses, so the page cannot be used to probe accounts.
      await locals.api.auth.forgotPassword(parsed.data);
    } catch (err) {
      return apiFailure(err, { form: 'forgot', values, t: locals.t, url });
    }
    return { form: 'forgot', sent: true, email: parsed.data.email };
  },
};
