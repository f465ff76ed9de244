import { StockParams } from '@shop/contracts/inventory';
import { error } from '@sveltejs/kit';
import { checked, formValues, text } from '$lib/forms/form-data';
import { adjustBody } from '$lib/inventory/stock';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import { productNames } from '../product-names';
import type { Actions, PageServerLoad } from './$types';

function variantId(params: { variantId: string }): string {
  const parsed = StockParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'STOCK_NOT_FOUND' });
  return parsed.data.variantId;
}

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'stock');
  const id = variantId(params);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  try {
    const level = await locals.api.admin.stockDetail(id, page);
    const actorIds = [...new Set(level.ledger.items.map((m) => m.actorId).filter((id): id is string => id !== null))];
    const [names, actors] = await Promise.all([
      productNames(locals.api, [level.productId]),
      // Staff who may not read users see the actor's id instead of a name.
      Promise.allSettled(actorIds.map((actorId) => locals.api.admin.user(actorId))),
    ]);
    const actorNames: Record<string, string> = {};
    actors.forEach((answer, i) => {
      if (answer.status === 'fulfilled') actorNames[actorIds[i]!] = answer.value.displayName;
    });
    return { level, productName: level.productId ? (names[level.productId] ?? null) : null, actorNames };
  } catch (err) {
    pageError(err, url);
  }
};

const adjustFields = ['mode', 'quantity', 'kind', 'reason', 'reference'] as const;

export const actions: Actions = {
  adjust: async ({ request, locals, url, params }) => {
    requireStaff(locals, url);
    const id = variantId(params);
    const form = await request.formData();
    const values = formValues(form, adjustFields);
    const fields = {
      mode: values.mode!,
      quantity: values.quantity!,
      kind: values.kind!,
      reason: values.reason!,
      reference: values.reference!,
    };
    const parsed = adjustBody(fields);
    if (parsed.errors) {
      const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, key]) => [field, locals.t(key)]));
      return invalid('adjust', errors, values);
    }
    try {
      const level = await locals.api.admin.adjustStock(id, parsed.body);
      return { form: 'adjust', done: true, onHand: level.onHand, available: level.available };
    } catch (err) {
      return apiFailure(err, { form: 'adjust', values, t: locals.t, url });
    }
  },

  settings: async ({ request, locals, url, params }) => {
    requireStaff(locals, url);
    const id = variantId(params);
    const form = await request.formData();
    const values = formValues(form, ['lowStockThreshold']);
    const raw = text(form, 'lowStockThreshold').trim();
    const threshold = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(threshold)) return invalid('settings', { lowStockThreshold: locals.t('admin.stock.setNegative') }, values);
    try {
      await locals.api.admin.stockSettings(id, { lowStockThreshold: threshold, unlimited: checked(form, 'unlimited') });
      return { form: 'settings', done: true };
    } catch (err) {
      return apiFailure(err, { form: 'settings', values, t: locals.t, url });
    }
  },
};
