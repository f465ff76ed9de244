import { redirect } from '@sveltejs/kit';
import { blankPromotionFields, promotionInput, readPromotionForm } from '$lib/pricing/promotion-form';
import { apiFailure } from '$lib/server/forms';
import { requireSection, requireStaff } from '$lib/server/session';
import { formIssues, scopeChoices } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'promotions');
  return { initial: blankPromotionFields, ...(await scopeChoices(locals.api)) };
};

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    requireStaff(locals, url);
    const fields = readPromotionForm(await request.formData());
    const parsed = promotionInput(fields);
    if (!parsed.body) return formIssues(parsed.issues, fields, locals.t);
    let id: string;
    try {
      id = (await locals.api.admin.createPromotion(parsed.body)).id;
    } catch (err) {
      return apiFailure(err, { form: 'promotion', values: {}, t: locals.t, url });
    }
    redirect(303, `/admin/promotions/${id}?created=1`);
  },
};
