import { and, arrayContains, asc, count, desc, eq, gt, gte, ilike, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { likeLiteral } from '../../db/pg.js';
import { addresses, emailTokens, loginLog, refreshTokens, sessions, users } from './identity.tables.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type AddressRow = typeof addresses.$inferSelect;
export type LoginLogRow = typeof loginLog.$inferSelect;

const MAX_FAILURES = 5;

// ---------- users ----------

export async function insertUser(
  tx: Tx,
  v: { email: string; phone: string | null; displayName: string; passwordHash: string; locale: 'zh-TW' | 'en'; roles?: string[] },
): Promise<UserRow> {
  const [row] = await tx.insert(users).values(v).returning();
  return row!;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function findUserByIdentifier(db: DbOrTx, identifier: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(or(sql`lower(${users.email}) = lower(${identifier})`, eq(users.phone, identifier)));
  return row;
}

export async function anyAdminExists(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(arrayContains(users.roles, ['admin']));
  return (row?.n ?? 0) > 0;
}

export async function countActiveAdmins(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(arrayContains(users.roles, ['admin']), eq(users.status, 'active')));
  return row?.n ?? 0;
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  v: Partial<
    Pick<UserRow, 'displayName' | 'phone' | 'locale' | 'passwordHash' | 'emailVerifiedAt' | 'status' | 'roles' | 'mustChangePassword'>
  >,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/**
 * One failed password: counts it and, at the fifth in a row, locks the account until `lockUntil`
 * (the count starts again). One statement, so concurrent failures all count.
 */
/** Counts a wrong password; the fifth in a row locks until `lockUntil`. Returns the lock now in force, if any. */
export async function recordLoginFailure(db: Db, id: string, lockUntil: Date): Promise<Date | null> {
  const [row] = await db
    .update(users)
    .set({
      lockedUntil: sql`CASE WHEN ${users.failedLoginCount} + 1 >= ${MAX_FAILURES} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${users.lockedUntil} END`,
      failedLoginCount: sql`CASE WHEN ${users.failedLoginCount} + 1 >= ${MAX_FAILURES} THEN 0 ELSE ${users.failedLoginCount} + 1 END`,
    })
    .where(eq(users.id, id))
    .returning({ lockedUntil: users.lockedUntil });
  return row?.lockedUntil ?? null;
}

/** Forgets the failed sign-ins and lifts a lockout (password reset, staff unlock). */
export async function clearLockout(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, id)).returning();
  return row;
}

/**
 * The lockout state of an identifier that names no account, by the same rule as for accounts
 * (five failures in a row lock for `lockMs`; attempts while locked do not count), replayed over
 * its latest login log rows, so an unknown address behaves like a known one: the lock in force
 * (if any) and the failures counted towards the next one.
 */
export async function unknownIdentifierLockout(
  db: DbOrTx,
  identifier: string,
  lockMs: number,
): Promise<{ lockedUntil: Date | undefined; failures: number }> {
  const rows = await db
    .select({ reason: loginLog.reason, at: loginLog.at })
    .from(loginLog)
    .where(and(sql`lower(${loginLog.identifier}) = lower(${identifier})`, isNull(loginLog.userId)))
    .orderBy(desc(loginLog.at))
    .limit(50);
  let failures = 0;
  let lockedUntil: Date | undefined;
  for (const row of rows.reverse()) {
    if (row.reason !== 'unknown_account' || (lockedUntil && row.at < lockedUntil)) continue;
    failures += 1;
    if (failures >= MAX_FAILURES) {
      lockedUntil = new Date(row.at.getTime() + lockMs);
      failures = 0;
    }
  }
  return { lockedUntil, failures };
}

/** Failures in a row that lock sign-in. */
export const LOCK_AFTER_FAILURES = MAX_FAILURES;

export async function recordLoginSuccess(tx: Tx, id: string, at: Date, newHash?: string): Promise<void> {
  await tx
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at, ...(newHash ? { passwordHash: newHash } : {}) })
    .where(eq(users.id, id));
}

export async function listUsers(
  db: Db,
  q: { q?: string | undefined; role?: string | undefined; status?: 'active' | 'disabled' | undefined; page: number; pageSize: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.q) {
    const like = `%${likeLiteral(q.q)}%`;
    where.push(or(ilike(users.email, like), ilike(users.displayName, like), ilike(users.phone, like))!);
  }
  if (q.role) where.push(arrayContains(users.roles, [q.role]));
  if (q.status) where.push(eq(users.status, q.status));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(cond)
      .orderBy(desc(users.createdAt), asc(users.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(users).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

// ---------- login log ----------

export async function insertLoginLog(
  db: DbOrTx,
  v: {
    userId: string | null;
    identifier: string;
    ip: string | null;
    userAgent: string | null;
    outcome: 'success' | 'failure';
    reason: string | null;
    at: Date;
  },
): Promise<void> {
  await db.insert(loginLog).values(v);
}

export async function listLoginLog(db: Db, userId: string, page: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(loginLog)
      .where(eq(loginLog.userId, userId))
      .orderBy(desc(loginLog.at), desc(loginLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(loginLog).where(eq(loginLog.userId, userId)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

// ---------- sessions and refresh tokens ----------

export async function insertSession(
  tx: Tx,
  v: { userId: string; userAgent: string | null; ip: string | null; expiresAt: Date },
): Promise<SessionRow> {
  const [row] = await tx.insert(sessions).values(v).returning();
  return row!;
}

export async function insertRefreshToken(tx: Tx, sessionId: string, hash: string): Promise<void> {
  await tx.insert(refreshTokens).values({ sessionId, tokenHash: hash });
}

export async function findRefreshToken(db: DbOrTx, hash: string) {
  const [row] = await db
    .select({ token: refreshTokens, session: sessions, user: users })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(refreshTokens.tokenHash, hash));
  return row;
}

/**
 * Marks a refresh token used at `at`. A token already used counts only when that use was at or
 * after `graceSince` (two tabs refreshing at once); otherwise false: that is reuse.
 */
export async function rotateRefreshToken(tx: Tx, id: string, at: Date, graceSince: Date): Promise<boolean> {
  const rows = await tx
    .update(refreshTokens)
    .set({ rotatedAt: sql`coalesce(${refreshTokens.rotatedAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(refreshTokens.id, id), or(isNull(refreshTokens.rotatedAt), gte(refreshTokens.rotatedAt, graceSince))))
    .returning({ id: refreshTokens.id });
  return rows.length === 1;
}

export async function touchSession(tx: Tx, id: string, ip: string | null, at: Date): Promise<void> {
  await tx.update(sessions).set({ lastUsedAt: at, ip }).where(eq(sessions.id, id));
}

/** Sets "last used" to `at` unless it is already at or after `unlessSince` (another process wrote it lately). */
export async function noteSessionUse(db: Db, id: string, at: Date, unlessSince: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ lastUsedAt: at })
    .where(and(eq(sessions.id, id), lt(sessions.lastUsedAt, unlessSince)));
}

export async function revokeSession(db: DbOrTx, id: string, reason: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

/** Revokes every live session of a user but `keep`; returns the revoked ids. */
export async function revokeUserSessions(db: DbOrTx, userId: string, reason: string, keep?: string): Promise<string[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

export async function findSession(db: DbOrTx, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

export async function listLiveSessions(db: Db, userId: string, now: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastUsedAt));
}

/** The Postgres revocation check: the session ended or its user was disabled. */
export async function isSessionDead(db: Db, sessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ revokedAt: sessions.revokedAt, status: users.status })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  return !row || row.revokedAt !== null || row.status !== 'active';
}

// ---------- email tokens ----------

export async function insertEmailToken(
  tx: Tx,
  v: { userId: string; purpose: 'verify_email' | 'reset_password'; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await tx.insert(emailTokens).values(v);
}

/** Uses a token once: the first caller gets its user id, later ones and expired tokens nothing. */
export async function consumeEmailToken(
  tx: Tx,
  purpose: 'verify_email' | 'reset_password',
  hash: string,
  now: Date,
): Promise<string | undefined> {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(eq(emailTokens.tokenHash, hash), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)),
    )
    .returning({ userId: emailTokens.userId });
  return row?.userId;
}

// ---------- addresses ----------

export async function listAddresses(db: Db, userId: string): Promise<AddressRow[]> {
  return db.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.isDefault), asc(addresses.createdAt));
}

export async function findAddress(db: DbOrTx, id: string): Promise<AddressRow | undefined> {
  const [row] = await db.select().from(addresses).where(eq(addresses.id, id));
  return row;
}

export async function countAddresses(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId));
  return row?.n ?? 0;
}

export async function clearDefaultAddress(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)));
}

type AddressValues = Pick<AddressRow, 'recipientName' | 'phone' | 'postalCode' | 'city' | 'district' | 'line1' | 'line2' | 'isDefault'>;

export async function insertAddress(tx: Tx, userId: string, v: AddressValues): Promise<AddressRow> {
  const [row] = await tx
    .insert(addresses)
    .values({ ...v, userId })
    .returning();
  return row!;
}

export async function updateAddress(tx: Tx, id: string, v: AddressValues): Promise<AddressRow | undefined> {
  const [row] = await tx
    .update(addresses)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(addresses.id, id))
    .returning();
  return row;
}

export async function deleteAddress(tx: Tx, id: string): Promise<AddressRow | undefined> {
  const [row] = await tx.delete(addresses).where(eq(addresses.id, id)).returning();
  return row;
}

/** After the default address is deleted, the oldest remaining one becomes the default. */
export async function promoteOldestAddress(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`
    UPDATE ${addresses} SET is_default = true
     WHERE id = (SELECT id FROM ${addresses} WHERE user_id = ${userId} ORDER BY created_at LIMIT 1)`);
}
