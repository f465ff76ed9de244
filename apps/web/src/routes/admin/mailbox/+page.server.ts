import { MailboxQuery } from '@shop/contracts/admin';
import { pageError, requireSection } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireSection((await parent()).adminSections, 'mailbox');
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value.trim() !== ''));
  const parsed = MailboxQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : MailboxQuery.parse({});
  try {
    return { list: await locals.api.admin.mailbox(query), to: query.to ?? '' };
  } catch (err) {
    pageError(err, url);
  }
};
