// The API listening on a free port with the ECPay simulator mounted beside it at `/_sim/ecpay`, as
// `npm start` mounts it: for tests that drive payments and refunds through real HTTP. (Modules never
// import the simulator; their tests reach it through this helper.)
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { ecpaySimulator } from '@shop/ecpay-sim';
import { createHarness, type Harness } from './harness.js';

/** A free TCP port below 32768. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + randomInt(12000);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
}

/** The harness listening at `base` (its PUBLIC_URL), the simulator re-sending notices every 100 ms. */
export async function createSimulatorHarness(): Promise<{ h: Harness; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const h = await createHarness({
    env: { PUBLIC_URL: base },
    extend: async (app) => {
      await app.register(ecpaySimulator, { prefix: '/_sim/ecpay', notifications: { intervalMs: 100, maxAttempts: 5, timeoutMs: 5000 } });
    },
  });
  await h.app.listen({ port, host: '127.0.0.1' });
  return { h, base };
}
