import { AdminSection } from '@shop/contracts/admin';

/** The console's sections in menu order, with their pages. */
const order = AdminSection.options;

/**
 * The sections to offer, in menu order, from what the API said the user may use
 * (`GET /api/admin/me`). Nothing is offered on the strength of a role name alone.
 */
export function consoleSections(allowed: readonly AdminSection[]): Array<{ key: AdminSection; href: string }> {
  return order.filter((key) => allowed.includes(key)).map((key) => ({ key, href: `/admin/${key}` }));
}
