import { toSessionUser } from '$lib/user';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
  locale: locals.locale,
  user: locals.user ? toSessionUser(locals.user) : null,
});
