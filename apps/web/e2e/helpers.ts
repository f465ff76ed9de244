import { expect, type Page } from '@playwright/test';

/** The admin the e2e server creates on its first start (playwright.config.ts `webServer.env`). */
export const admin = { email: 'admin@shop.test', password: 'admin-pass-e2e-2026' };

/** An address nobody has used yet, so runs against the same database never collide. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export async function signIn(page: Page, identifier: string, password: string) {
  await page.goto('/login', { waitUntil: 'networkidle' });
  await page.getByLabel('電子郵件或手機號碼').fill(identifier);
  await page.getByLabel('密碼', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登入' }).click();
  await expect(page.getByRole('button', { name: '登出' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入', exact: true })).toBeVisible();
}

/** Checkout steps share a busy machine with the server and the simulator: their waits are generous. */
const patient = expect.configure({ timeout: 20_000 });

/**
 * From the product page to a checkout form with `quantity` units in the cart and the buyer and home
 * delivery (黑貓宅急便 to 臺北市中正區) filled in; the payment is left for the test to choose.
 */
export async function fillHomeDeliveryCheckout(
  page: Page,
  v: { origin: string; slug: string; quantity?: number; buyer: { name: string; mobile: string }; emailPrefix: string },
) {
  await page.goto(`${v.origin}/products/${v.slug}`, { waitUntil: 'networkidle' });
  if (v.quantity !== undefined) await page.getByRole('spinbutton', { name: '數量' }).fill(String(v.quantity));
  await page.getByRole('button', { name: '加入購物車' }).click();
  await patient(page.getByRole('status').filter({ hasText: '已加入購物車' })).toBeVisible();
  await page.goto(`${v.origin}/cart`, { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: '前往結帳' }).click();
  await patient(page.getByRole('heading', { level: 1, name: '結帳' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.getByLabel('姓名', { exact: true }).fill(v.buyer.name);
  await page.getByLabel('手機號碼').first().fill(v.buyer.mobile);
  await page.getByRole('textbox', { name: '電子郵件' }).fill(uniqueEmail(v.emailPrefix));
  await page.getByRole('radio', { name: /黑貓宅急便/ }).check();
  await patient(page.getByTestId('summary-shipping')).not.toContainText('選擇運送方式後計算');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('縣市').selectOption('臺北市');
  await page.getByLabel('鄉鎮市區').selectOption('中正區');
  await page.getByLabel('地址', { exact: true }).fill('重慶南路一段 122 號');
}

/** Places the filled checkout with bank transfer (the default) and opens the order: answers its id and number. */
export async function placeBankTransferOrder(page: Page): Promise<{ id: string; number: string }> {
  await patient(page.getByRole('radio', { name: /銀行轉帳/ })).toBeChecked();
  await page.getByRole('checkbox', { name: /我已閱讀並同意/ }).check();
  await page.getByTestId('place-order').click();
  await page.waitForURL(/\/orders\/[0-9a-f-]+\/placed/);
  const number = (await page.getByTestId('placed-order-number').textContent())?.trim() ?? '';
  const id = /\/orders\/([0-9a-f-]+)\/placed/.exec(page.url())![1]!;
  await page.getByTestId('view-order').click();
  await patient(page.getByRole('heading', { level: 1 })).toHaveText(`訂單 ${number}`);
  return { id, number };
}
