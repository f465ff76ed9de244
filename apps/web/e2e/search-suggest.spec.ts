import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';

// The demo catalog may or may not be loaded: one product of this run matches both queries
// (圓領 in Chinese, "shi…" in English), so the lists are never empty. Which products come first
// is the API's ranking; the tests only rely on what every suggestion must satisfy.

/** The `q` of every suggestion request the page sends, in order. */
function suggestQueries(page: Page): string[] {
  const queries: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/search/suggest') queries.push(url.searchParams.get('q') ?? '');
  });
  return queries;
}

test.describe('search suggestions', () => {
  const tag = runTag();

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const api = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await api.apparelCategory(tag, ['M']);
    await api.productOnShelf({
      categoryId: category.id,
      name: `圓領T ${tag}`,
      en: `Crew-neck shirt ${tag}`,
      skuPrefix: `SUG-${tag}`,
      variants: [['M', 390]],
    });
    await request.dispose();
  });

  test('typing 圓領 on the home page lists matching products; ArrowDown and Enter open the first', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    const box = page.getByRole('combobox', { name: '搜尋商品' });
    await expect(box).toHaveAttribute('aria-expanded', 'false');

    await box.fill('圓領');

    const list = page.getByRole('listbox', { name: '搜尋建議' });
    await expect(list).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(box).toHaveAttribute('aria-controls', (await list.getAttribute('id')) ?? '');
    const first = list.getByRole('group', { name: '商品', exact: true }).getByRole('option').first();
    await expect(first).toContainText('圓領');
    await expect(first.locator('mark').first()).toHaveText('圓領');
    await expect(list.getByRole('option', { name: '搜尋「圓領」' })).toBeVisible();
    const name = (await first.innerText()).trim();

    await box.press('ArrowDown');
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id')) ?? '');
    await box.press('Enter');

    await expect(page).toHaveURL(/\/products\/[^/?]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  });

  test('clicking a suggestion opens it', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('combobox', { name: '搜尋商品' }).fill('圓領');
    const first = page
      .getByRole('listbox', { name: '搜尋建議' })
      .getByRole('group', { name: '商品', exact: true })
      .getByRole('option')
      .first();
    await expect(first).toContainText('圓領');
    const name = (await first.innerText()).trim();

    await first.click();

    await expect(page).toHaveURL(/\/products\/[^/?]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  });

  test('in English, "shi" suggests words starting with it and asks in English', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const box = page.getByRole('combobox', { name: 'Search products' });

    const asked = page.waitForRequest((r) => r.url().includes('/api/search/suggest') && new URL(r.url()).searchParams.get('q') === 'shi');
    await box.pressSequentially('shi');
    expect(new URL((await asked).url()).searchParams.get('locale')).toBe('en');

    const list = page.getByRole('listbox', { name: 'Search suggestions' });
    const products = list.getByRole('group', { name: 'Products', exact: true }).getByRole('option');
    await expect(products.first()).toBeVisible();
    // Every product suggested has a word starting with "shi", and that prefix is what is marked.
    for (const text of await products.allInnerTexts()) expect(text).toMatch(/\bshi/i);
    await expect(products.first().locator('mark').first()).toHaveText(/^shi$/i);
    await expect(list.getByRole('option', { name: 'Search for “shi”' })).toBeVisible();
  });

  test('Escape and a click outside close the list; ArrowDown opens it again', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    const box = page.getByRole('combobox', { name: '搜尋商品' });
    const list = page.getByRole('listbox', { name: '搜尋建議' });
    await box.fill('圓領');
    await expect(list).toBeVisible();

    await box.press('Escape');
    await expect(list).toBeHidden();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toHaveValue('圓領');
    await expect(box).toBeFocused();

    await box.press('ArrowDown');
    await expect(list).toBeVisible();
    await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');

    await page.getByRole('heading', { level: 1 }).click();
    await expect(list).toBeHidden();
  });

  test('Enter with no suggestion chosen searches for the text as typed', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    const box = page.getByRole('combobox', { name: '搜尋商品' });
    await box.fill('圓領');
    await expect(page.getByRole('listbox', { name: '搜尋建議' })).toBeVisible();

    await box.press('Enter');

    await expect(page).toHaveURL(/\/products\?q=%E5%9C%93%E9%A0%98$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('「圓領」的搜尋結果');
  });

  test('one Latin letter asks nothing; nothing is asked while an input method composes', async ({ page }) => {
    const asked = suggestQueries(page);
    await page.goto('/', { waitUntil: 'networkidle' });
    const box = page.getByRole('combobox', { name: '搜尋商品' });

    await box.pressSequentially('s');
    await box.press('Backspace');
    // Zhuyin typing through Chromium's IME interface: composing 圓領, then committing it.
    await box.focus();
    const cdp = await page.context().newCDPSession(page);
    for (const text of ['ㄩ', 'ㄩㄢ', 'ㄩㄢˊ', '圓', '圓ㄌ', '圓ㄌㄧㄥ', '圓ㄌㄧㄥˇ', '圓領']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    // Well past the debounce: a question would have gone out by now.
    await page.waitForTimeout(500);
    expect(asked).toEqual([]);

    await cdp.send('Input.insertText', { text: '圓領' });

    await expect(page.getByRole('listbox', { name: '搜尋建議' })).toBeVisible();
    expect(asked).toEqual(['圓領']);
    await expect(box).toHaveValue('圓領');
  });

  test('a failing suggestion request shows nothing and leaves the search working', async ({ page }) => {
    await page.route('**/api/search/suggest?**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{}' }),
    );
    await page.goto('/', { waitUntil: 'networkidle' });
    const box = page.getByRole('combobox', { name: '搜尋商品' });

    const failed = page.waitForResponse((r) => r.url().includes('/api/search/suggest'));
    await box.fill('圓領');
    await failed;

    await expect(page.getByRole('listbox', { name: '搜尋建議' })).toBeHidden();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/products\?q=%E5%9C%93%E9%A0%98$/);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the box is a plain search form', async ({ page }) => {
      await page.goto('/', { waitUntil: 'networkidle' });
      const box = page.getByRole('searchbox', { name: '搜尋商品' });
      await box.fill('圓領');
      await box.press('Enter');
      await expect(page).toHaveURL(/\/products\?q=%E5%9C%93%E9%A0%98$/);
    });
  });
});
