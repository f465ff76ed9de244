import { CategoryInput } from '@shop/contracts/catalog';
import type { AdminCategory } from '@shop/contracts/catalog-admin';
import { flattenTree, reorder } from '$lib/catalog/catalog';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { formValues, optionalText, text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  try {
    return { tree: (await locals.api.catalogAdmin.categories()).items };
  } catch (err) {
    pageError(err, url);
  }
};

/** What a PUT needs to keep a category as it is but for `changes`. */
function asInput(c: AdminCategory, changes: Partial<{ parentId: string | null; sortOrder: number }> = {}) {
  return {
    parentId: c.parentId,
    name: c.name,
    ...(c.description ? { description: c.description } : {}),
    slug: c.slug,
    sortOrder: c.sortOrder,
    ...changes,
  };
}

const fields = ['id', 'name.zh-TW', 'name.en', 'parentId', 'slug'];
const uuidOrNull = (value: string) => (value === '' ? null : value);

export const actions: Actions = {
  /** Create (no id) or rename / move under another parent (id). */
  save: async ({ request, locals, url }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const formName = id ? `category-${id}` : 'category-new';
    const values = formValues(form, fields);
    let current: AdminCategory | undefined;
    let siblingsAfter = 0;
    let flat: AdminCategory[] = [];
    try {
      flat = flattenTree((await locals.api.catalogAdmin.categories()).items).map((e) => e.node);
      current = flat.find((c) => c.id === id);
      const parentId = uuidOrNull(text(form, 'parentId'));
      siblingsAfter = flat.filter((c) => c.parentId === parentId).reduce((max, c) => Math.max(max, c.sortOrder + 10), 0);
    } catch (err) {
      return apiFailure(err, { form: formName, values, t: locals.t, url });
    }
    const parentId = uuidOrNull(text(form, 'parentId'));
    const movedParent = current && current.parentId !== parentId;
    const parsed = CategoryInput.safeParse({
      ...(current ? asInput(current) : {}),
      parentId,
      name: { 'zh-TW': text(form, 'name.zh-TW'), ...(optionalText(form, 'name.en') ? { en: text(form, 'name.en') } : {}) },
      ...(optionalText(form, 'slug') ? { slug: text(form, 'slug').trim() } : {}),
      // New or moved: last among its new siblings.
      ...(!current || movedParent ? { sortOrder: siblingsAfter } : {}),
    });
    if (!parsed.success) return invalid(formName, zodFieldErrors(parsed.error, locals.t, { formats: { slug: 'fieldError.slug' } }), values);
    try {
      if (current) await locals.api.catalogAdmin.updateCategory(current.id, parsed.data);
      else await locals.api.catalogAdmin.createCategory(parsed.data);
    } catch (err) {
      return apiFailure(err, { form: formName, values, t: locals.t, url, formats: { slug: 'fieldError.slug' } });
    }
    const name = parsed.data.name['zh-TW'];
    const parent = flat.find((c) => c.id === parentId);
    let notice: string;
    if (!current) notice = locals.t('admin.catalog.categoryCreated', { name });
    else if (!movedParent) notice = locals.t('admin.catalog.categorySaved', { name });
    else
      notice = parent
        ? locals.t('admin.catalog.categoryMoved', { name, parent: parent.name['zh-TW'] })
        : locals.t('admin.catalog.categoryMovedTop', { name });
    return { form: 'categories', saved: true, notice, id: current?.id ?? null };
  },

  /** Put `id` under `parentId` before `beforeId` (or last): drag and drop, and the up/down buttons. */
  place: async ({ request, locals, url }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const parentId = uuidOrNull(text(form, 'parentId'));
    const beforeId = uuidOrNull(text(form, 'beforeId'));
    let moving: AdminCategory | undefined;
    let parent: AdminCategory | undefined;
    try {
      const flat = flattenTree((await locals.api.catalogAdmin.categories()).items).map((e) => e.node);
      moving = flat.find((c) => c.id === id);
      if (!moving) return invalid('categories', { form: locals.t('problem.CATEGORY_NOT_FOUND') }, {});
      parent = flat.find((c) => c.id === parentId);
      const siblings = flat.filter((c) => c.parentId === parentId).sort((a, b) => a.sortOrder - b.sortOrder);
      const order = reorder(
        siblings.map((c) => c.id),
        id,
        beforeId,
      );
      // Renumber in steps of 10; only categories whose place changed are written.
      for (const [index, siblingId] of order.entries()) {
        const sibling = siblingId === id ? moving : siblings.find((c) => c.id === siblingId);
        if (!sibling) continue;
        const sortOrder = index * 10;
        if (sibling.sortOrder === sortOrder && sibling.parentId === parentId) continue;
        await locals.api.catalogAdmin.updateCategory(sibling.id, asInput(sibling, { parentId, sortOrder }));
      }
    } catch (err) {
      return apiFailure(err, { form: 'categories', values: {}, t: locals.t, url });
    }
    const name = moving.name['zh-TW'];
    let notice: string;
    if (moving.parentId === parentId) notice = locals.t('admin.catalog.categoryReordered', { name });
    else
      notice = parent
        ? locals.t('admin.catalog.categoryMoved', { name, parent: parent.name['zh-TW'] })
        : locals.t('admin.catalog.categoryMovedTop', { name });
    return { form: 'categories', saved: true, notice, id: moving.id };
  },

  delete: async ({ request, locals, url }) => {
    try {
      await locals.api.catalogAdmin.deleteCategory(text(await request.formData(), 'id'));
    } catch (err) {
      return apiFailure(err, { form: 'categories', values: {}, t: locals.t, url });
    }
    return { form: 'categories', saved: true, notice: locals.t('admin.catalog.categoryDeleted'), id: null };
  },
};
