import { error, redirect } from '@sveltejs/kit';
import { isLocale, localeCookie } from '$lib/i18n';
import { safeRedirectPath } from '$lib/server/request';
import type { RequestHandler } from './$types';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** The language switch: a plain form POST (`to`, `redirect`), so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
  const form = await request.formData().catch(() => undefined);
  const to = form?.get('to');
  if (!isLocale(to)) error(400, 'unsupported language');

  cookies.set(localeCookie, to, {
    path: '/',
    maxAge: ONE_YEAR,
    httpOnly: true,
    sameSite: 'lax',
    // SvelteKit defaults to Secure, which a browser drops on plain http://127.0.0.1.
    secure: url.protocol === 'https:',
  });
  redirect(303, safeRedirectPath(form?.get('redirect')));
};
