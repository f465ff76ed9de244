import { env } from '$env/dynamic/private';
import { z } from 'zod';

/** The only reader of environment variables in the web app (style.md: "config.ts Zod-parses process.env once"). */
const ServerEnv = z.object({
  /**
   * Where server-side code reaches the API, e.g. `http://127.0.0.1:3000`. Unset: the origin of the
   * incoming request (the API and this app share one port, the API answering `/api/*`).
   */
  API_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .transform((value) => new URL(value).origin)
    .optional(),
});

export type ServerConfig = { apiOrigin: string | undefined };

let config: ServerConfig | undefined;

/** Parses the environment on first use and throws a readable error when it is invalid. */
export function serverConfig(): ServerConfig {
  if (!config) {
    const parsed = ServerEnv.safeParse({ API_ORIGIN: env.API_ORIGIN || undefined });
    if (!parsed.success) throw new Error(`invalid web app environment: ${z.prettifyError(parsed.error)}`);
    config = { apiOrigin: parsed.data.API_ORIGIN };
  }
  return config;
}
