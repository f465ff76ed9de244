import { pageError } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  try {
    return { queue: await locals.api.catalogAdmin.reviewQueue(page) };
  } catch (err) {
    pageError(err, url);
  }
};
