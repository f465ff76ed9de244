import { createHash, randomBytes } from 'node:crypto';

/** A random opaque token for a cookie or an emailed link. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as SHA-256 digests; a database leak yields nothing usable. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
