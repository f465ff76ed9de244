// The staff order list's address (`?status=…&from=2026-12-01&sort=-total`) as the API's query.
import { AdminOrderListQuery, AdminOrderSorts } from '@shop/contracts/orders';

export type AdminOrderFilters = Record<
  'status' | 'from' | 'to' | 'orderNumber' | 'email' | 'phone' | 'paymentStatus' | 'shippingMethodId',
  string
>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the list's filters from the page address. Dates are days in Taiwan (UTC+8): `from` starts
 * at its midnight, `to` ends at its last millisecond. The table's sort links say `sort=total` or
 * `sort=-total`; the API wants `sort` and `dir`. Anything malformed is dropped, never sent.
 */
export function adminOrderQuery(params: URLSearchParams): { query: AdminOrderListQuery; filters: AdminOrderFilters } {
  const get = (name: string) => (params.get(name) ?? '').trim();
  const filters: AdminOrderFilters = {
    status: get('status'),
    from: DAY.test(get('from')) ? get('from') : '',
    to: DAY.test(get('to')) ? get('to') : '',
    orderNumber: get('orderNumber').replace(/\s/g, ''),
    email: get('email'),
    phone: get('phone').replace(/[\s-]/g, ''),
    paymentStatus: get('paymentStatus'),
    shippingMethodId: get('shippingMethodId'),
  };
  const sortParam = get('sort');
  const sortKey = sortParam.replace(/^-/, '');
  const raw: Record<string, unknown> = {
    status: filters.status || undefined,
    from: filters.from ? `${filters.from}T00:00:00.000+08:00` : undefined,
    to: filters.to ? `${filters.to}T23:59:59.999+08:00` : undefined,
    orderNumber: filters.orderNumber || undefined,
    email: filters.email || undefined,
    phone: filters.phone || undefined,
    paymentStatus: filters.paymentStatus || undefined,
    shippingMethodId: filters.shippingMethodId || undefined,
    ...((AdminOrderSorts as readonly string[]).includes(sortKey) ? { sort: sortKey, dir: sortParam.startsWith('-') ? 'desc' : 'asc' } : {}),
    page: get('page') || undefined,
    pageSize: 25,
  };
  // Drop each field the API would refuse, so one bad filter does not empty the page.
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const one = AdminOrderListQuery.safeParse({ [key]: value });
    if (one.success) query[key] = value;
    else if (key in filters) filters[key as keyof AdminOrderFilters] = '';
  }
  return { query: AdminOrderListQuery.parse(query), filters };
}
