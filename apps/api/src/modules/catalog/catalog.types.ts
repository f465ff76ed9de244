import type { Redis } from 'ioredis';
import type { Db } from '../../db/client.js';
import type { AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth.js';

/**
 * What every catalog use case takes: the database, and Redis when the app has it (a write bumps the
 * cached catalog version there, so every process stops serving the old reads).
 */
export interface CatalogDeps {
  db: Db;
  redis?: Redis | undefined;
}

/** Who is asking, and from where: every staff use case authorizes with these. */
export interface StaffCall {
  actor: Actor | null;
  context: AccessContext;
}
