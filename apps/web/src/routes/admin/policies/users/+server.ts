import { json } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { requireStaff } from '$lib/server/session';
import type { RequestHandler } from './$types';

/**
 * Email suggestions for the "test a decision" form: users whose email, name or phone contains `q`.
 * The API decides whether the caller may search users; refused or failing, there are no suggestions.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
  requireStaff(locals, url);
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  if (q.length < 2) return json({ items: [] });
  try {
    const { items } = await locals.api.admin.users({ q, pageSize: 8 });
    return json(
      { items: items.map((u) => ({ email: u.email, displayName: u.displayName })) },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (err) {
    if (err instanceof ApiError) return json({ items: [] });
    throw err;
  }
};
