import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { AccessTokens, Revocations } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';

/** Where a request came from, for the login log and session list. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** Revocation list: Redis when configured, otherwise the sessions table itself (the interface is the auth plugin's). */
export type { Revocations } from '../../platform/auth.js';

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
