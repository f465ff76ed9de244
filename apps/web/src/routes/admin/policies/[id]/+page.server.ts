import { IdParams } from '@shop/contracts/identity';
import { error, redirect } from '@sveltejs/kit';
import { checkPolicyForm, policyFormats } from '$lib/admin/policy-form';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

function policyId(params: { id: string }): string {
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'POLICY_NOT_FOUND' });
  return parsed.data.id;
}

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
  requireSection((await parent()).adminSections, 'policies');
  const id = policyId(params);
  let policies;
  try {
    // The API has no single-policy read; the list is short.
    ({ items: policies } = await locals.api.admin.policies());
  } catch (err) {
    pageError(err, url);
  }
  const policy = policies.find((p) => p.id === id);
  if (!policy) error(404, { message: 'Not Found', code: 'POLICY_NOT_FOUND' });
  return { policy };
};

export const actions: Actions = {
  save: async ({ request, locals, url, params }) => {
    requireStaff(locals, url); // the API decides, as for every action
    const id = policyId(params);
    const checked = checkPolicyForm(await request.formData(), locals.t);
    if (!checked.ok) return invalid('policy', checked.errors, checked.values);
    try {
      await locals.api.admin.updatePolicy(id, checked.input);
    } catch (err) {
      return apiFailure(err, { form: 'policy', values: checked.values, t: locals.t, url, formats: policyFormats });
    }
    redirect(303, '/admin/policies?notice=updated');
  },

  delete: async ({ locals, url, params }) => {
    requireStaff(locals, url); // the API decides, as for every action
    try {
      await locals.api.admin.deletePolicy(policyId(params));
    } catch (err) {
      return apiFailure(err, { form: 'delete', values: {}, t: locals.t, url });
    }
    redirect(303, '/admin/policies?notice=deleted');
  },
};
