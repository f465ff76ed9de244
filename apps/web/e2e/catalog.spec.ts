import { expect, request as playwrightRequest, test, type Browser } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, signIn, uniqueEmail } from './helpers';

/** An 8×8 PNG. */
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4EaCBFTEMLQkAaplQAc/OcKAAAAAASUVORK5CYII=';

// Test data goes in through the admin API (the demo catalog may or may not be loaded), with a tag
// per run in names, slugs and SKUs: e2e databases outlive runs.

async function newSignedInPage(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who.email, who.password);
  return { page, close: () => context.close() };
}

test.describe('catalog: staff create, review and publish', () => {
  const tag = runTag();
  const ops = { email: uniqueEmail('ops'), password: 'shelves-and-labels-2026' };
  let category: { id: string; name: string };

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const origin = baseURL ?? '';
    const registered = await request.post('/api/auth/register', {
      data: { email: ops.email, password: ops.password, displayName: `Ops ${tag}` },
      headers: { origin },
    });
    expect(registered.status()).toBe(201);
    const { user } = (await registered.json()) as { user: { id: string } };
    await request.post('/api/auth/logout', { headers: { origin } });
    const api = await CatalogAdmin.signIn(request, origin);
    await api.call('POST', `/api/admin/users/${user.id}/roles`, { role: 'ops' });
    category = await api.apparelCategory(tag);
    await request.dispose();
  });

  test('an ops user creates a product with two variants and submits it; an admin approves it and puts it on the shelf', async ({
    browser,
  }) => {
    const name = `素面圓領T ${tag}`;
    const staff = await newSignedInPage(browser, ops);
    const page = staff.page;

    await page.goto('/admin', { waitUntil: 'networkidle' });
    await page.getByRole('navigation', { name: '後台選單' }).getByRole('link', { name: '商品', exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/products$/);
    await page.getByRole('link', { name: '新增商品' }).first().click();

    // The category comes first: it decides the attribute fields.
    await page.getByLabel('分類').selectOption({ label: category.name });
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByLabel('名稱（中文）').fill(name);
    await page.getByLabel('名稱（英文）').fill(`Plain crew tee ${tag}`);
    await page.getByRole('textbox', { name: '材質 （選填）' }).fill('有機棉');
    await page.getByLabel('第 1 列 SKU').fill(`OPS-${tag}-S`);
    await page.getByLabel('第 1 列尺寸').selectOption('S');
    await page.getByLabel('第 1 列售價').fill('490');
    await page.getByRole('button', { name: '新增規格' }).click();
    await page.getByLabel('第 2 列 SKU').fill(`OPS-${tag}-L`);
    await page.getByLabel('第 2 列尺寸').selectOption('L');
    await page.getByLabel('第 2 列售價').fill('520');
    await page.getByLabel('第 2 列原價').fill('650');
    await page.getByRole('button', { name: '建立草稿' }).click();

    await expect(page).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}/);
    await expect(page.getByRole('status')).toHaveText('已建立草稿。');
    await expect(page.getByLabel('第 2 列 SKU')).toHaveValue(`OPS-${tag}-L`);
    const productUrl = new URL(page.url()).pathname;

    // An image, through the multipart form.
    await page.getByLabel('圖片檔案').setInputFiles({ name: 'tee.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await page.getByRole('button', { name: '上傳圖片' }).click();
    await expect(page.getByRole('region', { name: '商品圖片' }).getByRole('img')).toHaveCount(1);

    // Ops may not approve: only submit is offered.
    await expect(page.getByRole('button', { name: '核准' })).toHaveCount(0);
    await page.getByRole('button', { name: '送審' }).click();
    await expect(page.getByRole('status')).toContainText('待審核');
    // The operation log lists the creation and the submission.
    await expect(page.getByRole('table', { name: '操作紀錄' })).toContainText('送審');
    await staff.close();

    const approver = await newSignedInPage(browser, admin);
    const adminPage = approver.page;
    await adminPage.goto('/admin/review', { waitUntil: 'networkidle' });
    await adminPage.getByRole('article', { name }).getByRole('link', { name: '開啟商品頁' }).click();
    await expect(adminPage).toHaveURL(new RegExp(`${productUrl}$`));
    await adminPage.getByRole('button', { name: '核准' }).click();
    await expect(adminPage.getByRole('status')).toContainText('已核准');
    await adminPage.getByRole('button', { name: '上架', exact: true }).click();
    await expect(adminPage.getByRole('status')).toContainText('上架中');
    await approver.close();

    // Anyone finds it in the shop now.
    const shopper = await browser.newContext();
    const shop = await shopper.newPage();
    await shop.goto(`/products?q=${encodeURIComponent(tag)}`, { waitUntil: 'networkidle' });
    await shop.getByRole('link', { name }).click();
    await expect(shop.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(shop.getByTestId('sku')).toHaveText(`OPS-${tag}-S`);
    await expect(shop.locator('article.product .main img')).toHaveAttribute('src', /^\/media\//);
    await shopper.close();
  });
});

test.describe('catalog: shopping', () => {
  const tag = runTag();
  const name = `圓領棉T ${tag}`;
  let productSlug = '';

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const api = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await api.apparelCategory(tag, ['S', 'M', 'L']);
    ({ slug: productSlug } = await api.productOnShelf({
      categoryId: category.id,
      name,
      en: `Crew neck cotton tee ${tag}`,
      skuPrefix: `TEE-${tag}`,
      variants: [
        ['S', 390],
        ['L', 450],
      ],
    }));
    // Found by 圓領 too, but has no size L.
    await api.productOnShelf({ categoryId: category.id, name: `圓領背心 ${tag}`, skuPrefix: `VEST-${tag}`, variants: [['M', 290]] });
    await request.dispose();
  });

  test('a shopper searches 圓領 from the home page, filters by size, opens a product and switches its variant', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('search').getByLabel('搜尋商品').fill('圓領');
    await page.getByRole('search').getByRole('button', { name: '搜尋' }).click();
    await expect(page).toHaveURL(/\/products\?q=%E5%9C%93%E9%A0%98/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('「圓領」的搜尋結果');
    // The match is highlighted.
    await expect(page.getByRole('list', { name: '搜尋結果' }).locator('mark').first()).toHaveText('圓領');

    // Size L: the vest (M only) drops out. The newest first, so this run's products are on page 1.
    await page.getByRole('group', { name: '尺寸' }).getByRole('checkbox', { name: /^L\b/ }).check();
    await expect(page).toHaveURL(/attr=size%3AL/);
    await page.getByLabel('排序').selectOption('newest');
    await expect(page).toHaveURL(/sort=newest/);
    const results = page.getByRole('list', { name: '搜尋結果' });
    await expect(results.getByRole('link', { name })).toBeVisible();
    await expect(results.getByRole('link', { name: `圓領背心 ${tag}` })).toHaveCount(0);

    await results.getByRole('link', { name }).click();
    await expect(page).toHaveURL(new RegExp(`/products/${encodeURI(productSlug)}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    const info = page.locator('article.product');
    await expect(page.getByTestId('sku')).toHaveText(`TEE-${tag}-S`);
    await expect(info.getByTestId('price').first()).toContainText('390');
    // No stock was received for it: sold out, so nothing can be added.
    await expect(page.getByRole('button', { name: '已售完' })).toBeDisabled();

    await page.getByRole('group', { name: '尺寸' }).getByRole('link', { name: 'L', exact: true }).click();
    await expect(page.getByTestId('sku')).toHaveText(`TEE-${tag}-L`);
    await expect(info.getByTestId('price').first()).toContainText('450');
    await expect(page).toHaveURL(/\?variant=[0-9a-f-]{36}/);

    // The same address without JS renders that variant.
    const html = await (await page.request.get(page.url())).text();
    expect(html).toContain(`TEE-${tag}-L</span>`);
    // SEO: canonical and Product JSON-LD with TWD offers.
    expect(html).toMatch(/<link rel="canonical" href="[^"]+\/products\//);
    expect(html).toContain('"@type":"Product"');
    expect(html).toContain('"priceCurrency":"TWD"');
  });
});

test.describe('catalog: taxonomy pages', () => {
  test('an admin adds categories, reorders, edits and moves them in the tree, adds a brand and an attribute, each confirmed', async ({
    page,
  }) => {
    const tag = runTag();
    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/categories', { waitUntil: 'networkidle' });
    for (const name of [`甲 ${tag}`, `乙 ${tag}`, `丙 ${tag}`]) {
      const create = page.getByRole('region').filter({ has: page.getByRole('heading', { name: '新增分類' }) });
      await create.getByLabel('名稱（中文）').fill(name);
      await create.getByRole('button', { name: '新增' }).click();
      await expect(page.getByRole('status')).toHaveText(`已新增分類「${name}」。`);
    }
    // The tree shows names, not a form per category: editing opens inline.
    await expect(page.getByLabel(`甲 ${tag} 的中文名稱`)).toBeHidden();
    // 丙 is last among the top level; ↑ puts it before 乙.
    await page.getByRole('button', { name: `將 丙 ${tag} 上移` }).click();
    await expect(page.getByRole('status')).toHaveText(`已調整「丙 ${tag}」的順序。`);
    const names = page.locator('.tree > li > .node > .name');
    await expect(async () => {
      const all = await names.allTextContents();
      expect(all.indexOf(`丙 ${tag}`)).toBe(all.indexOf(`乙 ${tag}`) - 1);
    }).toPass();

    // Inline edit: rename 丙 in English and move it under 乙.
    await page.getByLabel(`編輯 丙 ${tag}`).click();
    await page.getByLabel(`丙 ${tag} 的英文名稱`).fill(`C ${tag}`);
    await page.getByLabel(`丙 ${tag} 的上層分類`).selectOption({ label: `乙 ${tag}` });
    await page.getByLabel(`丙 ${tag} 的上層分類`).locator('xpath=ancestor::form').getByRole('button', { name: '儲存' }).click();
    await expect(page.getByRole('status')).toHaveText(`已將「丙 ${tag}」移到「乙 ${tag}」底下。`);
    // Now a subcategory (nested list), showing its English name.
    await expect(page.locator('.tree .tree > li > .node > .name', { hasText: `丙 ${tag}` })).toHaveCount(1);
    await expect(page.locator('.node > .en', { hasText: `C ${tag}` })).toBeVisible();

    await page.getByRole('navigation', { name: '後台選單' }).getByRole('link', { name: '品牌' }).click();
    // The categories page has the same field: wait for the brands page before typing.
    await expect(page.getByRole('heading', { name: '新增品牌' })).toBeVisible();
    await page.getByLabel('名稱（中文）').first().fill(`品牌 ${tag}`);
    await page.getByRole('button', { name: '新增' }).click();
    await expect(page.getByRole('status')).toHaveText(`已新增品牌「品牌 ${tag}」。`);
    await expect(async () => {
      const all = await page
        .locator('.list input[name="name.zh-TW"]')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      expect(all).toContain(`品牌 ${tag}`);
    }).toPass();

    await page.getByRole('navigation', { name: '後台選單' }).getByRole('link', { name: '屬性' }).click();
    await expect(page).toHaveURL(/\/admin\/attributes/);
    await page.getByLabel('分類').selectOption({ label: `甲 ${tag}` });
    await expect(page).toHaveURL(/category=/);
    await page.getByLabel('代碼').fill('color');
    await page.getByLabel('名稱（中文）').fill('顏色');
    await page.getByLabel('用途').selectOption('sales');
    await page.getByLabel('型別').selectOption('enum');
    await page.getByLabel('可選值').fill('red|紅|Red\nblue|藍|Blue');
    await page.getByRole('button', { name: '新增' }).click();
    await expect(page.getByRole('status')).toHaveText('已新增屬性。');
    await expect(page.getByRole('table', { name: '屬性' })).toContainText('red, blue');
  });
});
