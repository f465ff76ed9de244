import { mkdirSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, signIn, uniqueEmail } from './helpers';

// Checkout in the browser: a guest to home delivery and to a store picked on the simulator's map, a
// member to a saved address (and a double click), staff finding and cancelling an order. Test data
// goes in through the admin API with a tag per run (e2e databases outlive runs).

test.describe.configure({ timeout: 120_000 });

interface Made {
  slug: string;
  name: string;
  variantId: string;
}

async function product(
  staff: CatalogAdmin,
  input: { categoryId: string; name: string; en: string; sku: string; price: number; flags?: Record<string, boolean> },
) {
  const draft = await staff.draft({
    categoryId: input.categoryId,
    name: input.name,
    en: input.en,
    skuPrefix: input.sku,
    variants: [['M', input.price]],
    ...(input.flags ? { flags: input.flags } : {}),
  });
  await staff.addImage(draft.id);
  const detail = await staff.call<{ variants: Array<{ id: string }> }>('GET', `/api/admin/products/${draft.id}`);
  const variantId = detail.variants[0]!.id;
  await staff.call('POST', `/api/admin/stock/${variantId}/adjust`, { set: 200, reason: '盤點' });
  for (const action of ['submit', 'approve', 'put_on_shelf'])
    await staff.call('POST', `/api/admin/products/${draft.id}/transitions`, { action });
  return { slug: draft.slug, name: input.name, variantId } satisfies Made;
}

async function addToCart(page: Page, item: Made, origin = '') {
  await page.goto(`${origin}/products/${item.slug}`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: '加入購物車' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已加入購物車' })).toBeVisible();
}

/** From the cart page to the checkout, the way a shopper goes. */
async function toCheckout(page: Page, origin = '') {
  await page.goto(`${origin}/cart`, { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: '前往結帳' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '結帳' })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

async function chooseShipping(page: Page, name: RegExp) {
  await page.getByRole('radio', { name }).check();
  // The summary follows the choice (the cart is priced with it).
  await expect(page.getByTestId('summary-shipping')).not.toContainText('選擇運送方式後計算');
  await page.waitForLoadState('networkidle');
}

async function fillBuyer(page: Page, buyer: { name?: string; mobile: string; email?: string }) {
  if (buyer.name) await page.getByLabel('姓名', { exact: true }).fill(buyer.name);
  await page.getByLabel('手機號碼').first().fill(buyer.mobile);
  if (buyer.email) await page.getByRole('textbox', { name: '電子郵件' }).fill(buyer.email);
}

async function acceptTerms(page: Page) {
  await page.getByRole('checkbox', { name: /我已閱讀並同意/ }).check();
}

/** The order number on the confirmation page. */
async function placed(page: Page): Promise<string> {
  await page.waitForURL(/\/orders\/[0-9a-f-]+\/placed/);
  await expect(page.getByRole('heading', { level: 1, name: '訂單已成立' })).toBeVisible();
  const number = (await page.getByTestId('placed-order-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^\d{19}$/);
  return number;
}

test.describe('checkout', () => {
  const tag = runTag();
  let mug: Made;
  let lamp: Made;
  let vase: Made;
  let tea: Made;
  let staffApi: CatalogAdmin;
  const member = { email: uniqueEmail('checkout'), password: 'checkout-member-2026', name: `會員${tag.slice(-4)}` };

  test.beforeAll(async ({ baseURL }) => {
    const origin = baseURL ?? '';
    const request = await playwrightRequest.newContext({ baseURL });
    const staff = await CatalogAdmin.signIn(request, origin);
    const category = await staff.apparelCategory(tag);
    mug = await product(staff, {
      categoryId: category.id,
      name: `結帳馬克杯 ${tag}`,
      en: `Checkout mug ${tag}`,
      sku: `KM-${tag}`,
      price: 480,
    });
    lamp = await product(staff, {
      categoryId: category.id,
      name: `結帳檯燈 ${tag}`,
      en: `Checkout lamp ${tag}`,
      sku: `KL-${tag}`,
      price: 1200,
    });
    vase = await product(staff, {
      categoryId: category.id,
      name: `結帳花瓶 ${tag}`,
      en: `Checkout vase ${tag}`,
      sku: `KV-${tag}`,
      price: 900,
    });
    tea = await product(staff, {
      categoryId: category.id,
      name: `結帳生鮮茶葉 ${tag}`,
      en: `Checkout fresh tea ${tag}`,
      sku: `KT-${tag}`,
      price: 350,
      flags: { coolingOffExempt: true },
    });
    // Kept signed in: a test changes stock while a shopper is on the checkout page.
    staffApi = staff;

    // A member with a saved (default) address.
    const shopper = await playwrightRequest.newContext({ baseURL });
    const registered = await shopper.post('/api/auth/register', {
      data: { email: member.email, password: member.password, displayName: member.name },
      headers: { origin },
    });
    expect(registered.status()).toBe(201);
    const saved = await shopper.post('/api/users/me/addresses', {
      data: {
        recipientName: member.name,
        phone: '0922333444',
        postalCode: '407',
        city: '臺中市',
        district: '西屯區',
        line1: '臺灣大道三段 99 號',
        line2: '',
        isDefault: true,
      },
      headers: { origin },
    });
    expect(saved.status(), await saved.text()).toBe(201);
    await shopper.dispose();
  });

  test('a guest checks out with home delivery and bank transfer, and the order waits for payment', async ({ page }) => {
    await addToCart(page, mug);
    await toCheckout(page);

    // Sending an empty form names what is missing, in words.
    await page.getByTestId('place-order').click();
    await expect(page.getByText('請修正標示的欄位後再送出')).toBeVisible();
    await expect(page.getByText('請勾選同意服務條款與退換貨政策')).toBeVisible();
    await expect(page.getByText('請輸入台灣手機號碼，例如 0912345678')).toBeVisible();

    await fillBuyer(page, { name: '林小華', mobile: '0911222333', email: uniqueEmail('guest') });
    await chooseShipping(page, /黑貓宅急便/);
    await page.getByLabel('縣市').selectOption('臺北市');
    await page.getByLabel('鄉鎮市區').selectOption('中正區');
    await expect(page.getByLabel('郵遞區號')).toHaveValue('100');
    await page.getByLabel('地址', { exact: true }).fill('重慶南路一段 122 號');
    await expect(page.getByRole('radio', { name: /銀行轉帳/ })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: /優惠與新品通知/ })).not.toBeChecked();
    await expect(page.locator('#main').getByRole('link', { name: '服務條款' })).toHaveAttribute('href', '/terms');
    await expect(page.locator('#main').getByRole('link', { name: '退換貨政策' })).toHaveAttribute('href', '/returns');
    await acceptTerms(page);
    await page.getByTestId('place-order').click();

    const number = await placed(page);
    await expect(page.getByText(/請於付款期限前匯款/)).toBeVisible();
    await expect(page.getByTestId('countdown')).toContainText('付款期限');
    await expect(page.getByRole('timer')).toContainText(/剩餘 \d{2}:\d{2}/);

    await page.getByTestId('view-order').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`訂單 ${number}`);
    await expect(page.getByTestId('order-status').first()).toHaveText('待付款');
    await expect(page.getByTestId('order-address')).toHaveText('100 臺北市中正區重慶南路一段 122 號');
    await expect(page.getByTestId('order-item')).toContainText(mug.name);
    await expect(page.getByTestId('order-timeline')).toContainText('待付款');

    // The cart is empty now.
    await page.goto('/cart', { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { name: '購物車是空的' })).toBeVisible();
  });

  test('a product without the 7-day cooling-off return says so on its page and at checkout, before the order is placed', async ({
    page,
  }) => {
    await addToCart(page, tea);
    await expect(page.getByText('此商品不適用七天鑑賞期（七日無條件退貨）。')).toBeVisible();
    await addToCart(page, mug);
    await toCheckout(page);
    const notice = page.getByTestId('cooling-off');
    await expect(notice.getByRole('heading', { name: '不適用七天鑑賞期的商品' })).toBeVisible();
    await expect(notice.getByRole('listitem')).toHaveText([tea.name]);
    // Shown above the consent and the button that places the order.
    const noticeBox = await notice.boundingBox();
    const buttonBox = await page.getByTestId('place-order').boundingBox();
    expect(noticeBox!.y).toBeLessThan(buttonBox!.y);

    await page.goto('/en/checkout', { waitUntil: 'networkidle' });
    await expect(
      page.getByTestId('cooling-off').getByRole('heading', { name: 'Items without the 7-day cooling-off return' }),
    ).toBeVisible();
    await expect(page.getByTestId('cooling-off').getByRole('listitem')).toHaveText([`Checkout fresh tea ${tag}`]);
  });

  test('a guest picks a pickup store on the map and finds the order again by its number', async ({ page, baseURL, browser }) => {
    // The map replies to the shop's public address (localhost by default): the visit stays on it.
    const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    await addToCart(page, mug, origin);
    await toCheckout(page, origin);
    const email = uniqueEmail('pickup');
    await chooseShipping(page, /7-ELEVEN 超商取貨/);
    await page.getByRole('button', { name: '選擇取貨門市' }).click();

    await expect(page.getByRole('heading', { name: '7-ELEVEN 門市查詢' })).toBeVisible();
    await page.getByLabel('縣市').selectOption('臺北市');
    await page.getByLabel('鄉鎮市區').selectOption('中正區');
    await page.getByLabel('門市名稱、地址或店號').fill('鑫台北');
    await page.getByRole('button', { name: /鑫台北門市/ }).click();

    await page.waitForURL(/\/checkout(\?|$)/);
    await expect(page.getByText('已選擇 鑫台北門市（店號 131386）')).toBeVisible();
    await expect(page.getByRole('radio', { name: /7-ELEVEN 超商取貨/ })).toBeChecked();
    await fillBuyer(page, { name: '張小美', mobile: '0933444555', email });
    await acceptTerms(page);
    await page.getByTestId('place-order').click();
    const number = await placed(page);

    await page.getByTestId('view-order').click();
    await expect(page.getByTestId('order-store')).toContainText('鑫台北門市（131386）');
    await expect(page.getByTestId('order-status').first()).toHaveText('待付款');

    // Another browser finds it by number, email and mobile.
    const other = await browser.newPage();
    await other.goto('/orders/lookup', { waitUntil: 'networkidle' });
    await other.getByLabel('訂單編號').fill(number);
    await other.getByLabel('電子郵件').fill(email);
    await other.getByLabel('手機號碼').fill('0911000000');
    await other.getByRole('button', { name: '查詢' }).click();
    await expect(other.getByRole('alert')).toBeVisible();
    await other.getByLabel('手機號碼').fill('0933444555');
    await other.getByRole('button', { name: '查詢' }).click();
    await expect(other.getByRole('heading', { level: 1 })).toHaveText(`訂單 ${number}`);
    await other.close();
  });

  test('a changed total asks to confirm the new figures; a line sold out meanwhile is named', async ({ page, context }) => {
    await addToCart(page, vase);
    await toCheckout(page);
    await fillBuyer(page, { name: '吳小安', mobile: '0955666777', email: uniqueEmail('changed') });
    await chooseShipping(page, /黑貓宅急便/);
    await page.getByLabel('縣市').selectOption('新北市');
    await page.getByLabel('鄉鎮市區').selectOption('板橋區');
    await page.getByLabel('地址', { exact: true }).fill('文化路一段 1 號');
    await acceptTerms(page);

    // Another tab adds to the same cart while this page still shows the old total.
    const other = await context.newPage();
    await addToCart(other, mug);
    await other.close();
    await page.getByTestId('place-order').click();
    await expect(page.getByTestId('price-changed')).toContainText('$1,510');
    await expect(page.getByTestId('summary-total')).toHaveText('$1,510');
    await expect(page.getByTestId('place-order')).toContainText('確認並送出訂單 $1,510');

    // Meanwhile the vase sells out: the refusal names it.
    await staffApi.call('POST', `/api/admin/stock/${vase.variantId}/adjust`, { set: 0, reason: '盤點' });
    await page.getByTestId('place-order').click();
    await expect(page.getByTestId('shortage')).toContainText(`${vase.name}：已售完`);
    await staffApi.call('POST', `/api/admin/stock/${vase.variantId}/adjust`, { set: 200, reason: '盤點' });

    // With stock back, confirming places the order at the new total (items NT$1,380 and shipping NT$130).
    await page.getByTestId('place-order').click();
    await placed(page);
    await expect(page.getByText('$1,510').first()).toBeVisible();
  });

  test('a member checks out to a saved address; a double click places one order', async ({ page }) => {
    await signIn(page, member.email, member.password);
    await addToCart(page, lamp);
    await toCheckout(page);

    // Prefilled from the account; the default address chosen.
    await expect(page.getByLabel('姓名', { exact: true })).toHaveValue(member.name);
    await expect(page.getByRole('textbox', { name: '電子郵件' })).toHaveValue(member.email);
    await fillBuyer(page, { mobile: '0922333444' });
    await chooseShipping(page, /黑貓宅急便/);
    await expect(page.getByRole('radio', { name: /407 臺中市西屯區臺灣大道三段 99 號/ })).toBeChecked();
    await acceptTerms(page);
    await page.getByTestId('place-order').dblclick();
    const number = await placed(page);

    await page.goto('/orders', { waitUntil: 'networkidle' });
    await expect(page.getByTestId('order-number')).toHaveCount(1);
    await expect(page.getByTestId('order-number')).toHaveText(number);
    await expect(page.getByTestId('order-list')).toContainText('待付款');
    await page.getByRole('link', { name: new RegExp(number) }).click();
    await expect(page.getByTestId('order-address')).toHaveText('407 臺中市西屯區臺灣大道三段 99 號');

    // Filtered by another status, the list is empty.
    await page.goto('/orders?status=cancelled', { waitUntil: 'networkidle' });
    await expect(page.getByText('沒有這個狀態的訂單')).toBeVisible();
  });

  test('staff find the member’s order and cancel it with a reason', async ({ page }) => {
    await signIn(page, admin.email, admin.password);
    await page.goto(`/admin/orders?email=${encodeURIComponent(member.email)}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1, name: '訂單' })).toBeVisible();
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2); // the header and the one order
    await expect(rows.nth(1)).toContainText('待付款');
    const csv = await page.request.get((await page.getByTestId('orders-csv').getAttribute('href')) ?? '');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(member.email);
    await rows.nth(1).getByRole('link').click();

    await expect(page.getByRole('button', { name: '改為「已付款」' })).toBeVisible();
    await page.getByRole('button', { name: '取消訂單' }).click();
    await expect(page.getByText('請填寫取消原因')).toBeVisible();
    await page.getByLabel('取消原因').fill('顧客來電取消');
    await page.getByRole('button', { name: '取消訂單' }).click();
    await expect(page.getByText('訂單已取消', { exact: true })).toBeVisible();
    await expect(page.getByTestId('order-status').first()).toHaveText('已取消');
    await expect(page.getByTestId('order-timeline')).toContainText('顧客來電取消');

    await page.goto(`/admin/orders?email=${encodeURIComponent(member.email)}&status=cancelled`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
  });

  test('screenshots of the checkout, an order and the staff list at 1366 and 390 wide', async ({ browser, baseURL }) => {
    mkdirSync('test-results', { recursive: true });
    const shopper = await browser.newPage();
    await addToCart(shopper, mug);
    await toCheckout(shopper);
    await chooseShipping(shopper, /黑貓宅急便/);
    const staff = await browser.newPage();
    await signIn(staff, admin.email, admin.password);
    await staff.goto('/admin/orders', { waitUntil: 'networkidle' });
    const firstOrder = await staff.getByRole('table').getByRole('row').nth(1).getByRole('link').getAttribute('href');
    expect(firstOrder).toBeTruthy();

    for (const width of [1366, 390]) {
      for (const [locale, prefix] of [
        ['zh-TW', ''],
        ['en', '/en'],
      ] as const) {
        for (const [who, path, name] of [
          [shopper, '/checkout', 'checkout'],
          [staff, firstOrder!, 'order'],
          [staff, '/admin/orders', 'admin-orders'],
        ] as const) {
          await who.setViewportSize({ width, height: 900 });
          // The admin console has no /en prefix: its language follows the language cookie.
          if (path.startsWith('/admin'))
            await who.request.post('/lang', { form: { to: locale, redirect: path }, headers: { origin: baseURL ?? '' }, maxRedirects: 0 });
          await who.goto(path.startsWith('/admin') ? path : `${prefix}${path}`, { waitUntil: 'networkidle' });
          await who.screenshot({ path: `test-results/pages-${name}-${locale}-${width}.png`, fullPage: true });
        }
      }
    }
    await shopper.close();
    await staff.close();
  });
});
