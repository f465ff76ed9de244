// The ECPay simulator as a Fastify plugin: register it under a prefix (embedded mode mounts it at
// `/_sim/ecpay`) or at the root of its own server (src/server.ts). Paths below the prefix are
// ECPay's own, so a merchant switches between simulator and ECPay by changing the base URL.
import formbody from '@fastify/formbody';
import { STAGE_AIO, TRADE_STATUS, QUERY_TIMESTAMP_TOLERANCE_SECONDS, type CheckMacKeys } from '@shop/ecpay';
import type { FastifyPluginAsync } from 'fastify';
import { cashierRoutes } from './cashier.js';
import type { SimContext } from './context.js';
import { controlRoutes } from './controls.js';
import { demoRoutes } from './demo.js';
import { createFaultBook } from './faults.js';
import { storeMapRoutes } from './map.js';
import { createNotifier, type NotifyOptions } from './notify.js';
import { queryRoutes } from './query.js';
import { createTradeBook } from './trades.js';

export interface SimulatorOptions {
  /**
   * Merchants the simulator knows, by MerchantID. AIO payments serve only these (another MerchantID
   * gets ECPay's error page) and sign their notifications with their keys; the store map checks a
   * signed request of one of them. Default: ECPay's stage AIO merchant 3002607 for payments, the
   * stage logistics merchants 2000132 and 2000933 for the map.
   */
  merchants?: Readonly<Record<string, CheckMacKeys>>;
  /** Re-sends of unacknowledged notifications: interval (default 3000 ms), attempts (default 5), timeout. */
  notifications?: NotifyOptions;
  /** QueryTradeInfo's accepted TimeStamp distance in seconds (ECPay: 180). */
  queryToleranceSeconds?: number;
  /** TradeStatus of an unpaid code past its deadline (undocumented at ECPay; default 10200095, not established). */
  expiredTradeStatus?: string;
}

/** Where `npm start` mounts the simulator when ECPay is simulated. */
export const DEFAULT_SIM_PREFIX = '/_sim/ecpay';

export const ecpaySimulator: FastifyPluginAsync<SimulatorOptions> = async (app, opts) => {
  const merchants = opts.merchants ?? { [STAGE_AIO.merchantId]: STAGE_AIO };
  const keysOf = (merchantId: string) => (Object.hasOwn(merchants, merchantId) ? merchants[merchantId] : undefined);
  const faults = createFaultBook();
  const ctx: SimContext = {
    trades: createTradeBook(),
    faults,
    notifier: createNotifier(opts.notifications ?? {}, keysOf, faults),
    keysOf,
    queryToleranceSeconds: opts.queryToleranceSeconds ?? QUERY_TIMESTAMP_TOLERANCE_SECONDS,
    expiredTradeStatus: opts.expiredTradeStatus ?? TRADE_STATUS.notEstablished,
  };
  app.addHook('onClose', () => ctx.notifier.close());

  await app.register(formbody);
  await app.register(storeMapRoutes, { ...(opts.merchants ? { merchants: opts.merchants } : {}) });
  await app.register(cashierRoutes, { ctx });
  await app.register(queryRoutes, { ctx });
  await app.register(controlRoutes, { ctx });
  const aioMerchant = Object.entries(merchants).find(([id]) => /^\d{1,10}$/.test(id));
  await app.register(demoRoutes, aioMerchant ? { merchant: { merchantId: aioMerchant[0], ...aioMerchant[1] } } : {});
};

export { stores, CHAIN_NAMES, type Store } from './stores.js';
export type { Faults } from './faults.js';
export type { NotifyOptions } from './notify.js';
