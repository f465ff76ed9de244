import { expect, test } from '@playwright/test';

test.describe('language', () => {
  test('the home page is in Traditional Chinese for a first-time visitor', async ({ page }) => {
    // Playwright's browser asks for en-US; the shop still starts in zh-TW.
    await page.goto('/', { waitUntil: 'networkidle' });

    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('歡迎來到好物小舖');
    // The featured section shows products, or says they are coming when the catalog is empty.
    await expect(page.getByRole('heading', { name: '精選商品' })).toBeVisible();
    await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('switching to English shows English and stays English after a reload', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });

    await page.getByRole('button', { name: 'English' }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Goodies Shop');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Goodies Shop');

    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('歡迎來到好物小舖');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the language switch still works', async ({ page }) => {
      await page.goto('/', { waitUntil: 'networkidle' });

      await page.getByRole('button', { name: 'English' }).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Goodies Shop');
    });
  });
});
