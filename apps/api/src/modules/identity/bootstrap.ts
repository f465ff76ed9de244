import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { uniqueViolation } from '../../db/pg.js';
import { withTx } from '../../platform/tx.js';
import * as repo from './identity.repo.js';
import { hashPassword } from './passwords.js';

/**
 * On first start (no admin yet) creates the admin account from ADMIN_EMAIL/ADMIN_PASSWORD, or with
 * a generated password that is returned once for the start banner and must be changed at the first
 * sign-in. Safe with several processes:
 * the unique email index lets one of them win.
 */
export async function ensureAdmin(db: Db, input: { email: string | undefined; password: string | undefined }) {
  if (await repo.anyAdminExists(db)) return undefined;
  const email = input.email ?? 'admin@shop.local';
  const password = input.password ?? randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  try {
    await withTx(db, async (tx) => {
      const admin = await repo.insertUser(tx, {
        email,
        phone: null,
        displayName: 'Admin',
        passwordHash,
        locale: 'zh-TW',
        roles: ['customer', 'admin'],
      });
      // The operator chose this address; there is no mailbox to prove it with before the first sign-in.
      // A generated password was printed in the start banner (and maybe a log): it must be replaced at
      // the first sign-in. ADMIN_PASSWORD is the operator's own choice and is kept.
      await repo.updateUser(tx, admin.id, { emailVerifiedAt: new Date(), mustChangePassword: input.password === undefined });
    });
  } catch (err) {
    if (uniqueViolation(err)) {
      return undefined; // another process created it, or the email belongs to an existing user
    }
    throw err;
  }
  return { email, generatedPassword: input.password ? undefined : password };
}
