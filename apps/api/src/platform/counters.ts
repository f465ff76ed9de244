import type { Redis } from 'ioredis';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * Fixed-window counters for limits that @fastify/rate-limit cannot express (it applies one limit
 * per request; sign-in needs one per IP and one per account). Redis when configured, so every
 * process shares the count; otherwise this process's memory, like the plugin's own fallback.
 */
export interface WindowCounter {
  /** Counts one hit on `key`; returns the hits in the current window and ms until it ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}

export function redisCounter(redis: Redis, prefix = 'shop:cnt:'): WindowCounter {
  return {
    async hit(key, windowMs) {
      const k = prefix + key;
      const [[, count], [, ttl]] = (await redis.multi().incr(k).pttl(k).exec()) as [[null, number], [null, number]];
      if (ttl < 0) {
        await redis.pexpire(k, windowMs);
        return { count, resetMs: windowMs };
      }
      return { count, resetMs: ttl };
    },
  };
}

export function memoryCounter(): WindowCounter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || w.endsAt <= now) {
        if (windows.size > 50_000) for (const [k, v] of windows) if (v.endsAt <= now) windows.delete(k);
        w = { count: 0, endsAt: now + windowMs };
        windows.set(key, w);
      }
      w.count++;
      return { count: w.count, resetMs: w.endsAt - now };
    },
  };
}

/** A preHandler allowing `max` requests per minute for the key `keyOf(req)` gives. */
export function limitPerMinute(counter: WindowCounter, name: string, max: number, keyOf: (req: FastifyRequest) => string | undefined) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const key = keyOf(req);
    if (!key) return;
    const { count, resetMs } = await counter.hit(`${name}:${key}`, 60_000);
    if (count <= max) return;
    reply.header('retry-after', Math.max(1, Math.ceil(resetMs / 1000)));
    throw new AppError('RATE_LIMITED', 429, 'Too many attempts for this account; try again later.');
  };
}
