import { mkdirSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { uniqueEmail } from './helpers';

// A guest who checked out creates an account from the confirmation page: signed in at once, and
// the order is in "my orders". An e-mail that already has an account is offered sign-in instead.

test.describe.configure({ timeout: 120_000 });

interface Made {
  slug: string;
  name: string;
}

async function product(staff: CatalogAdmin, input: { categoryId: string; name: string; en: string; sku: string; price: number }) {
  const draft = await staff.draft({
    categoryId: input.categoryId,
    name: input.name,
    en: input.en,
    skuPrefix: input.sku,
    variants: [['M', input.price]],
  });
  await staff.addImage(draft.id);
  const detail = await staff.call<{ variants: Array<{ id: string }> }>('GET', `/api/admin/products/${draft.id}`);
  await staff.call('POST', `/api/admin/stock/${detail.variants[0]!.id}/adjust`, { set: 200, reason: '盤點' });
  for (const action of ['submit', 'approve', 'put_on_shelf'])
    await staff.call('POST', `/api/admin/products/${draft.id}/transitions`, { action });
  return { slug: draft.slug, name: input.name } satisfies Made;
}

/** A guest's order to home delivery with bank transfer, through the pages; answers its number and id. */
async function guestCheckout(page: Page, item: Made, email: string): Promise<{ number: string; id: string }> {
  await page.goto(`/products/${item.slug}`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: '加入購物車' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已加入購物車' })).toBeVisible();
  await page.goto('/cart', { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: '前往結帳' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '結帳' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.getByLabel('姓名', { exact: true }).fill('陳小雨');
  await page.getByLabel('手機號碼').first().fill('0911222333');
  await page.getByRole('textbox', { name: '電子郵件' }).fill(email);
  await page.getByRole('radio', { name: /黑貓宅急便/ }).check();
  await expect(page.getByTestId('summary-shipping')).not.toContainText('選擇運送方式後計算');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('縣市').selectOption('臺北市');
  await page.getByLabel('鄉鎮市區').selectOption('中正區');
  await page.getByLabel('地址', { exact: true }).fill('重慶南路一段 122 號');
  await page.getByRole('checkbox', { name: /我已閱讀並同意/ }).check();
  await page.getByTestId('place-order').click();
  await page.waitForURL(/\/orders\/[0-9a-f-]+\/placed/);
  await expect(page.getByRole('heading', { level: 1, name: '訂單已成立' })).toBeVisible();
  const number = (await page.getByTestId('placed-order-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^\d{19}$/);
  const id = /\/orders\/([0-9a-f-]+)\/placed/.exec(page.url())![1]!;
  return { number, id };
}

test.describe('a guest’s account from their order', () => {
  const tag = runTag();
  let teapot: Made;

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await staff.apparelCategory(tag);
    teapot = await product(staff, {
      categoryId: category.id,
      name: `帳號茶壺 ${tag}`,
      en: `Account teapot ${tag}`,
      sku: `GA-${tag}`,
      price: 650,
    });
    await request.dispose();
  });

  test('is made on the confirmation page; the shopper is signed in and the order is in my orders', async ({ page, baseURL }) => {
    const email = uniqueEmail('guest-account');
    const { number, id } = await guestCheckout(page, teapot, email);

    const form = page.getByTestId('guest-account');
    await expect(form).toContainText(`用 ${email} 建立帳號`);
    // The register page's password rules: a common password is refused, next to the field.
    await form.getByLabel('密碼', { exact: true }).fill('password1234');
    await form.getByRole('button', { name: '建立帳號' }).click();
    await expect(form.getByLabel('密碼', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/placed/);

    mkdirSync('test-results', { recursive: true });
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [locale, prefix] of [
        ['zh-TW', ''],
        ['en', '/en'],
      ] as const) {
        await page.goto(`${prefix}/orders/${id}/placed`, { waitUntil: 'networkidle' });
        await page.screenshot({ path: `test-results/guest-account-placed-${locale}-${width}.png`, fullPage: true });
      }
    }
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`/orders/${id}/placed`, { waitUntil: 'networkidle' });

    await form.getByLabel('密碼', { exact: true }).fill('Oolong-garden-2026');
    await form.getByRole('button', { name: '建立帳號' }).click();

    await page.waitForURL(/\/orders\?notice=account/);
    await expect(page.getByRole('status').filter({ hasText: '帳號已建立' })).toBeVisible();
    await expect(page.getByTestId('order-list')).toContainText(number);
    await expect(page.getByRole('button', { name: '登出' })).toBeVisible();
    await page.screenshot({ path: 'test-results/guest-account-orders-zh-TW-1366.png', fullPage: true });

    // The order's page is now the member's, without the guest form.
    await page.goto(`/orders/${id}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`訂單 ${number}`);
    await expect(page.getByTestId('guest-account')).toHaveCount(0);
    void baseURL;
  });

  test('an e-mail that already has an account is offered sign-in instead', async ({ page, baseURL }) => {
    const email = uniqueEmail('member-already');
    const shopper = await playwrightRequest.newContext({ baseURL });
    const registered = await shopper.post('/api/auth/register', {
      data: { email, password: 'Member-garden-2026', displayName: '老會員' },
      headers: { origin: baseURL ?? '' },
    });
    expect(registered.status()).toBe(201);
    await shopper.dispose();

    const { id } = await guestCheckout(page, teapot, email);
    await page.goto(`/orders/${id}`, { waitUntil: 'networkidle' });
    const form = page.getByTestId('guest-account');
    await form.getByLabel('密碼', { exact: true }).fill('Another-garden-2026');
    await form.getByRole('button', { name: '建立帳號' }).click();

    await expect(form.getByRole('alert')).toHaveText('這個 Email 已經有帳號，請登入查看您的訂單。');
    await expect(form.getByTestId('guest-account-sign-in')).toHaveAttribute(
      'href',
      `/login?redirect=${encodeURIComponent(`/orders/${id}`)}`,
    );
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/guest-account-exists-zh-TW-${width}.png`, fullPage: true });
    }
  });
});
