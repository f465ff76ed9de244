// Transport-level protections of the HTTP server: which Host names it answers, HSTS over https,
// and the security headers of API and media answers. Page headers (CSP with nonces) are set by
// the web app itself, so nothing here touches a response SvelteKit writes beyond HSTS.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.js';

/** Loopback names: the web app's server-side calls reach the API there, whatever ALLOWED_HOSTS says. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostname(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? host);
}

/**
 * Whether a request's Host may be answered: any when no allow-list is configured; else an entry
 * of the list (`shop.example` allows every port, `shop.example:8443` that port only), the public
 * URL's host, or a loopback name.
 */
export function hostAllowed(host: string, allowed: readonly string[] | undefined, publicUrl: string): boolean {
  if (!allowed) return true;
  const h = host.toLowerCase();
  const name = hostname(h);
  if (LOOPBACK.has(name) || h === new URL(publicUrl).host) return true;
  return allowed.some((a) => a === h || a === name);
}

/** Answers 421 HOST_NOT_ALLOWED to a request naming a host outside ALLOWED_HOSTS (pages too). */
export const hostGuard = fp<{ allowedHosts: readonly string[] | undefined; publicUrl: string }>(
  async (app, { allowedHosts, publicUrl }) => {
    if (!allowedHosts) return;
    app.addHook('onRequest', async (req) => {
      if (!hostAllowed(req.host, allowedHosts, publicUrl)) {
        throw new AppError('HOST_NOT_ALLOWED', 421, 'This server does not answer for that host name.');
      }
    });
  },
  { name: 'shop-host-guard' },
);

/**
 * HSTS on every answer that came over https (TRUST_PROXY decides whether a proxy's
 * X-Forwarded-Proto counts). Set on the raw response so that pages, which SvelteKit writes
 * itself, carry it too.
 */
export const hsts = fp(
  async (app) => {
    app.addHook('onRequest', (req, reply, done) => {
      if (req.protocol === 'https') reply.raw.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
      done();
    });
  },
  { name: 'shop-hsts' },
);

/**
 * Headers of API and media answers: nothing may frame, sniff or run them, and no referrer leaves
 * them. Answers without a Cache-Control of their own (public catalog reads and images set theirs),
 * and every `/api/auth/*` answer, are `no-store`: credentials and a user's data stay out of
 * browser and proxy caches.
 */
export async function registerApiHeaders(app: FastifyInstance, opts: { embeddable?: boolean } = {}): Promise<void> {
  await app.register(helmet, {
    // Product images may be shown by other sites (shared links, marketplaces); API answers not.
    crossOriginResourcePolicy: { policy: opts.embeddable ? 'cross-origin' : 'same-origin' },
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The hsts plugin sets it only over https; helmet's would go out over plain http too.
    strictTransportSecurity: false,
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    if (!reply.hasHeader('cache-control') || req.url.startsWith('/api/auth/')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
