import { IdParams } from '@shop/contracts/identity';
import { error } from '@sveltejs/kit';
import { pageError, requireAdmin } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireAdmin(locals, url);
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'MAIL_NOT_FOUND' });
  try {
    return { mail: await locals.api.admin.mail(parsed.data.id) };
  } catch (err) {
    pageError(err, url);
  }
};
