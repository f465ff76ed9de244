// `npm run bench [scenario…] [-- --duration=10 --connections=50]`: runs named scenarios, prints a
// table (scenario, figure, unit, the same run's baseline, ratio) and writes JSON to bench/results/.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarios, type Result } from './scenarios.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : dflt;
};
const opts = { durationSec: flag('duration', 10), connections: flag('connections', 50) };
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((w) => !scenarios.some((s) => s.name === w));
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const chosen = wanted.length ? scenarios.filter((s) => wanted.includes(s.name)) : scenarios;

const results: Result[] = [];
for (const s of chosen) {
  process.stderr.write(`running ${s.name}: ${s.description}\n`);
  results.push(...(await s.run(opts)));
}

const fmt = (n: number | undefined) => (n === undefined ? '' : Number.isInteger(n) ? String(n) : n.toFixed(2));
const rows = [
  ['scenario', 'figure', 'unit', 'baseline', 'ratio'],
  ...results.map((r) => [r.scenario, fmt(r.figure), r.unit, fmt(r.baseline), r.baseline ? (r.figure / r.baseline).toFixed(3) : '']),
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((c, j) => (j === 0 || j === 2 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}

await mkdir(path.join(here, 'results'), { recursive: true });
const file = path.join(here, 'results', `${new Date().toISOString().replaceAll(':', '-')}.json`);
await writeFile(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, options: opts, results }, null, 2));
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
process.exit(0);
