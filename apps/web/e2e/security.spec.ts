import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { admin, signIn } from './helpers';

const noFollow = { maxRedirects: 0 } as const;

/** A product slug from the storefront list, to visit its page. */
async function someProductPath(request: APIRequestContext): Promise<string> {
  const html = await (await request.get('/products')).text();
  const path = /href="(\/products\/[^"?#]+)"/.exec(html)?.[1];
  expect(path, 'the product list links to a product').toBeTruthy();
  return path!;
}

test.describe('a forged Host header', () => {
  test('neither ends up in the page nor sends the page loads to that host', async ({ request }) => {
    const productPath = await someProductPath(request);
    for (const path of ['/', '/products', productPath, '/en/products']) {
      const response = await request.get(path, { headers: { host: 'evil.example' } });
      expect(response.status(), path).toBe(200);
      const html = await response.text();
      expect(html, path).not.toContain('evil.example');
      // evil.example resolves nowhere: products on the page mean the server asked its own API.
      expect(html, path).toMatch(/href="(\/en)?\/products\/[^"?]+"/);
    }
    const html = await (await request.get(productPath, { headers: { host: 'evil.example' } })).text();
    expect(html).toMatch(/<link rel="canonical" href="http:\/\/localhost:\d+\/products\//);
    expect(html).toMatch(/<meta property="og:url" content="http:\/\/localhost:\d+\/products\//);
  });
});

test.describe('the way back after signing in or switching language', () => {
  const escapes = ['/.//evil.example', '/..//evil.example', '/%2e//evil.example', '/./\\evil.example'];

  test('never leads to another host, signed in or after the form', async ({ page, baseURL }) => {
    const origin = baseURL ?? '';
    for (const target of escapes) {
      const login = await page.request.post(`/login?redirect=${encodeURIComponent(target)}`, {
        ...noFollow,
        form: { identifier: admin.email, password: admin.password, redirect: target },
        // A browser's plain form post (without accept: text/html, SvelteKit answers enhance's JSON).
        headers: { origin, accept: 'text/html' },
      });
      expect(login.status(), target).toBe(303);
      expect(new URL(login.headers().location ?? '', origin).origin, target).toBe(origin);

      const lang = await page.request.post('/lang', {
        ...noFollow,
        form: { to: 'zh-TW', redirect: target },
        headers: { origin, accept: 'text/html' },
      });
      expect(lang.status(), target).toBe(303);
      expect(new URL(lang.headers().location ?? '', origin).origin, target).toBe(origin);
    }

    // Signed in now (the posts above share the page's cookies): the login page sends the visitor on at once.
    for (const target of escapes) {
      const visit = await page.request.get(`/login?redirect=${encodeURIComponent(target)}`, noFollow);
      expect(visit.status(), target).toBe(303);
      expect(new URL(visit.headers().location ?? '', origin).origin, target).toBe(origin);
    }
    // A browser following it stays on the shop.
    await page.goto(`/login?redirect=${encodeURIComponent('/.//evil.example')}`);
    expect(new URL(page.url()).origin).toBe(origin);
  });
});

test.describe('security headers', () => {
  async function expectPageHeaders(headers: Record<string, string>, what: string) {
    expect(headers['content-security-policy'], what).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options'], what).toBe('DENY');
    expect(headers['x-content-type-options'], what).toBe('nosniff');
    expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy'], what).toContain('camera=()');
  }

  test('every page forbids framing and foreign scripts; signed-in pages are not cached', async ({ page, request }) => {
    for (const path of ['/', '/products', '/en/products', '/login']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      await expectPageHeaders(response.headers(), path);
      expect(response.headers()['cache-control'] ?? '', path).not.toContain('no-store');
      // Served over plain http here: no HSTS, which would pin a local instance to https.
      expect(response.headers()['strict-transport-security'], path).toBeUndefined();
    }

    await signIn(page, admin.email, admin.password);
    for (const path of ['/admin', '/account', '/products']) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      await expectPageHeaders(response.headers(), path);
      expect(response.headers()['cache-control'], path).toBe('no-store');
    }
  });

  test('the pages work under the policy: nothing is blocked', async ({ page, request }) => {
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) blocked.push(message.text());
    });
    const productPath = await someProductPath(request);
    for (const path of ['/', '/products', productPath]) {
      await page.goto(path, { waitUntil: 'networkidle' });
    }
    // Client-side navigation and the search box's suggestions (fetch) run too.
    await page.getByRole('link', { name: '全部商品' }).first().click();
    await expect(page).toHaveURL(/\/products$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('全部商品');
    await page.getByRole('combobox', { name: '搜尋商品' }).fill('圓領');
    await expect(page.getByRole('listbox', { name: '搜尋建議' })).toBeVisible();
    await expectImagesLoaded(page);
    expect(blocked).toEqual([]);
  });
});

async function expectImagesLoaded(page: Page) {
  const broken = await page
    .locator('img')
    .evaluateAll((images) =>
      (images as HTMLImageElement[])
        .filter((img) => img.complete && img.naturalWidth === 0 && img.currentSrc !== '')
        .map((img) => img.currentSrc),
    );
  expect(broken).toEqual([]);
}

test.describe('the server-side API calls', () => {
  test('work for a visitor on another address of the shop than the public URL', async ({ page, baseURL }) => {
    // The pages call the API at 127.0.0.1 (its own address); the visitor uses another name for the
    // shop, as one on a LAN address would. Signing in and saving the profile are writes whose Origin the API checks.
    const other = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    await page.goto(`${other}/login`, { waitUntil: 'networkidle' });
    await page.getByLabel('電子郵件或手機號碼').fill(admin.email);
    await page.getByLabel('密碼', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: '登入' }).click();
    await expect(page.getByRole('button', { name: '登出' })).toBeVisible();

    await page.goto(`${other}/account`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: '儲存變更' }).first().click();
    await expect(page.getByText('個人資料已更新。')).toBeVisible();
  });
});
