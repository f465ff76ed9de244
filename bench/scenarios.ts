import autocannon from 'autocannon';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../apps/api/src/app.js';
import { loadConfig, repoRoot } from '../apps/api/src/config.js';
import { openDatabase } from '../apps/api/src/db/open.js';
import { resolveJwtSecret } from '../apps/api/src/platform/secrets.js';
import path from 'node:path';

export interface Result {
  scenario: string;
  figure: number;
  unit: string;
  /** The same run's reference figure, when the scenario has one. */
  baseline?: number;
  extra?: Record<string, number>;
}

export interface Scenario {
  name: string;
  description: string;
  run(opts: { durationSec: number; connections: number }): Promise<Result[]>;
}

async function load(url: string, opts: { durationSec: number; connections: number }) {
  const r = await autocannon({ url, connections: opts.connections, duration: opts.durationSec });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const health: Scenario = {
  name: 'health',
  description: 'GET /api/health throughput versus a bare Fastify hello-world, same run, same settings',
  async run(opts) {
    const hello = Fastify({ logger: false });
    hello.get('/', async () => ({ hello: 'world' }));
    await hello.listen({ port: 23201, host: '127.0.0.1' });
    const baseline = await load('http://127.0.0.1:23201/', opts);
    await hello.close();

    // The real app with its real database (DATABASE_URL, or the embedded one under .data-test/bench),
    // logging at warn so request lines don't measure the terminal.
    const config = loadConfig({ DATA_DIR: path.join(repoRoot, '.data-test/bench'), ...process.env, LOG_LEVEL: 'warn', PORT: '23202' }, []);
    const database = await openDatabase(config, () => undefined);
    const app = await buildApp({
      config,
      db: database.db,
      pool: database.pool,
      logger: pino({ level: 'warn' }),
      jwtSecret: await resolveJwtSecret(config),
    });
    await app.listen({ port: 23202, host: '127.0.0.1' });
    const ours = await load('http://127.0.0.1:23202/api/health', opts);
    await app.close();
    await database.close();

    return [
      { scenario: 'health.rps', figure: Math.round(ours.rps), unit: 'req/s', baseline: Math.round(baseline.rps) },
      { scenario: 'health.p99', figure: ours.p99, unit: 'ms', baseline: baseline.p99 },
      { scenario: 'health.errors', figure: ours.errors, unit: 'count', baseline: baseline.errors },
    ];
  },
};

export const scenarios: Scenario[] = [health];
