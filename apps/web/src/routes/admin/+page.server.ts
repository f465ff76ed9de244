import { ApiError } from '$lib/api/client';
import type { PageServerLoad } from './$types';

/**
 * Today's order figures, for staff whose sections include orders (the API checks again: a 403
 * shows no figures). A failure leaves the figures out; the section cards still show.
 */
export const load: PageServerLoad = async ({ locals, parent }) => {
  const { adminSections } = await parent();
  if (!adminSections.includes('orders')) return { today: null };
  try {
    return { today: await locals.api.admin.ordersToday() };
  } catch (err) {
    if (err instanceof ApiError) return { today: null };
    throw err;
  }
};
