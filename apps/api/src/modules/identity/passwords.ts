import { readFileSync } from 'node:fs';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** argon2id parameters (OWASP's recommended minimum for argon2id is 19 MiB, 2 passes). */
// `Algorithm` is a const enum that isolated modules cannot read: 2 is Argon2id.
export const ARGON2_PARAMS = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const common = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean),
);

/** Why a new password is refused beyond its length, or undefined when it is acceptable. */
export function weakPasswordReason(password: string, context: { email?: string | undefined } = {}): string | undefined {
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'This password is on the list of commonly used passwords.';
  if (/^(.)\1+$/.test(password)) return 'A password of one repeated character is too easy to guess.';
  if ('01234567890123456789'.includes(password) || '98765432109876543210'.includes(password)) {
    return 'A run of consecutive digits is too easy to guess.';
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Do not use your email address in the password.';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters than today's: re-hash it at login. */
export function needsRehash(storedHash: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!m) return true;
  return Number(m[1]) !== ARGON2_PARAMS.memoryCost || Number(m[2]) !== ARGON2_PARAMS.timeCost || Number(m[3]) !== ARGON2_PARAMS.parallelism;
}

/** Verified against for unknown accounts, so the answer takes as long as for known ones. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  return dummyHash;
}
