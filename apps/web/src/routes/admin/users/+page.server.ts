import { UserListQuery } from '@shop/contracts/identity';
import { pageError, requireStaff } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireStaff(locals, url);
  // Blank filters ("any role") are left out; a tampered one falls back to the first page of everyone.
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value.trim() !== ''));
  const parsed = UserListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : UserListQuery.parse({});
  try {
    const list = await locals.api.admin.users(query);
    return { list, filters: { q: query.q ?? '', role: query.role ?? '', status: query.status ?? '' } };
  } catch (err) {
    pageError(err, url);
  }
};
