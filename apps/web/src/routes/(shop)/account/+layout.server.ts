import { requireUser } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

// Every page under /account is the signed-in user's own; each page load and action checks again.
export const load: LayoutServerLoad = ({ locals, url }) => {
  requireUser(locals, url);
};
