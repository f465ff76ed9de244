import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import compression from 'compression';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { prepareWebAdapterEnv, type Config } from '../config.js';

/** The request handler that SvelteKit's adapter-node builds (`build/handler.js`). */
export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Loads the built storefront/admin; undefined when it has not been built. */
export async function loadWebHandler(config: Pick<Config, 'webBuildDir' | 'media' | 'http' | 'ecpay'>): Promise<WebHandler | undefined> {
  const buildDir = config.webBuildDir;
  const file = path.join(buildDir, 'handler.js');
  if (!existsSync(file)) return undefined;
  prepareWebAdapterEnv(config);
  const mod = (await import(pathToFileURL(file).href)) as { handler: WebHandler };
  return mod.handler;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * Pages leave brotli- or gzip-compressed as Accept-Encoding asks (@fastify/compress never sees a
 * hijacked reply). Every write is flushed so the parts SvelteKit streams still arrive as they are
 * ready; small answers and images (not compressible) pass as they are.
 */
const compress = compression({
  flush: zlib.constants.Z_SYNC_FLUSH,
  brotli: { flush: zlib.constants.BROTLI_OPERATION_FLUSH },
}) as unknown as NodeMiddleware;

/**
 * Everything outside `/api` goes to SvelteKit, compressed but otherwise untouched: in this encapsulated context no body
 * parser runs, so form posts reach SvelteKit with their streams intact.
 */
export const webPlugin: FastifyPluginAsync<{ handler: WebHandler }> = async (app, { handler }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null));
  const serve = (req: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    // What Fastify determined (TRUST_PROXY decides whether forwarded headers count) is what SvelteKit
    // sees: its CSRF check and `event.url` then match the browser's origin on any host.
    req.raw.headers['x-forwarded-proto'] = req.protocol;
    req.raw.headers['x-forwarded-host'] = req.host;
    // One request id across API log lines, SvelteKit and the response.
    req.raw.headers['x-request-id'] = req.id;
    reply.raw.setHeader('x-request-id', req.id);
    compress(req.raw, reply.raw, () =>
      handler(req.raw, reply.raw, () => {
        reply.raw.statusCode = 404;
        reply.raw.setHeader('content-type', 'text/plain; charset=utf-8');
        reply.raw.end('Not found');
      }),
    );
  };
  for (const url of ['/', '/*']) app.route({ method: [...METHODS], url, schema: { hide: true }, handler: serve });
};
