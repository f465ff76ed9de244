// autocannon in its own process (the server under test keeps its event loop to itself):
// `node --import tsx bench/catalog/cannon.ts '<json options>'`, paths cycled round-robin,
// prints one JSON line with the result. Requests carry `Accept-Encoding: gzip, deflate, br`.
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2]!) as { base: string; paths: string[]; connections: number; duration: number };
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
        req.path = o.paths[i++ % o.paths.length]!;
        return req;
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total })}\n`,
);
