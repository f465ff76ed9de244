import { StockListQuery } from '@shop/contracts/inventory';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import { productNames } from './product-names';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'stock');
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value.trim() !== ''));
  const parsed = StockListQuery.safeParse({ pageSize: 25, ...raw });
  const query = parsed.success ? parsed.data : StockListQuery.parse({ pageSize: 25 });
  try {
    const list = await locals.api.admin.stock(query);
    const names = await productNames(
      locals.api,
      list.items.map((item) => item.productId),
    );
    return { list, names, filters: { filter: query.filter ?? '', sku: query.sku ?? '' } };
  } catch (err) {
    pageError(err, url);
  }
};
