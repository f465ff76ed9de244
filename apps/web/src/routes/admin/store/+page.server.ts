import { LegalPageInput, LegalPageSlugs, StoreSettingsInput, isLegalPageSlug } from '@shop/contracts/store';
import { error, fail } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { zodFieldErrors, type FieldErrorOptions } from '$lib/forms/field-errors';
import { formValues, text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** The settings form's fields, named by the API's paths so its field errors land on them. */
const SETTINGS_FIELDS = [
  'name.zh-TW',
  'name.en',
  'contactEmail',
  'phone',
  'serviceLine',
  'address',
  'businessHours.zh-TW',
  'businessHours.en',
  'companyName',
  'taxId',
  'representative',
] as const;
const PAGE_FIELDS = ['body.zh-TW', 'body.en'] as const;

const formats: FieldErrorOptions = {
  formats: { taxId: 'fieldError.taxId', phone: 'fieldError.phone', serviceLine: 'fieldError.phone' },
};

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'store');
  try {
    const [settings, ...pages] = await Promise.all([
      locals.api.admin.storeSettings(),
      ...LegalPageSlugs.map((slug) => locals.api.admin.legalPage(slug)),
    ]);
    return { settings, pages };
  } catch (err) {
    pageError(err, url);
  }
};

/** What a save that lost the race answers: the typed values stay, with a way to reload. */
const conflict = (form: string, values: Record<string, string>, message: string) =>
  fail(409, { form, errors: {}, values, message, conflict: true });

export const actions: Actions = {
  settings: async ({ request, locals, url }) => {
    requireStaff(locals, url);
    const data = await request.formData();
    const values = formValues(data, SETTINGS_FIELDS);
    const parsed = StoreSettingsInput.safeParse({
      name: { 'zh-TW': values['name.zh-TW'], en: values['name.en'] },
      contactEmail: values.contactEmail,
      phone: values.phone,
      serviceLine: values.serviceLine,
      address: values.address,
      businessHours: { 'zh-TW': values['businessHours.zh-TW'], en: values['businessHours.en'] },
      companyName: values.companyName,
      taxId: values.taxId,
      representative: values.representative,
      version: Number(text(data, 'version')),
    });
    if (!parsed.success) return invalid('settings', zodFieldErrors(parsed.error, locals.t, formats), values);
    try {
      await locals.api.admin.updateStoreSettings(parsed.data);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        return conflict('settings', values, locals.t('admin.store.changedMeanwhile'));
      }
      return apiFailure(err, { form: 'settings', values, t: locals.t, url, ...formats });
    }
    return { form: 'settings', saved: true };
  },

  page: async ({ request, locals, url }) => {
    requireStaff(locals, url);
    const data = await request.formData();
    const slug = text(data, 'slug');
    if (!isLegalPageSlug(slug)) error(400, { message: 'Bad Request', code: 'BAD_REQUEST' });
    const form = `page-${slug}`;
    const values = formValues(data, PAGE_FIELDS);
    const parsed = LegalPageInput.safeParse({
      body: { 'zh-TW': values['body.zh-TW'], en: values['body.en'] },
      version: Number(text(data, 'version')),
    });
    if (!parsed.success) return invalid(form, zodFieldErrors(parsed.error, locals.t), values);
    try {
      await locals.api.admin.updateLegalPage(slug, parsed.data);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        return conflict(form, values, locals.t('admin.store.changedMeanwhile'));
      }
      return apiFailure(err, { form, values, t: locals.t, url });
    }
    return { form, saved: true };
  },
};
