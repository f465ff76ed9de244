import { pageError, requireStaff } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

/**
 * Staff only: a visitor signs in first, a customer gets the 403 page. The menu and the dashboard
 * show the sections the API's access policies allow this user; pages and actions check again.
 */
export const load: LayoutServerLoad = async ({ locals, url }) => {
  requireStaff(locals, url);
  try {
    return { adminSections: (await locals.api.admin.console()).sections };
  } catch (err) {
    pageError(err, url);
  }
};
