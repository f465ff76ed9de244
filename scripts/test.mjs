// `npm test`: every test. Builds the web app, runs Vitest (unit, API integration on real
// PostgreSQL, web), then Playwright in Chromium against the started app, and prints one
// closing line with the totals. DATABASE_URL set: tests use that server (each file its own
// database); unset: an embedded PostgreSQL under .data-test/.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let passed = 0;
let failed = 0;
let ok = true;

console.log('\n== build the web app ==');
if (run('npm', ['run', 'build', '-w', 'apps/web']) !== 0) {
  console.error('web build failed');
  process.exit(1);
}

console.log('\n== vitest: unit, api (real PostgreSQL), web ==');
const vitestJson = path.join(out, 'vitest.json');
rmSync(vitestJson, { force: true });
ok = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]) === 0 && ok;
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else ok = false;

console.log('\n== playwright: browser tests in Chromium ==');
const e2eEnv = {};
let dropDatabase;
if (process.env.DATABASE_URL) {
  const name = `shop_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  e2eEnv.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
} else {
  const dir = path.join(root, `.data-test/e2e-${randomBytes(4).toString('hex')}`);
  e2eEnv.DATA_DIR = dir;
  dropDatabase = async () => {
    // Playwright may kill the app hard, orphaning its PostgreSQL: stop that before deleting its files.
    const pidFile = path.join(dir, 'pg/postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0], 10);
      try {
        process.kill(pid, 'SIGINT');
        for (let i = 0; i < 100; i++) {
          process.kill(pid, 0);
          await new Promise((r) => setTimeout(r, 100));
        }
      } catch {
        // gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
const pwJson = path.join(out, 'playwright.json');
rmSync(pwJson, { force: true });
ok = run('npx', ['playwright', 'test', '--reporter=list,json'], { ...e2eEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson }) === 0 && ok;
await dropDatabase();
if (existsSync(pwJson)) {
  const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected + s.skipped;
} else ok = false;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
