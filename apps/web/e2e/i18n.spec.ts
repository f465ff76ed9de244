import { expect, test } from '@playwright/test';
import { signOut, uniqueEmail } from './helpers';

test.describe('language', () => {
  test('the home page is in Traditional Chinese for a first-time visitor', async ({ page }) => {
    // The test browser asks for zh-TW (playwright.config.ts).
    await page.goto('/', { waitUntil: 'networkidle' });

    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('歡迎來到好物小舖');
    // The featured section shows products, or says they are coming when the catalog is empty.
    await expect(page.getByRole('heading', { name: '精選商品' })).toBeVisible();
    await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('switching to English goes to the English address of the same page, and back', async ({ page }) => {
    await page.goto('/products?sort=newest', { waitUntil: 'networkidle' });

    await page.getByRole('button', { name: 'English' }).click();

    await expect(page).toHaveURL(/\/en\/products\?sort=newest$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All products');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' })).toHaveAttribute(
      'href',
      '/en',
    );

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All products');

    await page.getByRole('button', { name: '中文' }).click();
    await expect(page).toHaveURL(/\/products\?sort=newest$/);
    expect(new URL(page.url()).pathname).toBe('/products');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('全部商品');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
  });

  test('English pages link to English pages, and each page names both addresses', async ({ page, request }) => {
    await page.goto('/en', { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Goodies Shop');

    const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.filter((href) => href !== '/en' && !href.startsWith('/en/') && !href.startsWith('/en?'))).toEqual([]);

    // A product page, opened from the English list, is the English one.
    await page.goto('/en/products', { waitUntil: 'networkidle' });
    await page.locator('main a[href^="/en/products/"]').first().click();
    await expect(page).toHaveURL(/\/en\/products\/[^/?]+/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const path = new URL(page.url()).pathname.replace(/^\/en/, '');

    // Both languages name each other (absolute public URLs), zh-TW being the default.
    const html = await (await request.get(path)).text();
    expect(html).toMatch(new RegExp(`<link rel="alternate" hreflang="zh-Hant-TW" href="http://[^"]+${path}"`));
    expect(html).toMatch(new RegExp(`<link rel="alternate" hreflang="en" href="http://[^"]+/en${path}"`));
    expect(html).toMatch(new RegExp(`<link rel="alternate" hreflang="x-default" href="http://[^"]+${path}"`));
    const english = await (await request.get(`/en${path}`)).text();
    expect(english).toMatch(new RegExp(`<link rel="canonical" href="http://[^"]+/en${path}"`));
    expect(english).toMatch(new RegExp(`<link rel="alternate" hreflang="zh-Hant-TW" href="http://[^"]+${path}"`));
  });

  test('the admin console keeps one address in both languages', async ({ request }) => {
    const response = await request.get('/en/admin', { maxRedirects: 0 });
    expect(response.status()).toBe(308);
    expect(response.headers().location).toBe('/admin');
  });

  test.describe('a browser asking for English', () => {
    test.use({ locale: 'en-US' });

    test('is sent to the English pages on its first visit only', async ({ page }) => {
      await page.goto('/products?sort=newest', { waitUntil: 'networkidle' });

      await expect(page).toHaveURL(/\/en\/products\?sort=newest$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('All products');

      // Choosing Chinese sticks, whatever the browser asks for.
      await page.getByRole('button', { name: '中文' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('全部商品');
      await page.goto('/', { waitUntil: 'networkidle' });
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('歡迎來到好物小舖');
    });
  });

  test('signing in switches to the language chosen in the profile', async ({ page }) => {
    const email = uniqueEmail('english-reader');
    const password = 'tea-leaves-and-mountains-42';
    await page.goto('/register', { waitUntil: 'networkidle' });
    await page.getByLabel('電子郵件').fill(email);
    await page.getByLabel('密碼', { exact: true }).fill(password);
    await page.getByLabel('顯示名稱').fill('Mei');
    await page.getByRole('button', { name: '建立帳號' }).click();
    await expect(page).toHaveURL(/\/account$/);

    // Saving English as the preferred language shows the account in English right away.
    await page.getByLabel('偏好語言').selectOption('en');
    await page.getByRole('button', { name: '儲存變更' }).first().click();
    await expect(page).toHaveURL(/\/en\/account\?saved=profile$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile');

    // Back in Chinese, signed out, then signed in again from a Chinese page: English again.
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('個人資料');
    expect(new URL(page.url()).pathname).toBe('/account');
    await signOut(page);
    await page.goto('/login?redirect=%2Fproducts', { waitUntil: 'networkidle' });
    await page.getByLabel('電子郵件或手機號碼').fill(email);
    await page.getByLabel('密碼', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登入' }).click();

    await expect(page).toHaveURL(/\/en\/products$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All products');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the language switch still works', async ({ page }) => {
      await page.goto('/', { waitUntil: 'networkidle' });

      await page.getByRole('button', { name: 'English' }).click();

      await expect(page).toHaveURL(/\/en$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Goodies Shop');
    });
  });
});
