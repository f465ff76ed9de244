import { ProductStatus } from '@shop/contracts/catalog';
import { pageError } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const status = ProductStatus.safeParse(url.searchParams.get('status'));
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  try {
    const list = await locals.api.catalogAdmin.products({
      status: status.success ? status.data : undefined,
      q: q || undefined,
      page,
      pageSize: 20,
    });
    return { list, filters: { status: status.success ? status.data : '', q } };
  } catch (err) {
    pageError(err, url);
  }
};
