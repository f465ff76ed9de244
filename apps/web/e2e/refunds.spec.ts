import { mkdirSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, fillHomeDeliveryCheckout, placeBankTransferOrder, signIn } from './helpers';

// A refund from start to end: a guest pays by card through ECPay's cashier (the simulator), asks
// for the whole order back on the order page; staff find the request in the refund queue and
// approve it (ECPay refunds the card); the shopper's order shows the refund done and the order
// refunded. The request form is also checked on a phone and in English.

test.describe.configure({ timeout: 180_000 });

interface Made {
  slug: string;
}

/** A guest's order of two cups with home delivery and bank transfer; answers its id and number. */
async function placeOrder(page: Page, origin: string, item: Made) {
  // Two cups: one of them alone is a partial refund.
  await fillHomeDeliveryCheckout(page, {
    origin,
    slug: item.slug,
    quantity: 2,
    buyer: { name: '林美華', mobile: '0933222111' },
    emailPrefix: 'refund',
  });
  return placeBankTransferOrder(page);
}

/** Pays the order by card in ECPay's cashier and comes back to the paid order. */
async function placePaidOrder(page: Page, origin: string, item: Made) {
  const { id, number } = await placeOrder(page, origin, item);
  const pay = page.locator('#pay');
  await pay.getByRole('radio', { name: /信用卡/ }).check();
  await pay.getByRole('button', { name: '前往付款' }).click();
  await page.waitForURL(/\/_sim\/ecpay\//);
  await page.getByRole('button', { name: '付款成功' }).click();
  await page.waitForURL(/\/payment\/result\?order=/);
  await expect(page.getByTestId('payment-result')).toHaveAttribute('data-outcome', 'paid', { timeout: 30_000 });
  await page.goto(`${origin}/orders/${id}`, { waitUntil: 'networkidle' });
  await expect(page.getByTestId('order-status').first()).toHaveText('已付款');
  return { id, number };
}

async function shoot(page: Page, name: string) {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/refunds-${name}.png`, fullPage: true });
}

test.describe('refunds', () => {
  const tag = runTag();
  let cup: Made;
  let api: CatalogAdmin;

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    api = staff;
    const category = await staff.apparelCategory(tag);
    const draft = await staff.productOnShelf({
      categoryId: category.id,
      name: `退款茶杯 ${tag}`,
      en: `Refund cup ${tag}`,
      skuPrefix: `RF-${tag}`,
      variants: [['M', 680]],
      stock: 200,
    });
    cup = { slug: draft.slug };
  });

  test('a guest asks for the whole order back, staff approve it, and the card is refunded', async ({ page, browser, baseURL }) => {
    // ECPay returns the browser to the shop's public address (localhost by default): the visit stays on it.
    const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    const order = await placePaidOrder(page, origin, cup);

    const section = page.getByTestId('order-refunds');
    const form = section.getByTestId('refund-form');
    await expect(section.getByRole('heading', { name: '退款', exact: true })).toBeVisible();
    await expect(form.getByRole('heading', { name: '申請退款' })).toBeVisible();
    await expect(form.getByRole('radio', { name: '整筆訂單（含運費）' })).toBeChecked();
    // A card payment goes back to the card: no bank account asked.
    await expect(form.getByLabel('銀行代碼')).toHaveCount(0);
    const estimate = (await form.getByTestId('refund-estimate').textContent()) ?? '';
    expect(estimate).toContain('預估退款金額');

    // Some items: the estimate follows the quantity typed.
    await form.getByRole('radio', { name: '部分商品' }).check();
    await form.getByRole('spinbutton', { name: /的退款數量/ }).fill('1');
    await expect(form.getByTestId('refund-estimate')).toContainText('$680');
    await form.getByRole('radio', { name: '整筆訂單（含運費）' }).check();
    await expect(form.getByRole('spinbutton')).toHaveCount(0);

    // The reason is required.
    await form.getByRole('button', { name: '送出退款申請' }).click();
    await expect(form.getByText('這是必填欄位')).toBeVisible();

    await shoot(page, 'order-form-zh-TW-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload({ waitUntil: 'networkidle' });
    await shoot(page, 'order-form-zh-TW-390');
    await section.screenshot({ path: 'test-results/refunds-section-form-zh-TW-390.png' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto(`${origin}/en/orders/${order.id}`, { waitUntil: 'networkidle' });
    const english = page.getByTestId('refund-form');
    await expect(english.getByRole('heading', { name: 'Request a refund' })).toBeVisible();
    await expect(english.getByRole('radio', { name: 'The whole order (with shipping)' })).toBeChecked();
    await expect(english.getByLabel('Reason for the refund')).toBeVisible();
    await expect(english.getByRole('button', { name: 'Send refund request' })).toBeVisible();
    await expect(english.getByTestId('refund-estimate')).toContainText('Estimated refund');
    await shoot(page, 'order-form-en-390');
    await page.getByTestId('order-refunds').screenshot({ path: 'test-results/refunds-section-form-en-390.png' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload({ waitUntil: 'networkidle' });
    await shoot(page, 'order-form-en-1280');

    await page.goto(`${origin}/orders/${order.id}`, { waitUntil: 'networkidle' });
    await form.getByLabel('退款原因').fill('買錯尺寸，想取消這筆訂單');
    await form.getByRole('button', { name: '送出退款申請' }).click();
    await expect(section.getByRole('status').filter({ hasText: '已收到您的退款申請' })).toBeVisible();
    await expect(section.getByTestId('refund-form')).toHaveCount(0);
    const asked = section.getByTestId('refund').first();
    await expect(asked.getByTestId('refund-status')).toHaveText('申請中');
    await expect(asked).toContainText('買錯尺寸，想取消這筆訂單');
    await expect(asked.getByTestId('refund-amount')).toHaveText(estimate.match(/\$[\d,]+/)?.[0] ?? '');
    await expect(page.getByTestId('order-status').first()).toHaveText('退款申請中');

    // Staff, in their own browser.
    const staffContext = await browser.newContext({ baseURL: baseURL ?? '' });
    const staff = await staffContext.newPage();
    await signIn(staff, admin.email, admin.password);
    await staff.goto('/admin', { waitUntil: 'networkidle' });
    await staff.getByRole('navigation', { name: '後台選單' }).getByRole('link', { name: '退款', exact: true }).click();
    await expect(staff).toHaveURL(/\/admin\/refunds$/);
    await expect(staff.getByRole('heading', { level: 1, name: '退款' })).toBeVisible();
    await expect(staff.getByLabel('狀態')).toHaveValue('requested');
    const row = staff.getByRole('row').filter({ hasText: order.number });
    await expect(row).toContainText('林美華');
    await expect(row).toContainText('刷退信用卡');
    await expect(row.getByTestId('refund-status')).toHaveText('申請中');
    await shoot(staff, 'queue-zh-TW-1280');
    await row.getByRole('link', { name: order.number }).click();

    await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`訂單 ${order.number} 的退款`);
    await expect(staff.getByTestId('refund-lines')).toContainText(`退款茶杯 ${tag}`);
    await expect(staff.getByText('買錯尺寸，想取消這筆訂單')).toBeVisible();
    await shoot(staff, 'detail-zh-TW-1280');
    await staff.getByRole('checkbox', { name: '退款完成後把商品放回庫存' }).check();
    await staff.getByLabel('給顧客的說明').fill('已為您刷退');
    await staff.getByRole('button', { name: '核准退款' }).click();
    await expect(staff.getByRole('status').filter({ hasText: '已核准退款。' })).toBeVisible();
    await expect(async () => {
      await staff.reload({ waitUntil: 'networkidle' });
      await expect(staff.getByTestId('refund-status')).toHaveText('已退款', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(staff.getByTestId('provider-calls')).toContainText('成功');
    await shoot(staff, 'detail-done-zh-TW-1280');

    // The shopper sees the refund done and the order refunded.
    await expect(async () => {
      await page.reload({ waitUntil: 'networkidle' });
      await expect(section.getByTestId('refund-status').first()).toHaveText('已退款', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId('order-status').first()).toHaveText('已退款');
    await expect(section.getByTestId('refund-note')).toHaveText('已為您刷退');
    await expect(section.getByTestId('refund-figure-refundable')).toHaveText('$0');
    await expect(section.getByTestId('refund-form')).toHaveCount(0);
    await shoot(page, 'order-done-zh-TW-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload({ waitUntil: 'networkidle' });
    await shoot(page, 'order-done-zh-TW-390');
    await section.screenshot({ path: 'test-results/refunds-section-done-zh-TW-390.png' });
    await page.goto(`${origin}/en/orders/${order.id}`, { waitUntil: 'networkidle' });
    await expect(page.getByTestId('refund-status').first()).toHaveText('Refunded');
    await shoot(page, 'order-done-en-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload({ waitUntil: 'networkidle' });
    await shoot(page, 'order-done-en-1280');

    // The queue and the detail on a phone and in English.
    const detailUrl = staff.url();
    await staff.goto('/admin/refunds?status=succeeded', { waitUntil: 'networkidle' });
    await expect(staff.getByRole('row').filter({ hasText: order.number })).toBeVisible();
    await staff.setViewportSize({ width: 390, height: 844 });
    await staff.reload({ waitUntil: 'networkidle' });
    await shoot(staff, 'queue-zh-TW-390');
    await staff.goto(detailUrl, { waitUntil: 'networkidle' });
    await shoot(staff, 'detail-zh-TW-390');
    await staffContext.addCookies([{ name: 'lang', value: 'en', url: baseURL ?? '' }]);
    await staff.goto('/admin/refunds?status=succeeded', { waitUntil: 'networkidle' });
    await expect(staff.getByRole('heading', { level: 1, name: 'Refunds' })).toBeVisible();
    await expect(staff.getByRole('row').filter({ hasText: order.number })).toContainText('Back to the card');
    await shoot(staff, 'queue-en-390');
    await staff.goto(detailUrl, { waitUntil: 'networkidle' });
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Refund of order ${order.number}`);
    await shoot(staff, 'detail-en-390');
    await staff.setViewportSize({ width: 1280, height: 900 });
    await staff.reload({ waitUntil: 'networkidle' });
    await shoot(staff, 'detail-en-1280');
    await staff.goto('/admin/refunds?status=succeeded', { waitUntil: 'networkidle' });
    await shoot(staff, 'queue-en-1280');
    // The order's own page lists the refund, linking to it.
    await staff.goto(`/admin/orders/${order.id}`, { waitUntil: 'networkidle' });
    await expect(staff.getByTestId('admin-order-refunds').getByTestId('refund-status')).toHaveText('Refunded');
    await shoot(staff, 'admin-order-en-1280');
    await staffContext.close();
  });

  test('without JavaScript a guest asks for one cup back by transfer; staff approve and mark it transferred', async ({
    page,
    browser,
    baseURL,
  }) => {
    const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    const order = await placeOrder(page, origin, cup);
    // Staff confirm the bank transfer arrived: the money goes back by transfer.
    await api.call('POST', `/api/admin/orders/${order.id}/transition`, { to: 'paid' });

    // The same guest (the order's link kept by the browser), without JavaScript.
    const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const shopper = await plain.newPage();
    await shopper.goto(`${origin}/orders/${order.id}`);
    await expect(shopper.getByTestId('order-status').first()).toHaveText('已付款');
    const form = shopper.getByTestId('refund-form');
    await expect(form.getByText('這筆訂單不是以信用卡付款')).toBeVisible();
    await form.getByRole('radio', { name: '部分商品' }).check();
    await form.getByRole('spinbutton', { name: /的退款數量/ }).fill('1');
    await form.getByLabel('退款原因').fill('只需要一個');
    await form.getByLabel('銀行代碼').fill('12');
    await form.getByLabel('帳號').fill('12345678901');
    await form.getByLabel('戶名').fill('林美華');
    await form.getByRole('button', { name: '送出退款申請' }).click();
    await expect(shopper.getByRole('alert').filter({ hasText: '請修正標示的欄位後再送出' })).toBeVisible();
    await expect(form.getByText('銀行代碼為 3 碼數字')).toBeVisible();
    // What was typed is kept.
    await expect(form.getByRole('radio', { name: '部分商品' })).toBeChecked();
    await expect(form.getByLabel('退款原因')).toHaveValue('只需要一個');
    await form.getByLabel('銀行代碼').fill('012');
    await form.getByRole('button', { name: '送出退款申請' }).click();

    const section = shopper.getByTestId('order-refunds');
    await expect(section.getByRole('status').filter({ hasText: '已收到您的退款申請' })).toBeVisible();
    const asked = section.getByTestId('refund').first();
    await expect(asked.getByTestId('refund-status')).toHaveText('申請中');
    await expect(asked.getByTestId('refund-amount')).toHaveText('$680');
    await expect(asked).toContainText('末四碼 8901');
    // A partial refund keeps the order's status.
    await expect(shopper.getByTestId('order-status').first()).toHaveText('已付款');
    await section.screenshot({ path: 'test-results/refunds-section-transfer-zh-TW-1280.png' });

    const staffContext = await browser.newContext({ baseURL: baseURL ?? '' });
    const staff = await staffContext.newPage();
    await signIn(staff, admin.email, admin.password);
    await staff.goto('/admin/refunds', { waitUntil: 'networkidle' });
    const row = staff.getByRole('row').filter({ hasText: order.number });
    await expect(row).toContainText('匯款退回');
    await expect(row).toContainText('部分商品');
    await row.getByRole('link', { name: order.number }).click();
    await expect(staff.getByTestId('refund-bank-account')).toContainText('12345678901');
    await staff.getByRole('button', { name: '核准退款' }).click();
    await expect(staff.getByRole('status').filter({ hasText: '已核准退款。' })).toBeVisible();
    await expect(staff.getByTestId('refund-status')).toHaveText('退款處理中');
    await shoot(staff, 'detail-transfer-zh-TW-1280');
    await staff.getByRole('button', { name: '標記為已匯款' }).click();
    await expect(staff.getByRole('status').filter({ hasText: '已標記為已匯款' })).toBeVisible();
    await expect(staff.getByTestId('refund-status')).toHaveText('已退款');

    // A fresh visit (reloading would post the form again).
    await shopper.goto(`${origin}/orders/${order.id}`);
    await expect(section.getByTestId('refund-status').first()).toHaveText('已退款');
    await expect(section.getByTestId('refund-figure-refunded')).toHaveText('$680');
    await expect(shopper.getByTestId('order-status').first()).toHaveText('已付款');
    // One cup is left to refund: the form is offered again.
    await expect(shopper.getByTestId('refund-form')).toBeVisible();

    // Staff decline the rest of the order from its page: the refund panel lists the first refund.
    await staff.goto(`/admin/orders/${order.id}`, { waitUntil: 'networkidle' });
    const panel = staff.getByTestId('admin-order-refunds');
    await expect(panel.getByTestId('refund-figure-refundable')).toHaveText('$810');
    await expect(panel.getByRole('link', { name: '部分商品' })).toHaveAttribute('href', /\/admin\/refunds\//);
    const staffForm = panel.getByTestId('staff-refund-form');
    await expect(staffForm.getByTestId('refund-estimate')).toContainText('$810');
    await staffForm.getByRole('button', { name: '建立退款' }).click();
    await expect(staffForm.getByText('這是必填欄位')).toBeVisible();
    await staffForm.getByLabel('退款原因').fill('缺貨，無法出貨');
    await staffForm.getByRole('checkbox', { name: '退款完成後把商品放回庫存' }).check();
    await staffForm.getByRole('button', { name: '建立退款' }).click();
    await expect(panel.getByRole('status').filter({ hasText: '已建立退款。' })).toBeVisible();
    const declined = panel.getByTestId('refund').first();
    await expect(declined.getByTestId('refund-status')).toHaveText('退款處理中');
    await expect(declined.getByTestId('refund-amount')).toHaveText('$810');
    await expect(panel.getByTestId('staff-refund-form')).toHaveCount(0);
    await shoot(staff, 'admin-order-zh-TW-1280');
    await staffContext.close();
    await plain.close();
  });
});
