import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A request as the test server received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: ReceivedRequest, res: ServerResponse) => void;

export interface LocalServer {
  origin: string;
  /** Every request so far, in arrival order. */
  received: ReceivedRequest[];
  /** Replaces the handler for `METHOD /path`. */
  on(method: string, path: string, handler: Handler): void;
  reset(): void;
  close(): Promise<void>;
}

// Ephemeral ports (listen(0)) are above 32768 on this machine's setup; tests stay in a fixed low range.
const PORT_MIN = 20_000;
const PORT_MAX = 30_000;

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Picks a random port in 20000-30000, trying another one while it is taken. */
export async function listenOnFreePort(server: Server, attempts = 50): Promise<number> {
  for (let i = 0; i < attempts; i++) {
    const port = PORT_MIN + Math.floor(Math.random() * (PORT_MAX - PORT_MIN));
    try {
      await listen(server, port);
      return port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`no free port in ${PORT_MIN}-${PORT_MAX} after ${attempts} attempts`);
}

/** A real HTTP server on 127.0.0.1 whose routes a test programs; unknown routes answer 404 JSON. */
export async function startLocalServer(): Promise<LocalServer> {
  const handlers = new Map<string, Handler>();
  const received: ReceivedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      const handler = handlers.get(`${request.method} ${request.path.split('?')[0]}`);
      if (handler) return handler(request, res);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no route"}');
    });
  });
  const port = await listenOnFreePort(server);

  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    on(method, path, handler) {
      handlers.set(`${method} ${path}`, handler);
    },
    reset() {
      handlers.clear();
      received.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Writes a JSON (or problem+json, for statuses ≥ 400 given a `code`) response. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const isProblem = typeof body === 'object' && body !== null && 'code' in body && status >= 400;
  res
    .writeHead(status, { 'content-type': isProblem ? 'application/problem+json' : 'application/json', ...headers })
    .end(JSON.stringify(body));
}

/** Answers the first `count` calls with `first`, then the rest with `then`. */
export function sequence(count: number, first: Handler, then: Handler): Handler {
  let calls = 0;
  return (req, res) => (calls++ < count ? first(req, res) : then(req, res));
}
