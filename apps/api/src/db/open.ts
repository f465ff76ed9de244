import type { Config } from '../config.js';
import { assertDatabaseLocale } from './checks.js';
import { createDatabase, type Database } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';
import { runMigrations } from './migrate.js';

export interface OpenedDatabase extends Database {
  /** Where the data is, for the start banner (no password). */
  label: string;
  embedded: boolean;
}

/**
 * Connects to DATABASE_URL, or starts the embedded server; checks the locale; applies migrations.
 * `close()` ends the pool and then stops the embedded server, in that order.
 */
export async function openDatabase(config: Config, log: (msg: string) => void): Promise<OpenedDatabase> {
  let url = config.databaseUrl;
  let stopServer: (() => Promise<void>) | undefined;
  let label: string;
  if (url) {
    const u = new URL(url);
    label = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } else {
    const server = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
    url = server.databaseUrl;
    stopServer = server.stop;
    label = `embedded PostgreSQL on 127.0.0.1:${server.port}, data in ${config.dataDir}`;
  }
  const database = createDatabase({ url, max: config.databasePoolMax });
  const close = async () => {
    await database.close();
    await stopServer?.();
  };
  try {
    await assertDatabaseLocale(database.pool);
    await runMigrations(database.pool);
  } catch (err) {
    await close();
    throw err;
  }
  return { ...database, close, label, embedded: stopServer !== undefined };
}
