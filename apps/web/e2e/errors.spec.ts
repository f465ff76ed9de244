import { expect, test, type Page } from '@playwright/test';

/** Text a stack trace or server internals would leave on the page. */
async function expectNoInternals(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\bat .+:\d+:\d+/); // stack frame "at fn (file.js:1:2)"
  expect(text).not.toMatch(/node_modules|\.svelte-kit|Error:|\.js:\d+/);
}

test.describe('error pages', () => {
  test('an unknown address shows a Chinese not-found page with a way home', async ({ page }) => {
    const response = await page.goto('/no-such-page');

    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到這個頁面');
    await expect(page.getByText('網址可能有誤，或頁面已經移除。')).toBeVisible();
    await expectNoInternals(page);

    await page.getByRole('link', { name: '回到首頁' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('歡迎來到好物小舖');
  });

  test('the not-found page follows the chosen language', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    // English pages live under /en, a missing one too.
    const response = await page.goto('/en/no-such-page');

    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByRole('link', { name: 'Back to home' })).toHaveAttribute('href', '/en');
    await expectNoInternals(page);
  });

  test('a refused request shows the plain error page without internals', async ({ page, baseURL }) => {
    // A tampered language form: the endpoint refuses it with 400.
    await page.goto('/', { waitUntil: 'networkidle' });
    const response = await page.request.post('/lang', {
      form: { to: 'xx' },
      headers: { origin: baseURL ?? '', accept: 'text/html' },
    });
    expect(response.status()).toBe(400);

    await page.setContent(await response.text());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('無法完成請求');
    await expect(page.getByRole('link', { name: /回到首頁/ })).toHaveAttribute('href', '/');
    await expectNoInternals(page);
  });
});
