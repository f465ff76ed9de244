import { OrderListQuery } from '@shop/contracts/orders';
import { pageError, requireUser } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireUser(locals, url);
  const raw = Object.fromEntries([...url.searchParams].filter(([key, value]) => value.trim() !== '' && key !== 'pageSize'));
  const parsed = OrderListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : OrderListQuery.parse({});
  try {
    return {
      list: await locals.api.orders.list({ status: query.status, page: query.page, pageSize: 10 }),
      status: query.status ?? '',
      // Just made an account from a guest order (the order's page sent the shopper here).
      accountCreated: url.searchParams.get('notice') === 'account',
    };
  } catch (err) {
    pageError(err, url);
  }
};
