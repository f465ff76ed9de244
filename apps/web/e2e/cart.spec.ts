import { mkdirSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, signIn, uniqueEmail } from './helpers';

// Test data goes in through the admin API with a tag per run (e2e databases outlive runs). The
// default shipping methods exist from the first start: 黑貓宅急便 is free from NT$1,500.

interface Made {
  id: string;
  slug: string;
  name: string;
  variantId: string;
}

/** A product of one variant at `price`, with `stock` units, on the shelf. */
async function product(
  staff: CatalogAdmin,
  input: { categoryId: string; name: string; en: string; sku: string; price: number; stock: number },
) {
  const draft = await staff.draft({
    categoryId: input.categoryId,
    name: input.name,
    en: input.en,
    skuPrefix: input.sku,
    variants: [['M', input.price]],
  });
  await staff.addImage(draft.id);
  const detail = await staff.call<{ variants: Array<{ id: string }> }>('GET', `/api/admin/products/${draft.id}`);
  const variantId = detail.variants[0]!.id;
  await staff.call('POST', `/api/admin/stock/${variantId}/adjust`, { set: input.stock, reason: '盤點' });
  for (const action of ['submit', 'approve', 'put_on_shelf']) {
    await staff.call('POST', `/api/admin/products/${draft.id}/transitions`, { action });
  }
  return { id: draft.id, slug: draft.slug, name: input.name, variantId } satisfies Made;
}

async function addToCart(page: Page, item: Made, quantity = 1) {
  await page.goto(`/products/${item.slug}`, { waitUntil: 'networkidle' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.name);
  if (quantity !== 1) await page.getByRole('spinbutton', { name: '數量' }).fill(String(quantity));
  await page.getByRole('button', { name: '加入購物車' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已加入購物車' })).toBeVisible();
}

const cartLink = (page: Page) => page.getByTestId('header-cart');

test.describe('cart', () => {
  const tag = runTag();
  let category: { id: string; name: string };
  let tee: Made;
  let pants: Made;
  let jacket: Made;
  let scarce: Made;
  let gone: Made;
  const code = `CART${tag}`.toUpperCase();
  const shopper = { email: uniqueEmail('cart'), password: 'cart-and-carry-2026' };

  test.beforeAll(async ({ baseURL }) => {
    const origin = baseURL ?? '';
    const request = await playwrightRequest.newContext({ baseURL });
    const registered = await request.post('/api/auth/register', {
      data: { email: shopper.email, password: shopper.password, displayName: `購物者 ${tag}` },
      headers: { origin },
    });
    expect(registered.status()).toBe(201);
    await request.post('/api/auth/logout', { headers: { origin } });

    const staff = await CatalogAdmin.signIn(request, origin);
    category = await staff.apparelCategory(tag);
    const base = { categoryId: category.id, stock: 20 };
    tee = await product(staff, { ...base, name: `購物車T恤 ${tag}`, en: `Cart tee ${tag}`, sku: `CT-${tag}`, price: 400 });
    pants = await product(staff, { ...base, name: `購物車長褲 ${tag}`, en: `Cart pants ${tag}`, sku: `CP-${tag}`, price: 500 });
    jacket = await product(staff, { ...base, name: `購物車外套 ${tag}`, en: `Cart jacket ${tag}`, sku: `CJ-${tag}`, price: 800 });
    scarce = await product(staff, { ...base, stock: 2, name: `限量帽 ${tag}`, en: `Rare cap ${tag}`, sku: `CR-${tag}`, price: 300 });
    gone = await product(staff, { ...base, stock: 0, name: `售完襪 ${tag}`, en: `Gone socks ${tag}`, sku: `CG-${tag}`, price: 150 });

    // A coupon of NT$100 off, for this run only.
    const coupon = await staff.call<{ id: string }>('POST', '/api/admin/promotions', {
      name: { 'zh-TW': `購物車折百 ${tag}`, en: `Cart 100 off ${tag}` },
      isCoupon: true,
      rule: { kind: 'order_fixed', amountOff: 100, minSubtotal: 0 },
      scope: { type: 'categories', categoryIds: [category.id] },
    });
    await staff.call('POST', `/api/admin/promotions/${coupon.id}/codes`, { type: 'single', code });
    await request.dispose();
  });

  test('a guest fills a cart, gets free shipping, signs in to the merged cart, and a new 任選 3 件 999 applies', async ({
    page,
    browser,
  }) => {
    // Two products as a guest: the header counts the units.
    await addToCart(page, tee);
    await expect(cartLink(page)).toHaveAccessibleName('購物車，1 件商品');
    await addToCart(page, pants);
    await expect(cartLink(page)).toHaveAccessibleName('購物車，2 件商品');

    await cartLink(page).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('購物車');
    await expect(page.getByTestId('cart-line')).toHaveCount(2);
    await expect(page.getByTestId('summary-subtotal')).toHaveText('$900');

    // The coupon.
    await page.getByRole('textbox', { name: '優惠碼' }).fill(code.toLowerCase());
    await page.getByRole('button', { name: '套用優惠碼' }).click();
    await expect(page.getByTestId('coupon-status')).toContainText(`已套用優惠碼 ${code}`);
    await expect(page.getByTestId('summary-coupon')).toContainText('−$100');

    // Home delivery is free from NT$1,500: 800 after the coupon leaves 700 to go.
    await page.getByRole('radio', { name: /黑貓宅急便/ }).check();
    await expect(page.getByTestId('next-step').filter({ hasText: /再買 NT\$700 即可免運/ })).toBeVisible();
    await expect(page.getByTestId('summary-shipping')).not.toContainText('免運');

    // One more product reaches it.
    await addToCart(page, jacket);
    await expect(cartLink(page)).toHaveAccessibleName('購物車，3 件商品');
    await page.goto('/cart', { waitUntil: 'networkidle' });
    await expect(page.getByTestId('cart-line')).toHaveCount(3);
    await expect(page.getByTestId('summary-shipping')).toContainText('免運');
    await expect(page.getByTestId('next-step').filter({ hasText: '即可免運' })).toHaveCount(0);
    await expect(page.getByTestId('summary-total')).toHaveText('$1,600');

    // Signing in keeps the cart: the guest cart merges into the account's, coupon and all.
    await signIn(page, shopper.email, shopper.password);
    await page.goto('/cart', { waitUntil: 'networkidle' });
    await expect(page.getByTestId('cart-line')).toHaveCount(3);
    await expect(page.getByTestId('coupon-status')).toContainText(`已套用優惠碼 ${code}`);
    await expect(cartLink(page)).toHaveAccessibleName('購物車，3 件商品');

    // Staff start 任選 3 件 999 for the category in the admin console.
    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, admin.email, admin.password);
    const promotion = `任選3件999 ${tag}`;
    await staffPage.goto('/admin/promotions/new');
    await staffPage.getByLabel('名稱（中文）').fill(promotion);
    await staffPage.getByLabel('活動類型').selectOption('bundle_price');
    await staffPage.getByLabel('件數（N）').fill('3');
    await staffPage.getByLabel('組合價（元）').fill('999');
    await staffPage.getByLabel('指定分類').check();
    await staffPage.getByLabel(category.name).check();
    await staffPage.getByRole('button', { name: '建立活動' }).click();
    await expect(staffPage.getByText('活動已建立。')).toBeVisible();
    await staffContext.close();

    // The shopper's cart applies it: 400 + 500 + 800 for 999 saves 701, and the coupon still takes 100.
    await page.reload({ waitUntil: 'networkidle' });
    const applied = page.getByTestId('summary-promotion').filter({ hasText: promotion });
    await expect(applied).toContainText('−$701');
    await expect(page.getByTestId('summary-coupon')).toContainText('−$100');
    await expect(page.getByTestId('summary-total')).toHaveText('$899');
  });

  test('quantities change in place, a shortage says what is left, a sold-out variant cannot be added', async ({ page }) => {
    test.setTimeout(90_000);
    // Sold out: the button says so and is disabled.
    await page.goto(`/products/${gone.slug}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('button', { name: '已售完' })).toBeDisabled();

    // Two left: three are refused with the figure; two go in.
    await page.goto(`/products/${scarce.slug}`, { waitUntil: 'networkidle' });
    await page.getByRole('spinbutton', { name: '數量' }).fill('3');
    await page.getByRole('button', { name: '加入購物車' }).click();
    await expect(page.getByRole('alert')).toHaveText('庫存不足：這個規格目前最多還能再加入 2 件');
    await page.getByRole('spinbutton', { name: '數量' }).fill('1');
    await page.getByRole('button', { name: '加入購物車' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已加入購物車' })).toBeVisible();
    await page.getByRole('link', { name: '查看購物車 →' }).click();

    const line = page.getByTestId('cart-line').filter({ hasText: scarce.name });
    const quantity = line.getByRole('spinbutton', { name: `「${scarce.name}」的數量` });
    await expect(quantity).toHaveValue('1');
    await line.getByRole('button', { name: `增加「${scarce.name}」的數量` }).click();
    await expect(quantity).toHaveValue('2');
    await expect(line.getByTestId('line-total')).toHaveText('$600');
    // Past what is left: refused, and the number rolls back.
    await quantity.fill('5');
    await quantity.press('Enter');
    await expect(line.getByRole('alert')).toHaveText('庫存只剩 2 件，請調整數量');
    await expect(quantity).toHaveValue('2');

    // Removing empties the cart, which points the way back.
    await line.getByRole('button', { name: `從購物車移除「${scarce.name}」` }).click();
    await expect(page.getByRole('heading', { name: '購物車是空的' })).toBeVisible();
    await expect(page.getByRole('link', { name: '逛逛全部商品' })).toBeVisible();
  });

  test('without JavaScript a guest adds to the cart and changes a quantity through the forms', async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/products/${tee.slug}`);
    await page.getByRole('spinbutton', { name: '數量' }).fill('2');
    await page.getByRole('button', { name: '加入購物車' }).click();
    await expect(page.getByText('已加入購物車')).toBeVisible();
    await expect(cartLink(page)).toHaveAccessibleName('購物車，2 件商品');
    await page.goto('/cart');
    const line = page.getByTestId('cart-line').filter({ hasText: tee.name });
    await line.getByRole('button', { name: `減少「${tee.name}」的數量` }).click();
    await expect(page.getByTestId('cart-line').filter({ hasText: tee.name }).getByRole('spinbutton')).toHaveValue('1');
    await context.close();
  });

  test('the cart and product pages at phone and desktop widths, in both languages', async ({ page }) => {
    test.setTimeout(180_000);
    await addToCart(page, tee);
    await addToCart(page, pants);
    mkdirSync('test-results/cart-screens', { recursive: true });
    for (const [prefix, lang] of [
      ['', 'zh-TW'],
      ['/en', 'en'],
    ] as const) {
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.goto(`${prefix}/products/${tee.slug}`, { waitUntil: 'networkidle' });
        await page.screenshot({ path: `test-results/cart-screens/product-${lang}-${width}.png`, fullPage: true });
        await page.goto(`${prefix}/cart`, { waitUntil: 'networkidle' });
        await expect(page.getByTestId('cart-line')).toHaveCount(2);
        await page.screenshot({ path: `test-results/cart-screens/cart-${lang}-${width}.png`, fullPage: true });
        if (width === 390) {
          // Nothing sticks out sideways on a phone.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        }
      }
    }
    await expect(page.getByRole('link', { name: 'Cart, 2 items' })).toBeVisible();
  });
});
