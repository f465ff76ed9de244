import { expect, request as playwrightRequest, test } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, signIn } from './helpers';

// Attributes as shoppers see them (option labels, text in both languages) and as staff edit them
// (definitions, the variant matrix, weights). Test data goes in through the admin API with a tag per
// run: e2e databases outlive runs.

const colours = [
  ['black', '黑色', 'Black'],
  ['navy', '海軍藍', 'Navy'],
] as const;

/** A category with a `color` (enum, labelled) and `size` sales attribute and a text `material`. */
async function colourCategory(api: CatalogAdmin, tag: string) {
  const category = await api.apparelCategory(tag, ['S', 'M']);
  const color = await api.call<{ id: string }>('POST', '/api/admin/attributes', {
    categoryId: category.id,
    code: 'color',
    kind: 'sales',
    type: 'enum',
    required: true,
    label: { 'zh-TW': '顏色', en: 'Colour' },
    allowedValues: colours.map(([value, zh, en]) => ({ value, label: { 'zh-TW': zh, en } })),
  });
  return { ...category, colorId: color.id };
}

test.describe('catalog attributes on the product page', () => {
  const tag = runTag();
  let slug = '';

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const api = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await colourCategory(api, tag);
    const product = await api.call<{ id: string; slug: string }>('POST', '/api/admin/products', {
      name: { 'zh-TW': `素面T恤 ${tag}`, en: `Plain tee ${tag}` },
      primaryCategoryId: category.id,
      basicAttributes: { material: { 'zh-TW': '棉', en: 'Cotton' } },
      variants: [
        { sku: `PL-${tag}-NAVY-S`, salesAttributes: { color: 'navy', size: 'S' }, priceMinor: 390 },
        { sku: `PL-${tag}-BLACK-S`, salesAttributes: { color: 'black', size: 'S' }, priceMinor: 390 },
      ],
    });
    await api.addImage(product.id);
    for (const action of ['submit', 'approve', 'put_on_shelf'])
      await api.call('POST', `/api/admin/products/${product.id}/transitions`, { action });
    slug = product.slug;
    await request.dispose();
  });

  test('colour options show their labels, and text attributes their English value on English pages', async ({ page }) => {
    await page.goto(`/products/${encodeURIComponent(slug)}`, { waitUntil: 'networkidle' });
    const colour = page.getByRole('group', { name: '顏色' });
    await expect(colour.getByRole('link')).toHaveText(['黑色', '海軍藍']);
    await colour.getByRole('link', { name: '黑色' }).click();
    await expect(page.getByTestId('sku')).toHaveText(`PL-${tag}-BLACK-S`);
    await expect(page.getByRole('definition')).toContainText(['棉']);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('group', { name: 'Colour' }).getByRole('link')).toHaveText(['Black', 'Navy']);
    await expect(page.getByRole('definition')).toContainText(['Cotton']);
  });
});

test.describe('catalog attributes in the admin', () => {
  const tag = runTag();
  let category: { id: string; slug: string; name: string; colorId: string };
  let matrixCategory: { id: string };

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const api = await CatalogAdmin.signIn(request, baseURL ?? '');
    category = await colourCategory(api, tag);
    matrixCategory = await colourCategory(api, `${tag}m`);
    // One product uses navy.
    await api.call('POST', '/api/admin/products', {
      name: { 'zh-TW': `海軍T ${tag}` },
      primaryCategoryId: category.id,
      variants: [{ sku: `NV-${tag}`, salesAttributes: { color: 'navy', size: 'S' }, priceMinor: 390 }],
    });
    await request.dispose();
  });

  test('the product editor generates colour × size rows, with weights, and takes text attributes in English', async ({ page }) => {
    await signIn(page, admin.email, admin.password);
    await page.goto(`/admin/products/new?category=${matrixCategory.id}`, { waitUntil: 'networkidle' });
    await page.getByLabel('名稱（中文）').fill(`矩陣T ${tag}`);
    await page.locator('input[name="basicAttributes.material"]').fill('棉');
    await page.getByLabel('材質（英文）').fill('Cotton');

    await page.getByText('產生規格組合').click();
    const matrix = page.locator('details.matrix');
    for (const option of ['黑色', '海軍藍', 'S', 'M']) await matrix.getByLabel(option, { exact: true }).check();
    await matrix.getByLabel('SKU 前綴').fill(`mx-${tag}`);
    await matrix.getByLabel('價格（NT$）').fill('390');
    await matrix.getByLabel('重量（公克）').fill('200');
    await matrix.getByRole('button', { name: '產生組合' }).click();

    const sku = (n: number) => page.getByLabel(`第 ${n} 列 SKU`);
    await expect(sku(4)).toHaveValue(`MX-${tag.toUpperCase()}-NAVY-M`);
    await expect(sku(1)).toHaveValue(`MX-${tag.toUpperCase()}-BLACK-S`);
    await expect(sku(5)).toHaveCount(0);
    await expect(page.getByLabel('第 3 列重量（公克）')).toHaveValue('200');
    await page.getByLabel('第 3 列重量（公克）').fill('210');

    await page.getByRole('button', { name: '建立草稿' }).click();
    await expect(page).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}/);
    await expect(page.getByLabel('第 3 列重量（公克）')).toHaveValue('210');
    await expect(page.getByLabel('第 4 列售價')).toHaveValue('390');
    await expect(page.getByLabel('材質（英文）')).toHaveValue('Cotton');
  });

  test('an admin edits an attribute: renames an option and adds one; removing an option in use says how many products use it', async ({
    page,
  }) => {
    await signIn(page, admin.email, admin.password);
    await page.goto(`/admin/attributes?category=${category.id}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: '編輯 顏色' }).click();
    await expect(page.getByRole('heading', { name: '編輯屬性 color' })).toBeVisible();
    await expect(page.getByLabel('可選值')).toHaveValue('black|黑色|Black\nnavy|海軍藍|Navy');

    await page.getByLabel('名稱（英文）').fill('Color');
    await page.getByLabel('可選值').fill('black|純黑|Jet black\nnavy|海軍藍|Navy\nred|紅色|Red');
    await page.getByRole('button', { name: '儲存' }).click();
    await expect(page.getByRole('status')).toHaveText('已儲存屬性。');
    await expect(page.getByRole('table', { name: '屬性' })).toContainText('black, navy, red');

    await page.getByRole('link', { name: '編輯 顏色' }).click();
    await expect(page.getByRole('heading', { name: '編輯屬性 color' })).toBeVisible();
    await page.getByLabel('可選值').fill('black|純黑|Jet black\nred|紅色|Red');
    await page.getByRole('button', { name: '儲存' }).click();
    await expect(page.getByRole('alert')).toHaveText('選項「navy」有 1 件商品使用中，無法移除；請先修改這些商品');
    // What was typed stays, to fix.
    await expect(page.getByLabel('可選值')).toHaveValue('black|純黑|Jet black\nred|紅色|Red');
  });
});
