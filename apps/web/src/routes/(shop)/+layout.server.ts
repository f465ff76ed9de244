import { ApiError } from '$lib/api/client';
import type { LayoutServerLoad } from './$types';

/**
 * The shop's name, contact and company details for the footer (`GET /api/store`, both languages).
 * Read once per page load: client-side navigation keeps it (the layout depends on nothing that
 * changes between pages). A failing read leaves the storefront up, with the built-in shop name.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
  try {
    return { store: await locals.api.store.details() };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    console.warn(`[web] store details read failed (${err.code})`);
    return { store: null };
  }
};
