import { adminRefundQuery } from '$lib/refunds/refunds';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { PageServerLoad } from './$types';

/** The refund queue: `requested` first of all (what waits for a decision), any status on request. */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  const { adminSections } = await parent();
  requireSection(adminSections, 'orders');
  const { query, status } = adminRefundQuery(url.searchParams);
  try {
    return { list: await locals.api.admin.refunds(query), status };
  } catch (err) {
    pageError(err, url);
  }
};
