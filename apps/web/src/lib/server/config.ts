import { env } from '$env/dynamic/private';
// `PUBLIC_*` variables are SvelteKit's public ones: not in the private set.
import { env as publicEnv } from '$env/dynamic/public';
import { z } from 'zod';

const origin = z.url({ protocol: /^https?$/ }).transform((value) => new URL(value).origin);

/** The only reader of environment variables in the web app (style.md: "config.ts Zod-parses process.env once"). */
const ServerEnv = z.object({
  /**
   * Where server-side code reaches the API, e.g. `http://127.0.0.1:3000`. The API process sets it
   * to its own listen address; never taken from a request, whose Host header anyone can write.
   */
  API_ORIGIN: origin.default('http://127.0.0.1:3000'),
  /**
   * The shop's public URL, for canonical links, `hreflang` alternates and any other absolute link.
   * The API process sets it (its `PUBLIC_URL`, else the address it listens on).
   */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((value) => value.replace(/\/+$/, ''))
    .default('http://localhost:3000'),
  /** Where product images are served from besides this site (the S3 bucket or its CDN), for the CSP's img-src. */
  IMAGE_ORIGIN: origin.optional(),
  /** ECPay's convenience-store map (or the simulator's); the API process hands it over. */
  ECPAY_LOGISTICS_MAP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000/_sim/ecpay/Express/map'),
  ECPAY_LOGISTICS_MERCHANT_ID: z
    .string()
    .regex(/^\d{1,10}$/)
    .default('2000933'),
  ECPAY_LOGISTICS_CONTRACT: z.enum(['c2c', 'b2c']).default('c2c'),
});

export type ServerConfig = {
  apiOrigin: string;
  publicUrl: string;
  imageOrigin: string | undefined;
  /** The store map shoppers pick a pickup store on, and the logistics merchant it is opened for. */
  storeMap: { url: string; merchantId: string; contract: 'c2c' | 'b2c' };
};

let config: ServerConfig | undefined;

/** Parses the environment on first use and throws a readable error when it is invalid. */
export function serverConfig(): ServerConfig {
  if (!config) {
    const parsed = ServerEnv.safeParse({
      API_ORIGIN: env.API_ORIGIN || undefined,
      PUBLIC_URL: publicEnv.PUBLIC_URL || undefined,
      IMAGE_ORIGIN: env.IMAGE_ORIGIN || undefined,
      ECPAY_LOGISTICS_MAP_URL: env.ECPAY_LOGISTICS_MAP_URL || undefined,
      ECPAY_LOGISTICS_MERCHANT_ID: env.ECPAY_LOGISTICS_MERCHANT_ID || undefined,
      ECPAY_LOGISTICS_CONTRACT: env.ECPAY_LOGISTICS_CONTRACT || undefined,
    });
    if (!parsed.success) throw new Error(`invalid web app environment: ${z.prettifyError(parsed.error)}`);
    config = {
      apiOrigin: parsed.data.API_ORIGIN,
      publicUrl: parsed.data.PUBLIC_URL,
      imageOrigin: parsed.data.IMAGE_ORIGIN,
      storeMap: {
        url: parsed.data.ECPAY_LOGISTICS_MAP_URL,
        merchantId: parsed.data.ECPAY_LOGISTICS_MERCHANT_ID,
        contract: parsed.data.ECPAY_LOGISTICS_CONTRACT,
      },
    };
  }
  return config;
}
