// Faults a test can inject into the simulator's server notifications, for one MerchantTradeNo or
// for every trade: duplicates, delays, reordering, drops, bad signatures and tampered amounts.
import { z } from 'zod';

export const Faults = z
  .object({
    /** Send this many copies of each first delivery at once (1 = normal). */
    duplicate: z.number().int().min(1).max(20),
    /** Wait this long before the first delivery of each notification. */
    delayMs: z.number().int().min(0).max(600_000),
    /** Hold the PaymentInfoURL notice until the ReturnURL result has been sent (it arrives after the payment). */
    reorder: z.boolean(),
    /** Never send server notifications (the browser flow still happens): reconcile with QueryTradeInfo. */
    drop: z.boolean(),
    /** Sign with the wrong key (server notifications and the browser's OrderResultURL post). */
    badSignature: z.boolean(),
    /** Add this to TradeAmt (signed correctly unless badSignature): a merchant must compare with its order. */
    amountDelta: z.number().int().min(-1_000_000).max(1_000_000),
  })
  .partial()
  .strict();
export type Faults = z.infer<typeof Faults>;

export interface FaultBook {
  /** The global faults overlaid by the trade's own. */
  for(merchantTradeNo: string): Faults;
  set(scope: string | undefined, faults: Faults): void;
  clear(): void;
  snapshot(): { global: Faults; trades: Record<string, Faults> };
}

export function createFaultBook(): FaultBook {
  let global: Faults = {};
  const trades = new Map<string, Faults>();
  return {
    for: (no) => ({ ...global, ...trades.get(no) }),
    set(scope, faults) {
      if (scope === undefined) global = faults;
      else trades.set(scope, faults);
    },
    clear() {
      global = {};
      trades.clear();
    },
    snapshot: () => ({ global, trades: Object.fromEntries(trades) }),
  };
}
