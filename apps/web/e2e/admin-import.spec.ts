import { expect, request as playwrightRequest, test } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, signIn } from './helpers';

/** Two 8×8 PNGs of different colours (different content, so two stored files). */
const red = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mM4oaGBFTEMLQkAgl1GARdiiXUAAAAASUVORK5CYII=';
const blue = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mPQCDiBFTEMLQkAGplQAbyoaQ8AAAAASUVORK5CYII=';

// Test data goes in through the admin API with a tag per run: e2e databases outlive runs.

test.describe('admin: product import', () => {
  const tag = runTag();
  let category: { id: string; slug: string };

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const api = await CatalogAdmin.signIn(request, baseURL ?? '');
    category = await api.apparelCategory(tag, ['S', 'M', 'L']);
    await request.dispose();
  });

  const csv = (secondPrice: string) =>
    [
      'product,category,name_zh,name_en,basic.material,sku,price,sales.size',
      `tee,${category.slug},匯入T恤 ${tag},Imported tee ${tag},棉,IMP-${tag}-S,390,S`,
      `tee,,,,,IMP-${tag}-M,${secondPrice},M`,
      `vest,${category.slug},"匯入背心, 寬版 ${tag}",,棉,IMP-${tag}-V,290,L`,
    ].join('\n');
  const file = (text: string) => ({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

  test('an admin imports a CSV with a bad row, sees the row and that nothing was imported, fixes it and opens a draft', async ({
    page,
  }) => {
    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/products', { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: '匯入商品' }).click();
    await expect(page).toHaveURL(/\/admin\/products\/import$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('匯入商品');

    // Line 3 (the header is line 1) has a price that is not a number.
    await page.getByLabel('檔案', { exact: true }).setInputFiles(file(csv('abc')));
    await page.getByRole('button', { name: '匯入', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('沒有匯入任何商品。請修正下列問題，再重新匯入整個檔案。');
    const problems = page.getByRole('table', { name: '檔案中的問題' });
    await expect(problems.getByRole('row')).toHaveCount(2);
    // Worded in the admin's language, not the validator's English.
    await expect(problems.getByRole('row').nth(1).getByRole('cell')).toHaveText(['3', 'price', '格式不符：應為數字。']);

    // Nothing of the file exists, not even its good rows.
    await page.goto(`/admin/products?q=${encodeURIComponent(tag)}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { name: '沒有符合的商品' })).toBeVisible();

    await page.goto('/admin/products/import', { waitUntil: 'networkidle' });
    // A price as spreadsheets write it, with a thousands separator.
    await page.getByLabel('檔案', { exact: true }).setInputFiles(file(csv('"1,420"')));
    await page.getByRole('button', { name: '匯入', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('已建立 2 件草稿商品。');
    const created = page.getByRole('table', { name: '已建立的草稿' });
    await expect(created.getByRole('row')).toHaveCount(3);
    await expect(created.getByRole('row').nth(1).getByRole('cell').last()).toHaveText(`IMP-${tag}-S, IMP-${tag}-M`);

    await created.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`匯入T恤 ${tag}`);
    await expect(page.getByRole('region', { name: '上架流程' })).toContainText('草稿');
    await expect(page.getByLabel('第 2 列售價')).toHaveValue('1420');
  });
});

test.describe('admin: product images', () => {
  const tag = runTag();
  let productId = '';

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const api = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await api.apparelCategory(tag, ['M']);
    ({ id: productId } = await api.call<{ id: string }>('POST', '/api/admin/products', {
      name: { 'zh-TW': `圖片排序 ${tag}` },
      primaryCategoryId: category.id,
      variants: [{ sku: `IMG-${tag}-M`, salesAttributes: { size: 'M' }, priceMinor: 300 }],
    }));
    await request.dispose();
  });

  test('moving the second image earlier makes it the cover; dragging puts it back', async ({ page }) => {
    await signIn(page, admin.email, admin.password);
    await page.goto(`/admin/products/${productId}`, { waitUntil: 'networkidle' });
    const images = page.getByRole('region', { name: '商品圖片' });
    const alts = () => images.getByRole('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')));

    for (const [alt, png] of [
      ['紅色', red],
      ['藍色', blue],
    ] as const) {
      await page.getByLabel('圖片檔案').setInputFiles({ name: `${alt}.png`, mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
      await page.getByLabel('替代文字').fill(alt);
      await page.getByRole('button', { name: '上傳圖片' }).click();
      await expect(images.getByRole('img', { name: alt })).toBeVisible();
    }
    expect(await alts()).toEqual(['紅色', '藍色']);
    await expect(images.getByRole('listitem').first()).toContainText('封面');
    await expect(page.getByRole('button', { name: '將第 1 張圖片往前移' })).toBeDisabled();

    await page.getByRole('button', { name: '將第 2 張圖片往前移' }).click();
    await expect(page.getByRole('status')).toHaveText('已更新圖片順序。');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await alts()).toEqual(['藍色', '紅色']);
    await expect(images.getByRole('listitem').first()).toContainText('封面');
    await expect(images.getByRole('listitem').nth(1)).not.toContainText('封面');

    // Drag and drop posts the same action: the red one takes the first place again.
    await images.getByRole('listitem').nth(1).dragTo(images.getByRole('listitem').first());
    await expect(page.getByRole('status')).toHaveText('已更新圖片順序。');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await alts()).toEqual(['紅色', '藍色']);
  });
});
