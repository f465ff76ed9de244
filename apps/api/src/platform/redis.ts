import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/** Connects to Redis and waits until it answers, so a wrong REDIS_URL fails the start. */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: true });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  await redis.connect();
  await redis.ping();
  return redis;
}
