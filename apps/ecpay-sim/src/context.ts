// What the simulator's AIO routes share: the trades, the faults, the notifier and the merchants' keys.
import type { CheckMacKeys } from '@shop/ecpay';
import type { FaultBook } from './faults.js';
import type { Notifier } from './notify.js';
import type { TradeBook } from './trades.js';

export interface SimContext {
  trades: TradeBook;
  faults: FaultBook;
  notifier: Notifier;
  keysOf(merchantId: string): CheckMacKeys | undefined;
  /** QueryTradeInfo's accepted `TimeStamp` distance from the simulator's clock, in seconds. */
  queryToleranceSeconds: number;
  /** `TradeStatus` QueryTradeInfo gives an unpaid code past its deadline (ECPay's answer is not documented). */
  expiredTradeStatus: string;
}
