import { IdParams } from '@shop/contracts/identity';
import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { requireStaff } from '$lib/server/session';
import type { RequestHandler } from './$types';

/** The promotion's coupon codes as the API's CSV (of one batch with `?batchId=`), as a download. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireStaff(locals, url);
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'PROMOTION_NOT_FOUND' });
  const batchId = url.searchParams.get('batchId') ?? undefined;
  try {
    const csv = await locals.api.admin.couponCodesCsv(parsed.data.id, batchId);
    return new Response(typeof csv === 'string' ? csv : '', {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="promotion-${parsed.data.id}-codes.csv"`,
      },
    });
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
