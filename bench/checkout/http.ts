// A small HTTP/1.1 client for the checkout bench's load processes: node:http over a keep-alive
// agent (lighter than fetch per request, so the client takes less of a small machine).
import http from 'node:http';

export interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function request(
  agent: http.Agent,
  url: string,
  opts: { method: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        agent,
        method: opts.method,
        headers: { ...opts.headers, ...(opts.body === undefined ? {} : { 'content-length': Buffer.byteLength(opts.body) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The value at quantile `q` (0–1) of ascending `xs`. */
export const quantile = (xs: readonly number[], q: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]! : 0);

/** The problem code of a refused answer, else its status. */
export function outcome(a: Answer): string {
  if (a.status < 400) return String(a.status);
  try {
    return `${a.status} ${(JSON.parse(a.body) as { code?: string }).code ?? ''}`.trim();
  } catch {
    return String(a.status);
  }
}
