// The search-latency client, in its own process (the server under test keeps its event loop to
// itself, as with autocannon), started by ../lib/child.ts.
// Sequential GETs of `/api/products?q=…` over one kept-alive connection: the `warm` queries first,
// then each class's, each timed from sending to the last byte of the body (parsed afterwards, for
// the hit count). Prints one JSON line: per class, each query's time and total.
import http from 'node:http';
import { readOptions } from '../lib/child.js';

interface Options {
  base: string;
  warm: string[];
  classes: Record<string, string[]>;
}
const o = await readOptions<Options>();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(q: string): Promise<{ ms: number; total: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    http
      .get(`${o.base}/api/products?q=${encodeURIComponent(q)}`, { agent, headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t;
          if (res.statusCode !== 200) return reject(new Error(`search ${q}: ${res.statusCode}`));
          resolve({ ms, total: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { total: number }).total });
        });
      })
      .on('error', reject);
  });
}

for (const q of o.warm) await get(q);
const out: Record<string, Array<{ q: string; ms: number; total: number }>> = {};
for (const [cls, qs] of Object.entries(o.classes)) {
  const samples: Array<{ q: string; ms: number; total: number }> = [];
  for (const q of qs) samples.push({ q, ...(await get(q)) });
  out[cls] = samples;
}
agent.destroy();
process.stdout.write(`${JSON.stringify(out)}\n`);
