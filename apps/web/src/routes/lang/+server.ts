import { error, redirect } from '@sveltejs/kit';
import { isLocale, localizeHref } from '$lib/i18n';
import { safeRedirectPath, setLocaleCookie } from '$lib/server/request';
import type { RequestHandler } from './$types';

/**
 * The language switch: a plain form POST (`to`, `redirect`), so it works without JavaScript. It
 * remembers the choice and goes to the same page in the other language (`/en/…` or the plain path;
 * the admin console keeps its one URL).
 */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
  const form = await request.formData().catch(() => undefined);
  const to = form?.get('to');
  if (!isLocale(to)) error(400, 'unsupported language');

  setLocaleCookie(cookies, to, url);
  redirect(303, localizeHref(safeRedirectPath(form?.get('redirect')), to));
};
