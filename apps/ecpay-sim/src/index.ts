// The ECPay simulator as a Fastify plugin: register it under a prefix (embedded mode mounts it at
// `/_sim/ecpay`) or at the root of its own server (src/server.ts). Paths below the prefix are
// ECPay's own, so a merchant switches between simulator and ECPay by changing the base URL.
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { demoRoutes } from './demo.js';
import { storeMapRoutes, type MapOptions } from './map.js';

export type SimulatorOptions = MapOptions;

/** Where `npm start` mounts the simulator when ECPay is simulated. */
export const DEFAULT_SIM_PREFIX = '/_sim/ecpay';

export const ecpaySimulator: FastifyPluginAsync<SimulatorOptions> = async (app, opts) => {
  await app.register(formbody);
  await app.register(storeMapRoutes, { ...(opts.merchants ? { merchants: opts.merchants } : {}) });
  await app.register(demoRoutes);
};

export { stores, CHAIN_NAMES, type Store } from './stores.js';
