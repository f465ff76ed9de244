import { AttributeDefinitionInput } from '@shop/contracts/catalog';
import { flattenTree, formatAllowedValues, parseAllowedValues } from '$lib/catalog/catalog';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { checked, formValues, optionalText, text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError } from '$lib/server/session';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const categoryId = url.searchParams.get('category') ?? '';
  try {
    const [tree, attributes] = await Promise.all([
      locals.api.catalogAdmin.categories(),
      /^[0-9a-f-]{36}$/i.test(categoryId) ? locals.api.catalogAdmin.attributes(categoryId) : Promise.resolve({ items: [] }),
    ]);
    const categories = flattenTree(tree.items).map(({ node, depth }) => ({ id: node.id, name: node.name, depth }));
    // `?edit=<id>`: the form edits that attribute (one of the category's own) instead of adding one.
    const editing = attributes.items.find((a) => a.id === url.searchParams.get('edit') && !a.inherited);
    const editValues = editing
      ? {
          id: editing.id,
          code: editing.code,
          kind: editing.kind,
          type: editing.type,
          required: editing.required ? 'on' : '',
          'label.zh-TW': editing.label['zh-TW'],
          'label.en': editing.label.en ?? '',
          allowedValues: formatAllowedValues(editing.allowedValues),
          sortOrder: String(editing.sortOrder),
        }
      : null;
    return { categories, categoryId, attributes: attributes.items, editValues };
  } catch (err) {
    pageError(err, url);
  }
};

const fields = ['id', 'code', 'kind', 'type', 'required', 'label.zh-TW', 'label.en', 'allowedValues', 'sortOrder'];

/** The posted definition form, checked by the contract: the input to send, or the 400 to answer. */
function readAttribute(form: FormData, t: App.Locals['t']) {
  const values = formValues(form, fields);
  const type = text(form, 'type');
  const sortOrder = Number(text(form, 'sortOrder') || '0');
  const parsed = AttributeDefinitionInput.safeParse({
    categoryId: text(form, 'categoryId'),
    code: text(form, 'code').trim(),
    kind: text(form, 'kind'),
    type,
    required: checked(form, 'required'),
    label: { 'zh-TW': text(form, 'label.zh-TW'), ...(optionalText(form, 'label.en') ? { en: text(form, 'label.en') } : {}) },
    ...(type === 'enum' ? { allowedValues: parseAllowedValues(text(form, 'allowedValues')) } : {}),
    ...(Number.isInteger(sortOrder) ? { sortOrder } : {}),
  });
  if (!parsed.success)
    return { failure: invalid('attribute', zodFieldErrors(parsed.error, t, { formats: { code: 'fieldError.attributeCode' } }), values) };
  return { input: parsed.data, values };
}

const attributeCodes = { ATTRIBUTE_CODE_TAKEN: ['code', 'fieldError.attributeCodeTaken'] } as const;

export const actions: Actions = {
  create: async ({ request, locals, url }) => {
    const read = readAttribute(await request.formData(), locals.t);
    if (read.failure) return read.failure;
    try {
      await locals.api.catalogAdmin.createAttribute(read.input);
    } catch (err) {
      return apiFailure(err, { form: 'attribute', values: read.values, t: locals.t, url, fieldForCode: attributeCodes });
    }
    return { form: 'attribute', created: true };
  },
  update: async ({ request, locals, url }) => {
    const form = await request.formData();
    const read = readAttribute(form, locals.t);
    if (read.failure) return read.failure;
    try {
      await locals.api.catalogAdmin.updateAttribute(text(form, 'id'), read.input);
    } catch (err) {
      return apiFailure(err, { form: 'attribute', values: read.values, t: locals.t, url, fieldForCode: attributeCodes });
    }
    // Back to the list, with the change confirmed.
    redirect(303, `/admin/attributes?category=${encodeURIComponent(text(form, 'categoryId'))}&notice=attributeSaved`);
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
