import { DecisionRequest } from '@shop/contracts/access';
import { IdParams, type AdminUser } from '@shop/contracts/identity';
import { error } from '@sveltejs/kit';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { formValues, text } from '$lib/forms/form-data';
import { decisionFields, readDecisionForm, userWithEmail } from '$lib/admin/policy-form';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const notices = ['created', 'updated', 'deleted'] as const;
type Notice = (typeof notices)[number];

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireSection((await parent()).adminSections, 'policies');
  const notice = url.searchParams.get('notice');
  try {
    const { items } = await locals.api.admin.policies();
    return { policies: items, notice: notices.includes(notice as Notice) ? (notice as Notice) : null };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  delete: async ({ request, locals, url }) => {
    requireStaff(locals, url); // the API decides, as for every action
    const parsed = IdParams.safeParse({ id: text(await request.formData(), 'id') });
    if (!parsed.success) error(400, { message: 'Bad Request' });
    try {
      await locals.api.admin.deletePolicy(parsed.data.id);
    } catch (err) {
      return apiFailure(err, { form: 'policies', values: {}, t: locals.t, url });
    }
    return { form: 'policies', deleted: true };
  },

  /** "Test a decision": asks the evaluator with the current policies, for the user picked by email (none: a visitor). */
  evaluate: async ({ request, locals, url }) => {
    requireStaff(locals, url); // the API decides, as for every action
    const form = await request.formData();
    const values = formValues(form, decisionFields);
    const failure = (err: unknown) =>
      apiFailure(err, {
        form: 'evaluate',
        values,
        t: locals.t,
        url,
        fieldForCode: { USER_NOT_FOUND: ['userEmail', 'fieldError.unknownUserEmail'] },
      });
    const email = values.userEmail?.trim() ?? '';
    let subject: AdminUser | null = null;
    if (email !== '') {
      try {
        subject = userWithEmail((await locals.api.admin.users({ q: email, pageSize: 20 })).items, email) ?? null;
      } catch (err) {
        return failure(err);
      }
      if (!subject) return invalid('evaluate', { userEmail: locals.t('fieldError.unknownUserEmail') }, values);
    }
    const parsed = DecisionRequest.safeParse({ ...readDecisionForm(form), userId: subject?.id ?? null });
    if (!parsed.success) return invalid('evaluate', zodFieldErrors(parsed.error, locals.t), values);
    try {
      const decision = await locals.api.admin.evaluate(parsed.data);
      return {
        form: 'evaluate',
        values,
        decision,
        subject: subject && { displayName: subject.displayName, email: subject.email, roles: subject.roles },
      };
    } catch (err) {
      return failure(err);
    }
  },
};
