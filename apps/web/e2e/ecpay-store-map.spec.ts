import { expect, test } from '@playwright/test';

// The ECPay simulator that `npm start` mounts under /_sim/ecpay: its store map, opened as a shop
// opens it, posts the chosen store back to the shop.

// Each test walks four pages on a shared two-core machine: room beyond the default 30 s.
test.describe.configure({ timeout: 90_000 });

test('the store map lists a chain’s stores and posts the chosen one to the merchant', async ({ page }) => {
  await page.goto('/_sim/ecpay/');
  await page.getByLabel('物流子類型 LogisticsSubType').selectOption('UNIMARTC2C');
  await page.getByRole('button', { name: '開啟電子地圖' }).click();

  await expect(page.getByRole('heading', { name: '7-ELEVEN 門市查詢' })).toBeVisible();
  await page.getByLabel('縣市').selectOption('臺北市');
  await page.getByLabel('鄉鎮市區').selectOption('中正區');
  await page.getByLabel('門市名稱、地址或店號').fill('鑫台北');
  await expect(page.getByText('共 1 間門市')).toBeVisible();
  await page.getByRole('button', { name: /鑫台北門市/ }).click();

  // The simulator's own receiver shows what a merchant gets.
  const received = page.locator('#received');
  await expect(received.locator('tr', { hasText: 'CVSStoreID' })).toContainText('131386');
  await expect(received.locator('tr', { hasText: 'CVSStoreName' })).toContainText('鑫台北門市');
  await expect(received.locator('tr', { hasText: 'LogisticsSubType' })).toContainText('UNIMARTC2C');
  await expect(received.locator('tr', { hasText: 'ExtraData' })).toContainText('demo');
});

test('the shop keeps the store the map posts back and returns to the checkout', async ({ page, context, baseURL }) => {
  await page.goto('/_sim/ecpay/');
  // Opened the way the checkout's store picker opens it: replies go to the shop's route.
  await page
    .locator('input[name=ServerReplyURL]')
    .evaluate((input, url) => ((input as HTMLInputElement).value = url), `${baseURL}/checkout/store-selected`);
  await page.getByLabel('物流子類型 LogisticsSubType').selectOption('FAMIC2C');
  await page.getByRole('button', { name: '開啟電子地圖' }).click();
  await page.getByLabel('縣市').selectOption('金門縣');
  const reply = page.waitForResponse((r) => r.url().endsWith('/checkout/store-selected') && r.request().method() === 'POST');
  await page
    .getByRole('button', { name: /全家金城/ })
    .first()
    .click();

  // Back to the checkout (which sends an empty cart on to the cart page).
  const answer = await reply;
  expect(answer.status()).toBe(303);
  expect(answer.headers()['location']).toMatch(/^\/checkout(\?|$)/);
  await page.waitForLoadState();
  const cookie = (await context.cookies()).find((c) => c.name === 'cvs_store');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  const store = JSON.parse(Buffer.from(cookie!.value, 'base64url').toString('utf8')) as Record<string, string>;
  expect(store).toMatchObject({ LogisticsSubType: 'FAMIC2C', CVSOutSide: '1', ExtraData: 'demo' });
  expect(store.CVSAddress).toMatch(/^金門縣金城鎮/);
});
