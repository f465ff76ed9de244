import type { Me, Role } from '@shop/contracts/identity';

/** Roles that may open the admin console. */
export const staffRoles: readonly Role[] = ['ops', 'support', 'admin'];

export function isStaff(roles: readonly Role[] | undefined): boolean {
  return roles?.some((role) => staffRoles.includes(role)) ?? false;
}

export function isAdmin(roles: readonly Role[] | undefined): boolean {
  return roles?.includes('admin') ?? false;
}

/** What pages know of the signed-in user (root layout data, `page.data.user`). */
export type SessionUser = Pick<Me, 'id' | 'email' | 'displayName' | 'roles' | 'emailVerified' | 'locale'>;

export function toSessionUser(me: Me): SessionUser {
  return { id: me.id, email: me.email, displayName: me.displayName, roles: me.roles, emailVerified: me.emailVerified, locale: me.locale };
}
