import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'shipping');
  try {
    return { list: await locals.api.admin.shippingMethods() };
  } catch (err) {
    pageError(err, url);
  }
};
