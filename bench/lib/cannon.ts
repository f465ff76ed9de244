// autocannon in its own process (see child.ts): `child('bench/lib/cannon.ts', options)`. Either
// `paths` (GETs) or `requests` (method, path, headers, body), cycled round-robin over the run; prints
// one JSON line with the result. Requests carry `Accept-Encoding: gzip, deflate, br`, as browsers send it.
import autocannon from 'autocannon';
import { readOptions } from './child.js';

export interface CannonRequest {
  path: string;
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}
export interface CannonOptions {
  base: string;
  connections: number;
  duration: number;
  paths?: string[];
  requests?: CannonRequest[];
}
export interface CannonResult {
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  total: number;
}

const o = await readOptions<CannonOptions>();
const list: CannonRequest[] = o.requests ?? (o.paths ?? []).map((path) => ({ path }));
let i = 0;
const r = await autocannon({
  url: o.base,
  connections: o.connections,
  duration: o.duration,
  // as every browser sends it: the catalog cache keeps gzipped bodies for such clients
  headers: { 'accept-encoding': 'gzip, deflate, br' },
  requests: [
    {
      setupRequest: (req) => {
        const next = list[i++ % list.length]!;
        req.path = next.path;
        req.method = next.method ?? 'GET';
        req.headers = { ...req.headers, ...next.headers };
        if (next.body !== undefined) req.body = next.body;
        else delete req.body;
        return req;
      },
    },
  ],
});
const result: CannonResult = {
  rps: r.requests.average,
  p50: r.latency.p50,
  p97_5: r.latency.p97_5,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
  statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v?.count ?? 0])),
  total: r.requests.total,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
