import { BrandInput } from '@shop/contracts/catalog';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { formValues, optionalText, text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  try {
    return { brands: (await locals.api.catalogAdmin.brands()).items };
  } catch (err) {
    pageError(err, url);
  }
};

const fields = ['id', 'name.zh-TW', 'name.en', 'slug'];

function readBrand(form: FormData) {
  return {
    name: { 'zh-TW': text(form, 'name.zh-TW'), ...(optionalText(form, 'name.en') ? { en: text(form, 'name.en') } : {}) },
    ...(optionalText(form, 'slug') ? { slug: text(form, 'slug').trim() } : {}),
  };
}

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const formName = id ? `brand-${id}` : 'brand-new';
    const values = formValues(form, fields);
    const parsed = BrandInput.safeParse(readBrand(form));
    if (!parsed.success) return invalid(formName, zodFieldErrors(parsed.error, locals.t, { formats: { slug: 'fieldError.slug' } }), values);
    try {
      if (id) await locals.api.catalogAdmin.updateBrand(id, parsed.data);
      else await locals.api.catalogAdmin.createBrand(parsed.data);
    } catch (err) {
      return apiFailure(err, { form: formName, values, t: locals.t, url, formats: { slug: 'fieldError.slug' } });
    }
    // Said in words, so the change is confirmed with and without JS.
    const notice = locals.t(id ? 'admin.catalog.brandSaved' : 'admin.catalog.brandCreated', { name: parsed.data.name['zh-TW'] });
    return { form: formName, saved: true, notice };
  },
  delete: async ({ request, locals, url }) => {
    const id = text(await request.formData(), 'id');
    try {
      await locals.api.catalogAdmin.deleteBrand(id);
    } catch (err) {
      return apiFailure(err, { form: 'brands', values: {}, t: locals.t, url });
    }
    return { form: 'brands', deleted: true, notice: locals.t('admin.catalog.brandDeleted') };
  },
};
