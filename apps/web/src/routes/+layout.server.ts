import { serverConfig } from '$lib/server/config';
import { toSessionUser } from '$lib/identity/user';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
  locale: locals.locale,
  /** The shop's public URL for absolute links (canonical, hreflang, og:url); never the request's Host. */
  publicUrl: serverConfig().publicUrl,
  user: locals.user ? toSessionUser(locals.user) : null,
});
