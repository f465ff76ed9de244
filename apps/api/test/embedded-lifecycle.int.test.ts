// `npm start` on a machine without PostgreSQL and without DATABASE_URL: the app brings its own
// database, keeps data across restarts and comes back after a kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/config.js';

const PORT = 23107;
const base = `http://127.0.0.1:${PORT}`;
const dataDir = path.join(repoRoot, `.data-test/lifecycle-${randomBytes(4).toString('hex')}`);
const children: ChildProcess[] = [];

function start(): ChildProcess & { output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs')], {
    cwd: repoRoot,
    // A bare environment: no DATABASE_URL, so the embedded server is used.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  children.push(child);
  return Object.assign(child, { output: () => output });
}

async function waitHealthy(child: ReturnType<typeof start>): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${child.output()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not become healthy:\n${child.output()}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function dbClient(): Promise<pg.Client> {
  const { port, password } = JSON.parse(readFileSync(path.join(dataDir, 'embedded-postgres.json'), 'utf8')) as {
    port: number;
    password: string;
  };
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'shop' });
  await c.connect();
  return c;
}

async function markers(): Promise<string[]> {
  const c = await dbClient();
  try {
    return (await c.query<{ note: string }>('SELECT note FROM lifecycle_marker ORDER BY note')).rows.map((r) => r.note);
  } finally {
    await c.end();
  }
}

const postmasterPid = path.join(dataDir, 'pg/postmaster.pid');

describe('npm start with the embedded database', () => {
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    // A kill -9'd app leaves its PostgreSQL running: stop it through one more clean start/stop.
    if (existsSync(postmasterPid)) {
      const c = start();
      await waitHealthy(c).catch(() => undefined);
      c.kill('SIGTERM');
      await exited(c);
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves health, docs and the storefront in zh-TW and English; keeps data across a restart and a kill -9', async () => {
    const first = start();
    await waitHealthy(first);
    expect(first.output()).toContain(`Storefront   http://localhost:${PORT}/`);
    // The first start creates the admin and shows its generated password once.
    expect(first.output()).toMatch(/Admin {8}admin@shop\.local \/ password: \S{16}/);

    const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/ready']));
    const docs = await fetch(`${base}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');

    // A shop can take orders from its first start: the usual store-pickup and home-delivery methods are there.
    const methods = (await (await fetch(`${base}/api/shipping-methods`)).json()) as { items: Array<{ kind: string }> };
    expect(methods.items.filter((m) => m.kind === 'store_pickup')).toHaveLength(4);
    expect(methods.items.filter((m) => m.kind === 'home_delivery')).toHaveLength(3);

    const zh = await fetch(`${base}/`);
    expect(zh.status).toBe(200);
    expect(await zh.text()).toMatch(/<html[^>]*lang="zh-Hant-TW"/);
    // English pages have their own addresses under /en.
    const en = await fetch(`${base}/en`);
    expect(await en.text()).toMatch(/<html[^>]*lang="en"/);

    const c = await dbClient();
    await c.query('CREATE TABLE lifecycle_marker (note text)');
    await c.query(`INSERT INTO lifecycle_marker VALUES ('before restart')`);
    await c.end();

    first.kill('SIGTERM');
    expect(await exited(first)).toBe(0);
    expect(existsSync(postmasterPid)).toBe(false); // PostgreSQL stopped with the app

    const second = start();
    await waitHealthy(second);
    expect(second.output()).not.toContain('password:');
    expect(await markers()).toEqual(['before restart']);
    const c2 = await dbClient();
    await c2.query(`INSERT INTO lifecycle_marker VALUES ('before kill -9')`);
    await c2.end();

    second.kill('SIGKILL');
    await exited(second);
    expect(existsSync(postmasterPid)).toBe(true); // its PostgreSQL is orphaned, still running

    const third = start();
    await waitHealthy(third);
    expect(await markers()).toEqual(['before kill -9', 'before restart']);
    expect((await fetch(`${base}/api/ready`)).status).toBe(200);

    third.kill('SIGTERM');
    expect(await exited(third)).toBe(0);
    expect(existsSync(postmasterPid)).toBe(false);
    // Three starts of the whole app (one may build the web app first): give a loaded machine time.
  }, 300_000);
});
