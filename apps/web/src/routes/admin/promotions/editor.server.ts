import { fail } from '@sveltejs/kit';
import { issueMessage } from '$lib/forms/field-errors';
import type { FieldIssue, PromotionFields } from '$lib/pricing/promotion-form';
import type { ServerApi } from '$lib/server/api';

/** The category and brand lists the scope picks from; empty when the catalog does not answer (the ids can still be typed). */
export async function scopeChoices(api: ServerApi) {
  const [categories, brands] = await Promise.allSettled([api.catalogAdmin.categories(), api.catalogAdmin.brands()]);
  return {
    categories: categories.status === 'fulfilled' ? categories.value.items : [],
    brands: brands.status === 'fulfilled' ? brands.value.items : [],
  };
}

/** The 400 answer of a form whose fields do not pass, each field's first problem in words, with what was typed. */
export function formIssues(issues: FieldIssue[], fields: PromotionFields, t: App.Locals['t']) {
  const errors: Record<string, string> = {};
  for (const { field, issue } of issues) {
    if (errors[field]) continue;
    if (issue.message === 'coupon_kind') errors[field] = t('admin.promotion.couponKindsHint');
    else if (issue.message === 'ends_before_start') errors[field] = t('admin.promotion.endsBeforeStart');
    else if (field === 'scope') errors[field] = t('admin.promotion.pickNone');
    else errors[field] = issueMessage(issue, t);
  }
  return fail(400, { form: 'promotion', errors, fields, message: t('admin.promotion.fixFields') });
}
