import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { PageServerLoad } from './$types';

/** Today in Taiwan (UTC+8 all year), YYYY-MM-DD. */
const taipeiToday = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'orders');
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
  const asked = url.searchParams.get('date') ?? '';
  const date = DATE.test(asked) ? asked : taipeiToday(new Date());
  try {
    const flagged = await locals.api.admin.flaggedPayments({ page, pageSize: 20 });
    // A date that does not exist (2026-02-30) is refused by the API: the page says so beside the picker.
    const report = await locals.api.admin.reconciliations(date).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 400) return { error: problemCopy(locals.t, err) };
      throw err;
    });
    return { flagged, date, report: 'items' in report ? report : null, reportError: 'error' in report ? report.error : null };
  } catch (err) {
    pageError(err, url);
  }
};
