import { mkdirSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { uniqueEmail } from './helpers';

// Paying an unpaid bank-transfer order online through ECPay's cashier (the simulator): by card,
// back to the shop's result page; by ATM, with the account ECPay issued shown on the order.

test.describe.configure({ timeout: 120_000 });

interface Made {
  slug: string;
  name: string;
}

/** A guest's order placed with home delivery and bank transfer; answers the order's id and number. */
async function placeOrder(page: Page, origin: string, item: Made, buyer: { name: string; mobile: string }) {
  await page.goto(`${origin}/products/${item.slug}`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: '加入購物車' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已加入購物車' })).toBeVisible();
  await page.goto(`${origin}/cart`, { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: '前往結帳' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '結帳' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.getByLabel('姓名', { exact: true }).fill(buyer.name);
  await page.getByLabel('手機號碼').first().fill(buyer.mobile);
  await page.getByRole('textbox', { name: '電子郵件' }).fill(uniqueEmail('ecpay'));
  await page.getByRole('radio', { name: /黑貓宅急便/ }).check();
  await expect(page.getByTestId('summary-shipping')).not.toContainText('選擇運送方式後計算');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('縣市').selectOption('臺北市');
  await page.getByLabel('鄉鎮市區').selectOption('中正區');
  await page.getByLabel('地址', { exact: true }).fill('重慶南路一段 122 號');
  await expect(page.getByRole('radio', { name: /銀行轉帳/ })).toBeChecked();
  await page.getByRole('checkbox', { name: /我已閱讀並同意/ }).check();
  await page.getByTestId('place-order').click();
  await page.waitForURL(/\/orders\/[0-9a-f-]+\/placed/);
  const number = (await page.getByTestId('placed-order-number').textContent())?.trim() ?? '';
  const id = /\/orders\/([0-9a-f-]+)\/placed/.exec(page.url())![1]!;
  await page.getByTestId('view-order').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`訂單 ${number}`);
  return { id, number };
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
    const draft = await staff.draft({
      categoryId: category.id,
      name: `線上付款茶杯 ${tag}`,
      en: `Online pay cup ${tag}`,
      skuPrefix: `PC-${tag}`,
      variants: [['M', 520]],
    });
    await staff.addImage(draft.id);
    const detail = await staff.call<{ variants: Array<{ id: string }> }>('GET', `/api/admin/products/${draft.id}`);
    await staff.call('POST', `/api/admin/stock/${detail.variants[0]!.id}/adjust`, { set: 200, reason: '盤點' });
    for (const action of ['submit', 'approve', 'put_on_shelf'])
      await staff.call('POST', `/api/admin/products/${draft.id}/transitions`, { action });
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

  test('a guest takes an ATM account and finds it on the order with its deadline', async ({ page, baseURL }) => {
    const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    const order = await placeOrder(page, origin, cup, { name: '黃小玲', mobile: '0922456789' });

    await payOnline(page, /ATM 轉帳/);
    await page.getByRole('button', { name: '取號' }).click();
    await expect(page.getByRole('heading', { name: '取號成功' })).toBeVisible();
    const bankCode = (await page.locator('[data-field="BankCode"]').textContent())?.trim() ?? '';
    const account = (await page.locator('[data-field="vAccount"]').textContent())?.trim() ?? '';
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
  });
});
