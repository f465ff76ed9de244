import { mkdirSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, fillHomeDeliveryCheckout, placeBankTransferOrder, signIn } from './helpers';

// Paying an unpaid bank-transfer order online through ECPay's cashier (the simulator): by card,
// back to the shop's result page; by ATM, with the account ECPay issued shown on the order, then
// paid at the "bank" (the simulator's control) and shown paid; staff see the attempt and ECPay's
// notices on the admin order page and reconcile it with ECPay.

test.describe.configure({ timeout: 120_000 });

interface Made {
  slug: string;
  name: string;
}

/** A guest's order placed with home delivery and bank transfer; answers the order's id and number. */
async function placeOrder(page: Page, origin: string, item: Made, buyer: { name: string; mobile: string }) {
  await fillHomeDeliveryCheckout(page, { origin, slug: item.slug, buyer, emailPrefix: 'ecpay' });
  return placeBankTransferOrder(page);
}

/** From the order page's pay section to ECPay's cashier. */
async function payOnline(page: Page, choice: RegExp) {
  const section = page.locator('#pay');
  await expect(section.getByRole('heading', { name: '線上付款（綠界）' })).toBeVisible();
  await section.getByRole('radio', { name: choice }).check();
  await section.getByRole('button', { name: '前往付款' }).click();
  await page.waitForURL(/\/_sim\/ecpay\//);
}

test.describe('paying online through ECPay', () => {
  const tag = runTag();
  let cup: Made;

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await staff.apparelCategory(tag);
    const draft = await staff.productOnShelf({
      categoryId: category.id,
      name: `線上付款茶杯 ${tag}`,
      en: `Online pay cup ${tag}`,
      skuPrefix: `PC-${tag}`,
      variants: [['M', 520]],
      stock: 200,
    });
    cup = { slug: draft.slug, name: `線上付款茶杯 ${tag}` };
  });

  test('a guest pays a bank-transfer order by card and comes back to a paid order', async ({ page, baseURL }) => {
    // ECPay returns the browser to the shop's public address (localhost by default): the visit stays on it.
    const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    const order = await placeOrder(page, origin, cup, { name: '陳小明', mobile: '0912345678' });
    await expect(page.getByTestId('order-status').first()).toHaveText('待付款');

    await payOnline(page, /信用卡/);
    await page.getByRole('button', { name: '付款成功' }).click();

    await page.waitForURL(/\/payment\/result\?order=/);
    const result = page.getByTestId('payment-result');
    await expect(result).toHaveAttribute('data-outcome', 'paid', { timeout: 30_000 });
    await expect(result.getByRole('heading', { level: 1 })).toHaveText('付款成功');
    await expect(result).toContainText(order.number);

    mkdirSync('test-results', { recursive: true });
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const prefix of ['', '/en']) {
        const locale = prefix ? 'en' : 'zh-TW';
        await page.goto(`${origin}${prefix}/payment/result?order=${order.id}`, { waitUntil: 'networkidle' });
        await page.screenshot({ path: `test-results/ecpay-result-${locale}-${width}.png`, fullPage: true });
        await page.goto(`${origin}${prefix}/orders/${order.id}`, { waitUntil: 'networkidle' });
        await page.screenshot({ path: `test-results/ecpay-order-paid-${locale}-${width}.png`, fullPage: true });
      }
    }
    await expect(page.getByTestId('payment-result')).toHaveCount(0);
    await expect(page.getByTestId('order-status').first()).toHaveText('Paid');

    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${origin}/payment/result?order=${order.id}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: '查看訂單' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`訂單 ${order.number}`);
    await expect(page.getByTestId('order-status').first()).toHaveText('已付款');
    await expect(page.getByTestId('payment').first()).toContainText('信用卡');
    await expect(page.getByTestId('payment-status').first()).toHaveText('付款成功');
    // Paid: nothing more to pay.
    await expect(page.getByRole('button', { name: '前往付款' })).toHaveCount(0);
  });

  test('a guest takes an ATM account, finds it on the order with its deadline, pays it, and the order shows paid; staff see the notices', async ({
    page,
    browser,
    baseURL,
  }) => {
    const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    const order = await placeOrder(page, origin, cup, { name: '黃小玲', mobile: '0922456789' });

    await payOnline(page, /ATM 轉帳/);
    await page.getByRole('button', { name: '取號' }).click();
    await expect(page.getByRole('heading', { name: '取號成功' })).toBeVisible();
    const bankCode = (await page.locator('[data-field="BankCode"]').textContent())?.trim() ?? '';
    const account = (await page.locator('[data-field="vAccount"]').textContent())?.trim() ?? '';
    const merchantTradeNo = (await page.locator('[data-field="MerchantTradeNo"]').first().textContent())?.trim() ?? '';
    expect(merchantTradeNo).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(bankCode).toMatch(/^\d{3}$/);
    expect(account).toMatch(/^\d{10,16}$/);
    await page.getByRole('link', { name: '返回商店' }).click();

    await page.waitForURL(/\/payment\/result\?order=/);
    const result = page.getByTestId('payment-result');
    await expect(result).toHaveAttribute('data-outcome', 'code', { timeout: 30_000 });
    await expect(result.getByRole('heading', { level: 1 })).toHaveText('已取得繳費資訊');
    await result.getByRole('link', { name: '查看訂單' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`訂單 ${order.number}`);
    await expect(page.getByTestId('order-status').first()).toHaveText('待付款');
    // Paid online now: the bank-transfer instructions of checkout no longer apply.
    await expect(page.getByText('請於付款期限前匯款')).toHaveCount(0);
    await expect(page.getByText(/線上付款（綠界）：請完成付款/)).toBeVisible();
    const attempt = page.getByTestId('payment').first();
    await expect(attempt).toContainText('ATM 轉帳');
    await expect(attempt.getByTestId('payment-status')).toHaveText('等待付款');
    await expect(attempt.getByTestId('bank-code')).toHaveText(bankCode);
    await expect(attempt.getByTestId('account')).toHaveText(account);
    await expect(attempt.getByTestId('countdown')).toContainText('付款期限');
    await expect(attempt.getByRole('timer')).toContainText('剩餘');

    mkdirSync('test-results', { recursive: true });
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const prefix of ['', '/en']) {
        await page.goto(`${origin}${prefix}/orders/${order.id}`, { waitUntil: 'networkidle' });
        await page.screenshot({ path: `test-results/ecpay-order-atm-${prefix ? 'en' : 'zh-TW'}-${width}.png`, fullPage: true });
      }
    }

    // Staff: the admin order page lists the attempt with ECPay's code notice; asking ECPay finds it unpaid.
    const staff = await browser.newPage({ baseURL, locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    await signIn(staff, admin.email, admin.password);
    await staff.goto(`${baseURL}/admin/orders/${order.id}`, { waitUntil: 'networkidle' });
    const panel = staff.getByTestId('admin-payments');
    await expect(panel.getByRole('heading', { name: '金流紀錄' })).toBeVisible();
    const staffAttempt = panel.locator(`[data-testid="admin-payment"][data-merchant-trade-no="${merchantTradeNo}"]`);
    await expect(staffAttempt).toContainText('等待付款');
    await expect(staffAttempt.getByTestId('admin-payment-code')).toContainText(account);
    await staffAttempt.getByText('通知（1）').click();
    const notice = staffAttempt.locator('[data-testid="admin-notification"][data-kind="payment_info"]');
    await notice.getByText('取號通知（PaymentInfoURL）').click();
    await expect(notice.getByTestId('raw-body')).toContainText('CheckMacValue=');
    await expect(notice.getByTestId('raw-body')).toContainText(`vAccount=${account}`);
    await panel.getByRole('button', { name: '向綠界查詢' }).click();
    await expect(panel.getByTestId('reconciled')).toContainText('已向綠界查詢 1 筆付款');
    await expect(panel.getByTestId('reconciled')).toContainText('綠界交易狀態 0');

    // The shopper pays at the ATM (the simulator's control stands in for the bank): the order shows paid.
    const paid = await page.request.post(`${origin}/_sim/ecpay/_controls/trades/3002607/${merchantTradeNo}/pay`, { data: {} });
    expect(paid.status()).toBe(200);
    await page.setViewportSize({ width: 1366, height: 900 });
    await expect
      .poll(
        async () => {
          await page.goto(`${origin}/orders/${order.id}`, { waitUntil: 'networkidle' });
          return (await page.getByTestId('order-status').first().textContent())?.trim();
        },
        { timeout: 30_000 },
      )
      .toBe('已付款');
    await expect(page.getByTestId('payment').first().getByTestId('payment-status')).toHaveText('付款成功');

    // Staff see the payment's ReturnURL notice on top, and the order's payments in both languages and widths.
    await staff.goto(`${baseURL}/admin/orders/${order.id}`, { waitUntil: 'networkidle' });
    await expect(staffAttempt).toContainText('付款成功');
    await staffAttempt.getByText('通知（3）').click();
    await expect(staffAttempt.getByTestId('admin-notification').first()).toHaveAttribute('data-kind', 'return');
    for (const width of [1280, 390]) {
      await staff.setViewportSize({ width, height: 900 });
      for (const locale of ['zh-TW', 'en'] as const) {
        // The admin console has no /en prefix: its language follows the language cookie.
        await staff.request.post('/lang', {
          form: { to: locale, redirect: '/admin' },
          headers: { origin: baseURL ?? '' },
          maxRedirects: 0,
        });
        await staff.goto(`${baseURL}/admin/orders/${order.id}`, { waitUntil: 'networkidle' });
        const shown = staff.locator(`[data-testid="admin-payment"][data-merchant-trade-no="${merchantTradeNo}"]`);
        await shown.locator('details.notices > summary').click();
        await shown.getByTestId('admin-notification').first().locator('summary').click();
        await staff.screenshot({ path: `test-results/admin-order-payments-${locale}-${width}.png`, fullPage: true });
      }
    }
    await staff.close();
  });

  test('staff find a notice with another amount and a payment found by reconciling on the payments page', async ({
    page,
    browser,
    baseURL,
  }) => {
    const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    const control = async (body: Record<string, unknown>) => {
      const res = await page.request.post(`${origin}/_sim/ecpay/_controls/faults`, { data: body });
      expect(res.status()).toBe(200);
    };
    const tradeNoOnCashier = async () => (await page.locator('[data-field="MerchantTradeNo"]').first().textContent())?.trim() ?? '';

    // ECPay's notice says another amount: nothing is paid, staff are told.
    const mismatched = await placeOrder(page, origin, cup, { name: '林小華', mobile: '0933123456' });
    await payOnline(page, /信用卡/);
    await control({ merchantTradeNo: await tradeNoOnCashier(), amountDelta: -100 });
    await page.getByRole('button', { name: '付款成功' }).click();
    await page.waitForURL(/\/payment\/result\?order=/);

    // The notice never comes; staff ask ECPay from the order page and the order is paid.
    const silent = await placeOrder(page, origin, cup, { name: '吳小青', mobile: '0944123456' });
    await payOnline(page, /信用卡/);
    await control({ merchantTradeNo: await tradeNoOnCashier(), drop: true });
    await page.getByRole('button', { name: '付款成功' }).click();
    await page.waitForURL(/\/payment\/result\?order=/);

    const staff = await browser.newPage({ baseURL, locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    await signIn(staff, admin.email, admin.password);
    await staff.goto(`${baseURL}/admin/orders/${silent.id}`, { waitUntil: 'networkidle' });
    const panel = staff.getByTestId('admin-payments');
    await panel.getByRole('button', { name: '向綠界查詢' }).click();
    await expect(panel.getByTestId('reconciled')).toContainText('訂單狀態：已付款');
    await expect(panel.getByRole('button', { name: '向綠界查詢' })).toHaveCount(0);

    await staff.getByRole('link', { name: '金流', exact: true }).click();
    await expect(staff.getByRole('heading', { level: 1, name: '金流' })).toBeVisible();
    const flagged = staff.getByTestId('flagged-payment').filter({ hasText: mismatched.number });
    await expect(flagged).toContainText('金額不符');
    await expect(flagged).toContainText('$550');
    await expect(staff.getByTestId('reconciliation').filter({ hasText: silent.number })).toContainText('等待付款 → 付款成功');

    mkdirSync('test-results', { recursive: true });
    for (const width of [1280, 390]) {
      await staff.setViewportSize({ width, height: 900 });
      for (const locale of ['zh-TW', 'en'] as const) {
        await staff.request.post('/lang', {
          form: { to: locale, redirect: '/admin' },
          headers: { origin: baseURL ?? '' },
          maxRedirects: 0,
        });
        await staff.goto(`${baseURL}/admin/payments`, { waitUntil: 'networkidle' });
        await staff.screenshot({ path: `test-results/admin-payments-${locale}-${width}.png`, fullPage: true });
      }
    }
    await staff.close();
  });
});
