// Response cache of the storefront catalog reads.
//
// Entries are keyed by catalog version + locale + route + the parsed, normalised query and params
// (so parameters the route does not know, such as a cache-buster, neither miss nor add entries).
// A catalog write bumps the version (`bumpCatalogVersion`, after its commit), so later reads miss
// and recompute; the old entries are never read again and die by TTL. With Redis the version is a
// Redis counter, so a write in one process is seen by every process on its next read; without
// Redis the version and the entries live in this process, the entries in an LRU bounded by bytes.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Db } from '../../../db/client.js';
import { acceptedValues } from '../../../platform/accept.js';
import { canonicalJson } from '../../../platform/canonical-json.js';

export interface CatalogCacheDeps {
  db: Db;
  redis?: Redis | undefined;
}

export const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
const TTL_SEC = 300;
/** Bytes of bodies (plain and gzipped) and keys the in-process cache keeps at most, by default. */
export const MEMORY_MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  body: string;
  etag: string;
  /** The body gzipped once when stored (base64 in Redis): sent to clients that accept gzip. */
  gzip?: Buffer | undefined;
  expiresAt: number;
}

/** Bodies smaller than this go as they are: gzip would save little. */
const GZIP_MIN_BYTES = 1024;

/** Whether the request's Accept-Encoding allows gzip (q > 0). */
export const acceptsGzip = (header: string | string[] | undefined): boolean =>
  acceptedValues(header).some((v) => v.value === 'gzip' || v.value === '*');

/** What an entry costs in memory, roughly: its key and bodies (UTF-16 strings count twice), plus bookkeeping. */
const entryBytes = (e: Entry, key: string) => 2 * (key.length + e.body.length + e.etag.length) + (e.gzip?.length ?? 0) + 200;

interface MemoryState {
  version: number;
  /** The caches of this database handle's apps, emptied when the version moves. */
  caches: Set<LRUCache<string, Entry>>;
}

// Per database handle: two apps in one process (tests) never share entries.
const memory = new WeakMap<Db, MemoryState>();
const prefixes = new WeakMap<Db, Promise<string>>();

function memoryOf(db: Db): MemoryState {
  let m = memory.get(db);
  if (!m) memory.set(db, (m = { version: 0, caches: new Set() }));
  return m;
}

/** Redis key prefix; the database name keeps several databases on one Redis apart (tests, staging). */
function prefixOf(db: Db): Promise<string> {
  let p = prefixes.get(db);
  if (!p) {
    p = db.execute<{ name: string }>(sql`SELECT current_database() AS name`).then((r) => `shop:catalog:${r.rows[0]!.name}:`);
    p.catch(() => prefixes.delete(db));
    prefixes.set(db, p);
  }
  return p;
}

/**
 * Invalidates every cached catalog read. Call it after the transaction of a catalog write has
 * committed (calling it before would let a concurrent read cache the old rows under the new version).
 * Redis INCR when the app has Redis (all processes see it), this process's counter otherwise.
 */
export async function bumpCatalogVersion(deps: CatalogCacheDeps): Promise<void> {
  const m = memoryOf(deps.db);
  m.version++;
  for (const c of m.caches) c.clear();
  if (deps.redis) await deps.redis.incr(`${await prefixOf(deps.db)}version`);
}

/** The current catalog version: what derived data (cached responses, catalog-wide counts) is keyed by. */
export async function catalogVersion(deps: CatalogCacheDeps): Promise<string> {
  const local = String(memoryOf(deps.db).version);
  if (!deps.redis) return local;
  try {
    return `${(await deps.redis.get(`${await prefixOf(deps.db)}version`)) ?? '0'}`;
  } catch {
    return `local:${local}`;
  }
}

export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}

export interface CatalogCache {
  /**
   * Sends the JSON of `compute()` (already serialised) with ETag and Cache-Control, from the cache
   * when present; 304 when the client's `If-None-Match` matches.
   */
  reply(req: FastifyRequest, reply: FastifyReply, input: { locale: string; compute: () => Promise<string> }): Promise<FastifyReply>;
}

function fromRedis(raw: string): Entry {
  const e = JSON.parse(raw) as Omit<Entry, 'gzip'> & { gzip?: string };
  return { ...e, gzip: e.gzip ? Buffer.from(e.gzip, 'base64') : undefined };
}

/**
 * The key of a read: locale, route and its parsed input. `req.query` and `req.params` have been
 * through the route's Zod schema (defaults filled, unknown keys dropped); keys are sorted.
 */
export function cacheKey(req: Pick<FastifyRequest, 'query' | 'params' | 'routeOptions' | 'url'>, locale: string): string {
  const route = req.routeOptions.url ?? req.url.split('?')[0];
  return `${locale}|${route}|${canonicalJson(req.params ?? {})}|${canonicalJson(req.query ?? {})}`;
}

/**
 * `maxBytes`: what the in-process cache (no Redis) keeps at most, least recently used entries
 * going first (default MEMORY_MAX_BYTES).
 */
export function createCatalogCache(deps: CatalogCacheDeps & { enabled?: boolean; maxBytes?: number }): CatalogCache {
  const { db, redis } = deps;
  const enabled = deps.enabled ?? true;
  const entries = new LRUCache<string, Entry>({
    maxSize: Math.max(1, deps.maxBytes ?? MEMORY_MAX_BYTES),
    sizeCalculation: entryBytes,
    // No ttl here: each entry carries its expiry, checked on read (lru-cache's ttl tracking costs a
    // clock read per get); an expired entry is replaced by the next store or evicted by size.
  });
  if (enabled && !redis) memoryOf(db).caches.add(entries);

  async function lookup(key: string): Promise<{ hit: Entry | undefined; store: (e: Entry) => Promise<void> }> {
    if (!enabled) return { hit: undefined, store: async () => undefined };
    if (redis) {
      try {
        const prefix = await prefixOf(db);
        const version = (await redis.get(`${prefix}version`)) ?? '0';
        const k = `${prefix}v${version}:${key}`;
        const raw = await redis.get(k);
        return {
          hit: raw ? fromRedis(raw) : undefined,
          store: async (e) => void (await redis.set(k, JSON.stringify({ ...e, gzip: e.gzip?.toString('base64') }), 'EX', TTL_SEC)),
        };
      } catch {
        // Redis down: serve uncached rather than fail the read.
        return { hit: undefined, store: async () => undefined };
      }
    }
    const m = memoryOf(db);
    const version = m.version;
    const e = entries.get(key);
    return {
      hit: e && e.expiresAt > Date.now() ? e : undefined,
      store: async (entry) => {
        // A write happened while computing: this body may predate it, so do not keep it.
        if (m.version !== version) return;
        entries.set(key, entry);
      },
    };
  }

  return {
    async reply(req, reply, { locale, compute }) {
      const { hit, store } = await lookup(cacheKey(req, locale));
      let entry = hit;
      if (!entry) {
        const body = await compute();
        // Compressed once for the cache (a miss with the cache off is sent as it is).
        const gzip = enabled && body.length >= GZIP_MIN_BYTES ? gzipSync(body, { level: 6 }) : undefined;
        entry = { body, etag: etagOf(body), gzip, expiresAt: Date.now() + TTL_SEC * 1000 };
        await store(entry).catch(() => undefined);
      }
      // One ETag per representation: the gzipped bytes are another one.
      const gzip = entry.gzip && acceptsGzip(req.headers['accept-encoding']) ? entry.gzip : undefined;
      const etag = gzip ? `${entry.etag.slice(0, -1)}-gz"` : entry.etag;
      reply.header('etag', etag).header('cache-control', CACHE_CONTROL).header('vary', 'Accept-Language, Accept-Encoding');
      reply.header('x-cache', hit ? 'hit' : 'miss');
      if (matches(req.headers['if-none-match'], etag)) return reply.status(304).send();
      reply.type('application/json; charset=utf-8');
      return gzip ? reply.header('content-encoding', 'gzip').send(gzip) : reply.send(entry.body);
    },
  };
}
