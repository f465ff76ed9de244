import { MailboxQuery } from '@shop/contracts/admin';
import { pageError, requireAdmin } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireAdmin(locals, url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value.trim() !== ''));
  const parsed = MailboxQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : MailboxQuery.parse({});
  try {
    return { list: await locals.api.admin.mailbox(query), to: query.to ?? '' };
  } catch (err) {
    pageError(err, url);
  }
};
