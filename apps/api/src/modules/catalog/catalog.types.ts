import type { Db } from '../../db/client.js';
import type { AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth.js';

/** What every catalog use case takes. */
export interface CatalogDeps {
  db: Db;
}

/** Who is asking, and from where: every staff use case authorizes with these. */
export interface StaffCall {
  actor: Actor | null;
  context: AccessContext;
}
