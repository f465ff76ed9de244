import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { AccessTokens, Actor } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';

/** Where a request came from, for the login log and session list. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Revocation list: Redis when configured, otherwise the sessions table itself.
 * Writes happen after the commit that ended the session or disabled the user.
 */
export interface Revocations {
  isRevoked(actor: Actor): Promise<boolean>;
  sessionsEnded(sessionIds: readonly string[]): Promise<void>;
  userDisabled(userId: string): Promise<void>;
  userEnabled(userId: string): Promise<void>;
}

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  tokens: AccessTokens;
  revocations: Revocations;
  config: Pick<Config, 'auth' | 'http'>;
}

/** What login, register and refresh hand to the route: the cookies' contents. */
export interface IssuedSession {
  userId: string;
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}
