import { AttributeDefinitionInput } from '@shop/contracts/catalog';
import { flattenTree, parseAllowedValues } from '$lib/catalog';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { checked, formValues, optionalText, text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const categoryId = url.searchParams.get('category') ?? '';
  try {
    const [tree, attributes] = await Promise.all([
      locals.api.catalogAdmin.categories(),
      /^[0-9a-f-]{36}$/i.test(categoryId) ? locals.api.catalogAdmin.attributes(categoryId) : Promise.resolve({ items: [] }),
    ]);
    const categories = flattenTree(tree.items).map(({ node, depth }) => ({ id: node.id, name: node.name, depth }));
    return { categories, categoryId, attributes: attributes.items };
  } catch (err) {
    pageError(err, url);
  }
};

const fields = ['code', 'kind', 'type', 'required', 'label.zh-TW', 'label.en', 'allowedValues'];

export const actions: Actions = {
  create: async ({ request, locals, url }) => {
    const form = await request.formData();
    const values = formValues(form, fields);
    const type = text(form, 'type');
    const parsed = AttributeDefinitionInput.safeParse({
      categoryId: text(form, 'categoryId'),
      code: text(form, 'code').trim(),
      kind: text(form, 'kind'),
      type,
      required: checked(form, 'required'),
      label: { 'zh-TW': text(form, 'label.zh-TW'), ...(optionalText(form, 'label.en') ? { en: text(form, 'label.en') } : {}) },
      ...(type === 'enum' ? { allowedValues: parseAllowedValues(text(form, 'allowedValues')) } : {}),
    });
    if (!parsed.success) return invalid('attribute', zodFieldErrors(parsed.error, locals.t, { formats: { code: 'fieldError.attributeCode' } }), values);
    try {
      await locals.api.catalogAdmin.createAttribute(parsed.data);
    } catch (err) {
      return apiFailure(err, { form: 'attribute', values, t: locals.t, url, fieldForCode: { ATTRIBUTE_CODE_TAKEN: ['code', 'fieldError.attributeCodeTaken'] } });
    }
    return { form: 'attribute', created: true };
  },
  delete: async ({ request, locals, url }) => {
    try {
      await locals.api.catalogAdmin.deleteAttribute(text(await request.formData(), 'id'));
    } catch (err) {
      return apiFailure(err, { form: 'attributes', values: {}, t: locals.t, url });
    }
    return { form: 'attributes', deleted: true };
  },
};
