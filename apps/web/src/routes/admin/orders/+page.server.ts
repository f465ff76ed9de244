import { ApiError } from '$lib/api/client';
import { queryString } from '$lib/server/api';
import { adminOrderQuery } from '$lib/orders/admin-order-query';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  const { adminSections } = await parent();
  requireSection(adminSections, 'orders');
  const { query, filters } = adminOrderQuery(url.searchParams);
  try {
    const list = await locals.api.admin.orders(query);
    // The shipping methods name the filter's choices and the list's column; staff without them see ids.
    const methods = adminSections.includes('shipping')
      ? await locals.api.admin.shippingMethods().then(
          (r) => r.items.map((m) => ({ id: m.id, name: m.name })),
          (err: unknown) => {
            if (err instanceof ApiError) return [];
            throw err;
          },
        )
      : [];
    // The API's CSV of the same filters and sort (every match, not one page), downloaded with the session cookie.
    const { page: _page, pageSize: _pageSize, ...csvQuery } = query;
    void _page;
    void _pageSize;
    return { list, filters, methods, csvHref: `/api/admin/orders.csv${queryString(csvQuery)}` };
  } catch (err) {
    pageError(err, url);
  }
};
