import { ChangePasswordBody } from '@shop/contracts/identity';
import { redirect } from '@sveltejs/kit';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { isStaff } from '$lib/identity/user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  return { email: user.email, mustChange: user.mustChangePassword };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const parsed = ChangePasswordBody.safeParse({ currentPassword: text(form, 'currentPassword'), newPassword: text(form, 'newPassword') });
    if (!parsed.success) return invalid('password', zodFieldErrors(parsed.error, locals.t), {});
    try {
      // The API answers with a new access cookie (passed on to the browser) that no longer asks for a change.
      await locals.api.account.changePassword(parsed.data);
    } catch (err) {
      return apiFailure(err, { form: 'password', values: {}, t: locals.t, url });
    }
    if (user.mustChangePassword) redirect(303, isStaff(user.roles) ? '/admin' : '/account');
    return { form: 'password', saved: true };
  },
};
