import { PromotionListQuery } from '@shop/contracts/pricing';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'promotions');
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value.trim() !== ''));
  const parsed = PromotionListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : PromotionListQuery.parse({});
  try {
    const list = await locals.api.admin.promotions(query);
    return { list, filters: { status: query.status ?? '', kind: query.kind ?? '', type: query.type ?? '' } };
  } catch (err) {
    pageError(err, url);
  }
};
