// `npm start`: builds the web app when its build is missing or older than its sources, then runs
// API + web + worker in this one process (so a kill of this process is a kill of the app).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'apps/web');
const handler = path.join(web, 'build/handler.js');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = [path.join(web, 'src'), path.join(root, 'packages/contracts/src')];
const stale = !existsSync(handler) || Math.max(...sources.map(newestMtime)) > statSync(handler).mtimeMs;
if (stale && existsSync(path.join(web, 'svelte.config.js')) && !process.argv.includes('--role=worker')) {
  console.log('Building the web app (first start, or its sources changed)…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The web build failed; see above.');
    process.exit(r.status ?? 1);
  }
}

register();
await import(pathToFileURL(path.join(root, 'apps/api/src/main.ts')).href);
