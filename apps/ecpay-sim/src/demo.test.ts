import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formsOf, postForm, startSimulator, type RunningSimulator } from './testing.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const post = async (action: string, fields: Record<string, string>) =>
  (await postForm(new URL(action, `${sim.url}/`).toString(), fields)).text;

describe('the demo page', () => {
  it('runs a card order through the cashier to the demo shop, which verifies what it receives', async () => {
    const home = await (await fetch(`${sim.url}/`)).text();
    expect(formsOf(home).map((f) => f.action)).toEqual(['/_sim/ecpay/demo/checkout', '/_sim/ecpay/Express/map']);

    const redirect = formsOf(await post('/_sim/ecpay/demo/checkout', { ChoosePayment: 'Credit', TotalAmount: '500' }))[0]!;
    expect(redirect.action).toBe('/_sim/ecpay/Cashier/AioCheckOut/V5');
    expect(redirect.fields).toMatchObject({ MerchantID: '3002607', TotalAmount: '500', ChoosePayment: 'Credit' });

    const cashier = formsOf(await post(redirect.action, redirect.fields)).find((f) => f.action.endsWith('/SimCashier/pay'))!;
    const result = formsOf(await post(cashier.action, { ...cashier.fields, Outcome: 'success' })).find((f) => f.id === 'result')!;
    expect(result.action).toMatch(/\/_sim\/ecpay\/demo\/result$/);
    const shown = await post(result.action, result.fields);
    expect(shown).toContain('瀏覽器回傳（OrderResultURL）：檢查碼正確');
  });
});
