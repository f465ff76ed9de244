import type { Redis } from 'ioredis';
import type { Db } from '../../db/client.js';
import * as repo from './identity.repo.js';
import type { Revocations } from './identity.types.js';

/** Without Redis: the sessions and users tables are the list (one indexed lookup per request). */
export function postgresRevocations(db: Db): Revocations {
  return {
    isRevoked: (actor) => repo.isSessionDead(db, actor.sessionId),
    sessionsEnded: async () => undefined,
    userDisabled: async () => undefined,
    userEnabled: async () => undefined,
  };
}

/**
 * With Redis: ended sessions and disabled users are keys that live as long as an access token
 * can, so every process sees them on the next request without touching PostgreSQL.
 */
export function redisRevocations(redis: Redis, accessTtlSec: number, prefix = 'shop:revoked:'): Revocations {
  const ttl = accessTtlSec + 60;
  return {
    async isRevoked(actor) {
      const n = await redis.exists(`${prefix}s:${actor.sessionId}`, `${prefix}u:${actor.userId}`);
      return n > 0;
    },
    async sessionsEnded(ids) {
      if (ids.length === 0) return;
      const m = redis.multi();
      for (const id of ids) m.set(`${prefix}s:${id}`, '1', 'EX', ttl);
      await m.exec();
    },
    async userDisabled(userId) {
      await redis.set(`${prefix}u:${userId}`, '1', 'EX', ttl);
    },
    async userEnabled(userId) {
      await redis.del(`${prefix}u:${userId}`);
    },
  };
}
