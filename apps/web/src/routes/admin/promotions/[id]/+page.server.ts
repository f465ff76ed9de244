import { IdParams } from '@shop/contracts/identity';
import type { PromotionAction } from '@shop/contracts/pricing';
import { CouponCodesInput } from '@shop/contracts/pricing';
import { error, fail } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { checked, formValues, text } from '$lib/forms/form-data';
import { promotionFields, promotionPatch, readPromotionForm } from '$lib/pricing/promotion-form';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import { formIssues, scopeChoices } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

function promotionId(params: { id: string }): string {
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'PROMOTION_NOT_FOUND' });
  return parsed.data.id;
}

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'promotions');
  const id = promotionId(params);
  const codesPage = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  try {
    const promotion = await locals.api.admin.promotion(id);
    const [codes, choices] = await Promise.all([
      promotion.isCoupon ? locals.api.admin.couponCodes(id, codesPage) : Promise.resolve(null),
      scopeChoices(locals.api),
    ]);
    return { promotion, initial: promotionFields(promotion), codes, ...choices, created: url.searchParams.has('created') };
  } catch (err) {
    pageError(err, url);
  }
};

const transition = (action: PromotionAction): Actions[string] => {
  return async ({ locals, url, params }) => {
    requireStaff(locals, url);
    try {
      await locals.api.admin.transitionPromotion(promotionId(params), action);
    } catch (err) {
      return apiFailure(err, { form: 'status', values: {}, t: locals.t, url });
    }
    return { form: 'status', done: action };
  };
};

export const actions: Actions = {
  save: async ({ request, locals, url, params }) => {
    requireStaff(locals, url);
    const id = promotionId(params);
    const form = await request.formData();
    const fields = readPromotionForm(form);
    const version = Number(text(form, 'version'));
    const parsed = promotionPatch(fields, version);
    if (!parsed.body) return formIssues(parsed.issues, fields, locals.t);
    try {
      await locals.api.admin.updatePromotion(id, parsed.body);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        return fail(409, { form: 'promotion', errors: {}, fields, message: locals.t('admin.promotion.changedMeanwhile'), conflict: true });
      }
      const failure = apiFailure(err, { form: 'promotion', values: {}, t: locals.t, url });
      return fail(failure.status, { ...failure.data, fields });
    }
    return { form: 'promotion', saved: true };
  },

  pause: transition('pause'),
  resume: transition('resume'),
  archive: transition('archive'),

  addCode: async ({ request, locals, url, params }) => {
    requireStaff(locals, url);
    const form = await request.formData();
    const values = formValues(form, ['code']);
    const parsed = CouponCodesInput.safeParse({ type: 'single', code: text(form, 'code'), singleUse: checked(form, 'singleUse') });
    if (!parsed.success) return invalid('addCode', { code: locals.t('admin.promotion.codeHint') }, values);
    try {
      const created = await locals.api.admin.createCouponCodes(promotionId(params), parsed.data);
      return { form: 'addCode', added: created.items[0]?.code ?? '' };
    } catch (err) {
      return apiFailure(err, {
        form: 'addCode',
        values,
        t: locals.t,
        url,
        fieldForCode: { COUPON_CODE_TAKEN: ['code', 'fieldError.invalid'] },
      });
    }
  },

  generate: async ({ request, locals, url, params }) => {
    requireStaff(locals, url);
    const form = await request.formData();
    const values = formValues(form, ['count', 'prefix', 'length']);
    const prefix = text(form, 'prefix').trim();
    const parsed = CouponCodesInput.safeParse({
      type: 'batch',
      count: Number(text(form, 'count')),
      prefix: prefix === '' ? undefined : prefix,
      length: Number(text(form, 'length') || '8'),
    });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'count')] ??= locals.t('fieldError.invalid');
      return invalid('generate', errors, values);
    }
    try {
      const created = await locals.api.admin.createCouponCodes(promotionId(params), parsed.data);
      return { form: 'generate', generated: created.items.length, batchId: created.batchId };
    } catch (err) {
      return apiFailure(err, { form: 'generate', values, t: locals.t, url });
    }
  },
};
