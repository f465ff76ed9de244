import { mkdirSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, signIn, uniqueEmail } from './helpers';

// The admin console's home shows today's orders and revenue, and what waits for payment or
// shipping, each linking to the order list filtered to those orders. Staff without order access
// (and customers) see no figures.

test.describe.configure({ timeout: 120_000 });

/** A guest's unpaid order of one unit, placed through the API as the checkout page would; answers its number. */
async function guestOrder(baseURL: string, variantId: string): Promise<string> {
  const guest: APIRequestContext = await playwrightRequest.newContext({ baseURL });
  const headers = { origin: baseURL };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ok = async (res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<any> => {
    expect(res.ok(), await res.text()).toBe(true);
    return res.json();
  };
  await ok(await guest.post('/api/cart/items', { data: { variantId, quantity: 1 }, headers }));
  const methods = (await ok(await guest.get('/api/shipping-methods'))).items as Array<{ id: string; kind: string }>;
  const home = methods.find((m) => m.kind === 'home_delivery')!;
  const cart = await ok(await guest.put('/api/cart/shipping-method', { data: { methodId: home.id }, headers }));
  const { orderId } = await ok(await guest.get('/api/checkout/session'));
  const placed = await ok(
    await guest.post('/api/checkout', {
      data: {
        orderId,
        buyer: { name: '王大同', mobile: '0922111000', email: uniqueEmail('dashboard') },
        shippingMethodId: home.id,
        address: { zip: '100', city: '臺北市', district: '中正區', line: '重慶南路一段 122 號' },
        paymentMethod: 'bank_transfer',
        acceptTerms: true,
        expected: { total: cart.totals.total },
      },
      headers,
    }),
  );
  await guest.dispose();
  return placed.order.orderNumber as string;
}

const figure = async (page: Page, id: string) => (await page.getByTestId(id).locator('.value').textContent())?.trim() ?? '';

test.describe('admin dashboard: today’s figures', () => {
  const tag = runTag();
  let variantId: string;

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await staff.apparelCategory(tag);
    const draft = await staff.draft({
      categoryId: category.id,
      name: `儀表杯 ${tag}`,
      en: `Dashboard cup ${tag}`,
      skuPrefix: `AD-${tag}`,
      variants: [['M', 1234]],
    });
    await staff.addImage(draft.id);
    const detail = await staff.call<{ variants: Array<{ id: string }> }>('GET', `/api/admin/products/${draft.id}`);
    variantId = detail.variants[0]!.id;
    await staff.call('POST', `/api/admin/stock/${variantId}/adjust`, { set: 100, reason: '盤點' });
    for (const action of ['submit', 'approve', 'put_on_shelf'])
      await staff.call('POST', `/api/admin/products/${draft.id}/transitions`, { action });
    await request.dispose();
  });

  test('count an order placed now, and link to the orders they count', async ({ page, baseURL }) => {
    await signIn(page, admin.email, admin.password);
    await page.goto('/admin', { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 2, name: /今日/ })).toBeVisible();
    const before = { orders: Number(await figure(page, 'today-orders')), awaiting: Number(await figure(page, 'today-awaiting-payment')) };

    const number = await guestOrder(baseURL ?? '', variantId);
    await page.reload({ waitUntil: 'networkidle' });

    // Tests run one at a time (playwright.config.ts), so nothing else places an order meanwhile.
    expect(Number(await figure(page, 'today-orders'))).toBe(before.orders + 1);
    expect(Number(await figure(page, 'today-awaiting-payment'))).toBe(before.awaiting + 1);
    await expect(page.getByTestId('today-revenue').locator('.value')).toHaveText(/^\$[\d,]+$/);
    await expect(page.getByTestId('today-to-ship')).toHaveAttribute('href', '/admin/orders?status=paid');

    await page.getByTestId('today-awaiting-payment').click();
    await expect(page).toHaveURL(/\/admin\/orders\?status=pending_payment/);
    await expect(page.getByRole('table')).toContainText(number);

    await page.goto('/admin', { waitUntil: 'networkidle' });
    await page.getByTestId('today-orders').click();
    await expect(page).toHaveURL(/\/admin\/orders\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole('table')).toContainText(number);

    mkdirSync('test-results', { recursive: true });
    for (const width of [1366, 390]) {
      for (const locale of ['zh-TW', 'en'] as const) {
        await page.setViewportSize({ width, height: 900 });
        // The admin console has no /en prefix: its language follows the language cookie.
        await page.request.post('/lang', { form: { to: locale, redirect: '/admin' }, headers: { origin: baseURL ?? '' }, maxRedirects: 0 });
        await page.goto('/admin', { waitUntil: 'networkidle' });
        await page.screenshot({ path: `test-results/admin-dashboard-${locale}-${width}.png`, fullPage: true });
      }
    }
    await page.request.post('/lang', { form: { to: 'zh-TW', redirect: '/admin' }, headers: { origin: baseURL ?? '' }, maxRedirects: 0 });
  });

  test('are not shown to staff whose policies keep them out of orders', async ({ page, baseURL }) => {
    const origin = baseURL ?? '';
    // Operations staff, with one deny policy on orders for this user only.
    const email = uniqueEmail('dash-clerk');
    const clerk = await playwrightRequest.newContext({ baseURL });
    const registered = await clerk.post('/api/auth/register', {
      data: { email, password: 'Clerk-garden-2026', displayName: '倉管' },
      headers: { origin },
    });
    expect(registered.status()).toBe(201);
    const clerkId = (await registered.json()).user.id as string;
    await clerk.dispose();
    const request = await playwrightRequest.newContext({ baseURL });
    const staff = await CatalogAdmin.signIn(request, origin);
    await staff.call('POST', `/api/admin/users/${clerkId}/roles`, { role: 'ops' });
    const policy = await staff.call<{ id: string }>('POST', '/api/admin/policies', {
      name: `dashboard-no-orders-${tag}`,
      effect: 'deny',
      actions: ['read', 'update'],
      resourceTypes: ['order'],
      conditions: [{ attr: 'subject.userId', op: 'eq', value: clerkId }],
    });
    try {
      await signIn(page, email, 'Clerk-garden-2026');
      await page.goto('/admin', { waitUntil: 'networkidle' });
      // The console is theirs (stock, for one), without today's order figures.
      await expect(page.getByRole('link', { name: /庫存/ }).first()).toBeVisible();
      await expect(page.getByTestId('today-figures')).toHaveCount(0);
      await expect(page.getByText('今日營收')).toHaveCount(0);
      const direct = await page.request.get('/api/admin/orders/today');
      expect(direct.status()).toBe(403);
    } finally {
      await staff.call('DELETE', `/api/admin/policies/${policy.id}`);
      await request.dispose();
    }
  });
});
