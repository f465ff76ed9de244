import { requireStaff } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

/** Staff only: a visitor signs in first, a customer gets the 403 page. Pages and actions check again (admin-only ones more). */
export const load: LayoutServerLoad = ({ locals, url }) => {
  requireStaff(locals, url);
};
