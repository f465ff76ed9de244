import { expect, test } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, signIn } from './helpers';

test.describe('admin product editor: cart flags and stock', () => {
  // Several page loads and saves each, on a shared machine.
  test.describe.configure({ timeout: 90_000 });

  test('staff tick a cart flag and set a variant’s stock to 7 in the editor; the stock page shows it with its ledger row', async ({
    page,
    request,
    baseURL,
    context,
  }) => {
    const tag = runTag();
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await staff.apparelCategory(tag);
    const draft = await staff.draft({
      categoryId: category.id,
      name: `旗標T恤 ${tag}`,
      en: `Flag tee ${tag}`,
      skuPrefix: `FLG-${tag}`,
      variants: [
        ['S', 390],
        ['M', 390],
      ],
    });

    await signIn(page, admin.email, admin.password);
    // The admin console in English (its language follows the cookie).
    await context.addCookies([{ name: 'lang', value: 'en', url: baseURL ?? '' }]);
    await page.goto(`/admin/products/${draft.id}`, { waitUntil: 'networkidle' });

    const excluded = page.getByRole('checkbox', { name: 'Excluded from order-level discounts' });
    const pickup = page.getByRole('checkbox', { name: 'Eligible for convenience-store pickup' });
    await expect(excluded).not.toBeChecked();
    await expect(pickup).toBeChecked(); // the API's default for a new product
    await expect(page.getByText('Coupons and spend-threshold discounts do not apply')).toBeVisible();

    const stockS = page.getByRole('spinbutton', { name: 'Row 1 stock on hand' });
    await expect(stockS).toHaveValue('0');
    await expect(page.getByRole('row').filter({ has: stockS })).toContainText(/0 on hand\s*0 available/);

    await excluded.check();
    await pickup.uncheck();
    await stockS.fill('7');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('Saved. Stock updated for 1 variant(s).');
    await expect(page.getByRole('row').filter({ has: stockS })).toContainText(/7 on hand\s*7 available/);
    // The other variant was not touched: no count of it in its ledger.
    await expect(page.getByRole('spinbutton', { name: 'Row 2 stock on hand' })).toHaveValue('0');

    await page.getByRole('link', { name: `Stock ledger of FLG-${tag}-S` }).click();
    await expect(page).toHaveURL(/\/admin\/stock\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`FLG-${tag}-S`);
    const figures = page.getByRole('region', { name: 'Figures' });
    await expect(figures.getByRole('definition').first()).toHaveText('7');
    const ledger = page.getByRole('table', { name: 'This variant’s stock movements, newest first' });
    await expect(ledger.getByRole('row')).toHaveCount(2); // the header and the one count
    await expect(ledger.getByRole('row').nth(1)).toContainText('Product editor');
    await expect(ledger.getByRole('row').nth(1)).toContainText('+7');

    // Reopened, the editor shows the flags as saved and the new figure.
    await page.goto(`/admin/products/${draft.id}`, { waitUntil: 'networkidle' });
    await expect(excluded).toBeChecked();
    await expect(pickup).not.toBeChecked();
    await expect(stockS).toHaveValue('7');
    const saved = await staff.call<{ excludedFromOrderDiscounts: boolean; storePickupEligible: boolean }>(
      'GET',
      `/api/admin/products/${draft.id}`,
    );
    expect(saved).toMatchObject({ excludedFromOrderDiscounts: true, storePickupEligible: false });
  });

  test('a new product’s stock is set once it is created; a figure that is not a count saves nothing', async ({
    page,
    request,
    baseURL,
  }) => {
    const tag = runTag();
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await staff.apparelCategory(tag);

    await signIn(page, admin.email, admin.password);
    await page.goto(`/admin/products/new?category=${category.id}`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('checkbox', { name: '可超商取貨' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: '不適用全單折扣' })).not.toBeChecked();

    await page.getByLabel('名稱（中文）').fill(`新品庫存 ${tag}`);
    await page.getByLabel('第 1 列 SKU').fill(`NEW-${tag}-M`);
    await page.getByLabel('第 1 列尺寸').selectOption('M');
    await page.getByLabel('第 1 列售價').fill('590');
    await page.getByLabel('第 1 列在庫數量').fill('-3');
    await page.getByRole('button', { name: '建立草稿' }).click();
    await expect(page.getByText('請輸入 0 或以上的整數')).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/products\/new/);

    await page.getByLabel('第 1 列在庫數量').fill('3');
    await page.getByRole('button', { name: '建立草稿' }).click();
    await expect(page).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}/);
    await expect(page.getByRole('status')).toHaveText('已建立草稿。已更新 1 個規格的庫存。');
    const stock = page.getByRole('spinbutton', { name: '第 1 列在庫數量' });
    await expect(stock).toHaveValue('3');
    await expect(page.getByRole('row').filter({ has: stock })).toContainText(/在庫 3\s*可售 3/);
    await expect(page.getByRole('checkbox', { name: '可超商取貨' })).toBeChecked();
  });
});
