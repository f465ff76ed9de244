import { expect, test } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, signIn } from './helpers';

test.describe('admin console: stock, promotions and shipping', () => {
  test('an admin adjusts a variant’s stock with a reason and sees the ledger row', async ({ page, request, baseURL }) => {
    const tag = runTag();
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await staff.apparelCategory(tag);
    const product = await staff.call<{ variants: Array<{ id: string; sku: string }> }>(
      'GET',
      `/api/admin/products/${(await staff.draft({ categoryId: category.id, name: `庫存T恤 ${tag}`, skuPrefix: `STK-${tag}`, variants: [['M', 490]] })).id}`,
    );
    const variant = product.variants[0]!;

    await signIn(page, admin.email, admin.password);
    await page.goto(`/admin/stock/${variant.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(variant.sku);

    await page.getByRole('textbox', { name: '數量', exact: true }).fill('12');
    await page.getByLabel('性質').selectOption('receive');
    await page.getByLabel('原因', { exact: true }).fill(`到貨 ${tag}`);
    await page.getByRole('button', { name: '套用調整' }).click();
    await expect(page.getByText('庫存已更新：在庫 12，可售 12。')).toBeVisible();

    const ledger = page.getByRole('table', { name: '這個規格的庫存異動，最新的在前' });
    const row = ledger.getByRole('row').filter({ hasText: `到貨 ${tag}` });
    await expect(row).toContainText('進貨');
    await expect(row).toContainText('+12');

    // Setting below zero is refused in words, and changes nothing.
    await page.getByLabel('盤點後設為').check();
    await page.getByRole('textbox', { name: '數量', exact: true }).fill('-1');
    await page.getByLabel('原因', { exact: true }).fill('盤點');
    await page.getByRole('button', { name: '套用調整' }).click();
    await expect(page.getByText('請輸入 0 或以上的整數')).toBeVisible();

    // The list finds it by SKU.
    await page.goto(`/admin/stock?sku=${encodeURIComponent(variant.sku)}`);
    await expect(page.getByRole('table', { name: '各規格的庫存' }).getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('link', { name: variant.sku })).toBeVisible();
  });

  test('an admin imports a stock CSV: a bad row is named and nothing applies, then the fixed file applies', async ({
    page,
    request,
    baseURL,
  }) => {
    const tag = runTag();
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await staff.apparelCategory(tag);
    await staff.draft({
      categoryId: category.id,
      name: `匯入T恤 ${tag}`,
      skuPrefix: `IMP-${tag}`,
      variants: [
        ['S', 390],
        ['L', 390],
      ],
    });

    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/stock');
    await page.getByRole('link', { name: '匯入庫存 CSV' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('匯入庫存');

    await page.getByLabel('或貼上內容').fill(`sku,quantity,mode\nIMP-${tag}-S,5,set\nNOPE-${tag},3,add\n`);
    await page.getByRole('button', { name: '匯入', exact: true }).click();
    await expect(page.getByText('沒有套用任何一列')).toBeVisible();
    const problems = page.getByRole('table', { name: '檔案中的問題' });
    await expect(problems.getByRole('row').filter({ hasText: `NOPE-${tag}` })).toContainText('找不到這個 SKU。');
    await expect(problems.getByRole('row').filter({ hasText: `NOPE-${tag}` })).toContainText('3');

    await page.getByLabel('或貼上內容').fill(`sku,quantity,mode\nIMP-${tag}-S,5,set\nIMP-${tag}-L,7,add\n`);
    await page.getByRole('button', { name: '匯入', exact: true }).click();
    await expect(page.getByText('已套用 2 列。')).toBeVisible();
    await expect(page.getByRole('table', { name: '已套用的列' }).getByRole('row')).toHaveCount(3);
  });

  test('an admin creates an automatic 任選 3 件 999 promotion for a category and sees it listed', async ({ page, request, baseURL }) => {
    const tag = runTag();
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await staff.apparelCategory(tag);
    const name = `任選3件999 ${tag}`;

    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/promotions');
    await page.getByRole('link', { name: '新增活動' }).first().click();
    await page.getByLabel('名稱（中文）').fill(name);
    await page.getByLabel('活動類型').selectOption('bundle_price');
    await page.getByLabel('件數（N）').fill('3');
    await page.getByLabel('組合價（元）').fill('999');
    await page.getByLabel('指定分類').check();
    await page.getByLabel(category.name).check();
    await page.getByRole('button', { name: '建立活動' }).click();

    await expect(page.getByText('活動已建立。')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

    await page.goto('/admin/promotions?type=automatic&kind=bundle_price');
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('任選 N 件 X 元');
    await expect(row).toContainText('自動套用');
    await expect(row).toContainText('進行中');
  });

  test('an admin creates a coupon, adds a code and generates 3 more', async ({ page }) => {
    const tag = runTag();
    const name = `會員9折 ${tag}`;
    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/promotions/new');
    await page.getByLabel('名稱（中文）').fill(name);
    await page.getByLabel('需要輸入優惠碼才能使用').check();
    await page.getByLabel('活動類型').selectOption('order_percentage');
    await page.getByLabel('折扣（%）').fill('10');
    await page.getByLabel('折扣上限（元）').fill('200');
    await page.getByRole('button', { name: '建立活動' }).click();
    await expect(page.getByText('活動已建立。')).toBeVisible();

    const code = `VIP${tag}`.toUpperCase();
    await page.getByRole('textbox', { name: '優惠碼', exact: true }).fill(code);
    await page.getByRole('button', { name: '新增', exact: true }).click();
    await expect(page.getByText(`已新增優惠碼 ${code}。`)).toBeVisible();

    await page.getByRole('textbox', { name: '數量', exact: true }).fill('3');
    await page.getByRole('button', { name: '產生', exact: true }).click();
    await expect(page.getByText('已產生 3 組優惠碼。')).toBeVisible();
    const codes = page.getByRole('table', { name: '這個活動的優惠碼' });
    await expect(codes.getByRole('row')).toHaveCount(5);
    await expect(codes).toContainText(code);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '下載 CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/codes\.csv$/);
  });

  test('an admin creates a shipping method and deactivates it', async ({ page }) => {
    const tag = runTag();
    const name = `測試宅配 ${tag}`;
    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/shipping');
    await page.getByRole('link', { name: '新增運送方式' }).first().click();
    await page.getByLabel('名稱（中文）').fill(name);
    await page.getByLabel('名稱（英文）').fill(`Test delivery ${tag}`);
    await page.getByLabel('代碼').fill(`e2e_${tag}`);
    await page.getByLabel('運費（元）').fill('120');
    await page.getByLabel('免運門檻（元）').fill('1500');
    await page.getByRole('button', { name: '建立', exact: true }).click();

    await expect(page.getByText('運送方式已建立。')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await page.getByRole('button', { name: '停用' }).click();
    await expect(page.getByText('已停用，顧客結帳時不會再看到這個方式。')).toBeVisible();
    await expect(page.getByRole('button', { name: '重新啟用' })).toBeVisible();

    await page.goto('/admin/shipping');
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('已停用');
    await expect(row).toContainText('$120');
  });
});
