import { ApiError } from '$lib/api/client';
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
    return { list, filters, methods };
  } catch (err) {
    pageError(err, url);
  }
};
