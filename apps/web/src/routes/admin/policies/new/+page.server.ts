import { redirect } from '@sveltejs/kit';
import { checkPolicyForm, policyFormats } from '$lib/admin/policy-form';
import { apiFailure, invalid } from '$lib/server/forms';
import { requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
  requireSection((await parent()).adminSections, 'policies');
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    requireStaff(locals, url); // the API decides, as for every action
    const checked = checkPolicyForm(await request.formData(), locals.t);
    if (!checked.ok) return invalid('policy', checked.errors, checked.values);
    try {
      await locals.api.admin.createPolicy(checked.input);
    } catch (err) {
      return apiFailure(err, { form: 'policy', values: checked.values, t: locals.t, url, formats: policyFormats });
    }
    redirect(303, '/admin/policies?notice=created');
  },
};
