import type { Address, AdminUser, Me } from '@shop/contracts/identity';
import type { AddressRow, LoginLogRow, SessionRow, UserRow } from './identity.repo.js';

const iso = (d: Date) => d.toISOString();

export function toMe(u: UserRow, requireVerified: boolean): Me {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    phone: u.phone,
    locale: u.locale,
    roles: u.roles as Me['roles'],
    emailVerified: u.emailVerifiedAt !== null,
    mustVerifyBeforeCheckout: requireVerified && u.emailVerifiedAt === null,
    mustChangePassword: u.mustChangePassword,
    createdAt: iso(u.createdAt),
  };
}

export function toAdminUser(u: UserRow, requireVerified: boolean): AdminUser {
  return {
    ...toMe(u, requireVerified),
    status: u.status,
    lockedUntil: u.lockedUntil ? iso(u.lockedUntil) : null,
    lastLoginAt: u.lastLoginAt ? iso(u.lastLoginAt) : null,
  };
}

export function toAddress(a: AddressRow): Address {
  return {
    id: a.id,
    recipientName: a.recipientName,
    phone: a.phone,
    postalCode: a.postalCode,
    city: a.city,
    district: a.district,
    line1: a.line1,
    line2: a.line2,
    isDefault: a.isDefault,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

export function toSession(s: SessionRow, currentId: string | undefined) {
  return {
    id: s.id,
    createdAt: iso(s.createdAt),
    lastUsedAt: iso(s.lastUsedAt),
    userAgent: s.userAgent,
    ip: s.ip,
    current: s.id === currentId,
  };
}

export function toLoginLogEntry(l: LoginLogRow) {
  return { id: l.id, at: iso(l.at), identifier: l.identifier, ip: l.ip, userAgent: l.userAgent, outcome: l.outcome, reason: l.reason };
}
