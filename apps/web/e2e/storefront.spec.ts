import AxeBuilder from '@axe-core/playwright';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, signIn, uniqueEmail } from './helpers';

// Test data goes in through the admin API with a tag per run: e2e databases outlive runs.
const tag = runTag();
const productName = `亞麻襯衫 ${tag}`;
let category = { id: '', slug: '', name: '' };
let productSlug = '';
let productId = '';

/** A plain picture `width` pixels wide: wider than 640 and narrower than 1280, it gets 320 and 640 renditions only. */
const picture = (width: number, colour: string) =>
  sharp({ create: { width, height: width, channels: 3, background: colour } })
    .png()
    .toBuffer();

test.beforeAll(async ({ baseURL }) => {
  const request = await playwrightRequest.newContext({ baseURL });
  const api = await CatalogAdmin.signIn(request, baseURL ?? '');
  category = await api.apparelCategory(tag, ['S', 'M']);
  // Enough products in the category that the list has a first screen and more below; the shirt (with pictures) is the newest.
  for (let i = 0; i < 5; i++) {
    await api.productOnShelf({
      categoryId: category.id,
      name: `亞麻長褲 ${i} ${tag}`,
      skuPrefix: `PANT${i}-${tag}`,
      variants: [['M', 1290]],
    });
  }
  // The shirt's own two pictures go on before review (a product needs an image to be submitted).
  const product = await api.draft({
    categoryId: category.id,
    name: productName,
    en: `Linen shirt ${tag}`,
    skuPrefix: `LIN-${tag}`,
    variants: [
      ['S', 990],
      ['M', 990],
    ],
  });
  ({ slug: productSlug, id: productId } = product);
  for (const [i, colour] of ['#c0d8d0', '#203040'].entries()) {
    const res = await request.post(`/api/admin/products/${productId}/images`, {
      headers: { origin: baseURL ?? '' },
      multipart: { file: { name: `shirt-${i}.png`, mimeType: 'image/png', buffer: await picture(1000, colour) } },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  for (const action of ['submit', 'approve', 'put_on_shelf'])
    await api.call('POST', `/api/admin/products/${productId}/transitions`, { action });
  await request.dispose();
});

/** Serious and critical axe findings (WCAG 2.x A/AA, colour contrast included), as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}

test.describe('storefront on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the header keeps its words whole, and the list shows products in the first screen', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    const nav = page.getByRole('navigation', { name: '主要導覽' });
    // One line each: a link broken character by character is several lines tall.
    for (const name of ['首頁', '全部商品']) {
      const box = await nav.getByRole('link', { name }).boundingBox();
      expect(box!.height, name).toBeLessThan(40);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.goto(`/products?category=${category.slug}`, { waitUntil: 'networkidle' });
    const firstCard = page.getByRole('list', { name: '搜尋結果' }).getByRole('listitem').first();
    const box = await firstCard.boundingBox();
    expect(box!.y + 100, 'the first product starts within the first screen').toBeLessThan(844);
    // The filters are still there, after the products, and a link leads to them.
    await expect(page.getByRole('link', { name: '分類與篩選 ↓' })).toBeVisible();
    await expect(page.getByRole('complementary', { name: '篩選條件' })).toBeAttached();

    await page.goto(`/products/${productSlug}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(productName);
    const image = await page.locator('article.product .main img').boundingBox();
    expect(image!.y).toBeLessThan(844);
    expect(image!.width).toBeLessThanOrEqual(390);
  });
});

test.describe('storefront pages', () => {
  test('a category page is named after its category, with a breadcrumb and its JSON-LD', async ({ page }) => {
    await page.goto(`/products?category=${category.slug}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.name);
    await expect(page).toHaveTitle(new RegExp(`^${category.name}`));
    const crumbs = page.getByRole('navigation', { name: '頁面路徑' });
    await expect(crumbs.getByRole('link')).toHaveText(['首頁', '全部商品']);
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText(category.name);
    const ld = await page.locator('script[type="application/ld+json"]').allTextContents();
    const list = ld
      .map((text) => JSON.parse(text) as { '@type': string; itemListElement?: { name: string; position: number }[] })
      .find((d) => d['@type'] === 'BreadcrumbList');
    expect(list?.itemListElement?.map((i) => i.name)).toEqual(['首頁', '全部商品', category.name]);
  });

  test('an unknown category answers 404', async ({ page }) => {
    const res = await page.goto(`/products?category=no-such-category-${tag}`);
    expect(res?.status()).toBe(404);
  });

  test('a product page has BreadcrumbList JSON-LD, a rendition as its main image and the product name on unnamed pictures', async ({
    page,
  }) => {
    await page.goto(`/products/${productSlug}`, { waitUntil: 'networkidle' });
    const ld = (await page.locator('script[type="application/ld+json"]').allTextContents()).map(
      (t) => JSON.parse(t) as { '@type': string; itemListElement?: { name: string }[] },
    );
    expect(ld.find((d) => d['@type'] === 'BreadcrumbList')?.itemListElement?.map((i) => i.name)).toEqual([
      '首頁',
      category.name,
      productName,
    ]);

    // The upload is 1000 px wide: no 1280 rendition, and the original is not what the page loads.
    const main = page.locator('article.product .main img');
    await expect(main).toHaveAttribute('src', /-w640\.webp$/);
    expect(await main.getAttribute('srcset')).not.toMatch(/\.png/);
    const alts = await page
      .getByRole('list', { name: '商品圖片' })
      .getByRole('img')
      .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')));
    expect(alts).toEqual([`${productName}（第 1 張）`, `${productName}（第 2 張）`]);
  });

  test('the first row of the list loads its images at once, the rest when scrolled near', async ({ page }) => {
    await page.goto(`/products?category=${category.slug}&sort=newest`, { waitUntil: 'networkidle' });
    const first = page.getByRole('list', { name: '搜尋結果' }).getByRole('listitem').first();
    await expect(first).toContainText(productName);
    await expect(first.locator('img')).toHaveAttribute('loading', 'eager');
  });

  test('pages are sent compressed', async ({ request }) => {
    const res = await request.get(`/products?category=${category.slug}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers()['content-encoding']).toBe('br');
  });

  test('the home hero is readable, and it and the sign-in page promise only what the shop does', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    await expect(page.locator('.hero')).not.toContainText(/綠界|超商|宅配|退換貨/);
    // axe cannot judge text on the hero's gradient: the subtitle must be the hero's own white, not the muted grey.
    const [hero, lead] = await Promise.all(
      ['.hero', '.hero .lead'].map((s) => page.locator(s).evaluate((el) => getComputedStyle(el).color)),
    );
    expect(lead).toBe(hero);
    expect(lead).toBe('rgb(255, 255, 255)');
    await page.goto('/login', { waitUntil: 'networkidle' });
    await expect(page.locator('main')).not.toContainText('訂單');
  });
});

test.describe('keyboard and screen-reader help', () => {
  test('a skip link leads past the header to the content', async ({ page }) => {
    await page.goto('/products', { waitUntil: 'networkidle' });
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到主要內容' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    await page.keyboard.press('Tab');
    // The next stop is inside <main>, not the header's links.
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
  });

  test('a refused sign-in clears the password and moves focus to the message; the password can be shown', async ({ page }) => {
    await page.goto('/login', { waitUntil: 'networkidle' });
    await page.getByLabel('電子郵件或手機號碼').fill(uniqueEmail('nobody'));
    const password = page.getByLabel('密碼', { exact: true });
    await password.fill('not-the-password');
    await page.getByRole('button', { name: '顯示密碼' }).click();
    await expect(password).toHaveAttribute('type', 'text');
    await page.getByRole('button', { name: '隱藏密碼' }).click();
    await expect(password).toHaveAttribute('type', 'password');

    await page.getByRole('button', { name: '登入', exact: true }).click();
    const message = page.getByRole('alert');
    await expect(message).toHaveText('帳號或密碼錯誤，請再試一次');
    await expect(message).toBeFocused();
    await expect(password).toHaveValue('');
  });

  test('a form with field errors moves focus to the first of them', async ({ page }) => {
    await page.goto('/register', { waitUntil: 'networkidle' });
    await page.getByLabel('電子郵件').fill('not-an-email');
    await page.getByRole('button', { name: '建立帳號' }).click();
    await expect(page.getByLabel('電子郵件')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(':focus')).toHaveAttribute('aria-invalid', 'true');
  });
});

test.describe('automated accessibility check (axe)', () => {
  test('storefront pages have no serious or critical violations, in both languages', async ({ page }) => {
    test.setTimeout(300_000);
    const found: string[] = [];
    const check = async (label: string) => found.push(...(await seriousViolations(page)).map((v) => `${label} ${v}`));
    const shopper = { email: uniqueEmail('axe'), password: 'tea-leaves-and-mountains-42' };
    const pages = [
      '/',
      '/products',
      `/products?category=${category.slug}`,
      `/products/${productSlug}`,
      '/login',
      '/register',
      '/forgot-password',
      `/products?category=no-such-${tag}`,
    ];
    for (const path of pages) {
      await page.goto(path, { waitUntil: 'networkidle' });
      await check(path);
    }
    // Signed in: the account pages, the address book and its form.
    await page.goto('/register', { waitUntil: 'networkidle' });
    await page.getByLabel('電子郵件').fill(shopper.email);
    await page.getByLabel('密碼', { exact: true }).fill(shopper.password);
    await page.getByLabel('顯示名稱').fill('無障礙測試');
    await page.getByRole('button', { name: '建立帳號' }).click();
    await expect(page).toHaveURL(/\/account$/);
    for (const path of ['/account', '/account/addresses', '/account/addresses/new', '/account/sessions']) {
      await page.goto(path, { waitUntil: 'networkidle' });
      await check(path);
    }
    // English pages too (the switch is in the header).
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    for (const path of ['/', `/products?category=${category.slug}`, `/products/${productSlug}`, '/account/addresses/new']) {
      await page.goto(path, { waitUntil: 'networkidle' });
      await check(`en ${path}`);
    }
    expect(found).toEqual([]);
  });

  test('admin pages have no serious or critical violations', async ({ page }) => {
    test.setTimeout(300_000);
    const found: string[] = [];
    await signIn(page, admin.email, admin.password);
    for (const path of [
      '/admin',
      '/admin/products',
      `/admin/products/${productId}`,
      '/admin/products/new',
      '/admin/users',
      '/admin/categories',
      '/admin/brands',
      '/admin/attributes',
      '/admin/review',
    ]) {
      await page.goto(path, { waitUntil: 'networkidle' });
      found.push(...(await seriousViolations(page)).map((v) => `${path} ${v}`));
    }
    expect(found).toEqual([]);
  });
});
