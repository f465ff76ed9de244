import { IdParams } from '@shop/contracts/identity';
import { error } from '@sveltejs/kit';
import { pageError, requireSection } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
  requireSection((await parent()).adminSections, 'mailbox');
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'MAIL_NOT_FOUND' });
  try {
    return { mail: await locals.api.admin.mail(parsed.data.id) };
  } catch (err) {
    pageError(err, url);
  }
};
