import { expect, request as playwrightRequest, test, type Browser } from '@playwright/test';
import { CatalogAdmin, PNG_8X8, runTag } from './catalog-data';
import { admin, signIn, uniqueEmail } from './helpers';

// Review in the admin console: ops edits of a live product wait for an approver, who decides in the
// queue from a preview; submitting needs an image; deleting asks first and can be undone.

async function signedInPage(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who.email, who.password);
  return { page, close: () => context.close() };
}

test.describe('admin: review and product safety', () => {
  const tag = runTag();
  const ops = { email: uniqueEmail('ops-review'), password: 'shelves-and-labels-2026' };
  let categoryId = '';

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
    categoryId = (await api.apparelCategory(`r${tag}`)).id;
    await request.dispose();
  });

  const withApi = async <T>(baseURL: string | undefined, run: (api: CatalogAdmin) => Promise<T>): Promise<T> => {
    const request = await playwrightRequest.newContext({ baseURL });
    try {
      return await run(await CatalogAdmin.signIn(request, baseURL ?? ''));
    } finally {
      await request.dispose();
    }
  };

  test('ops renames and reprices a live product: the shop keeps the approved name and price until an admin approves it from the queue', async ({
    browser,
    baseURL,
  }) => {
    const oldName = `晨光馬克杯 ${tag}`;
    const newName = `夕陽馬克杯 ${tag}`;
    const product = await withApi(baseURL, (api) =>
      api.productOnShelf({ categoryId, name: oldName, skuPrefix: `REV-${tag}`, variants: [['M', 199]] }),
    );

    const staff = await signedInPage(browser, ops);
    await staff.page.goto(`/admin/products/${product.id}`, { waitUntil: 'networkidle' });
    await staff.page.getByLabel('名稱（中文）').fill(newName);
    await staff.page.getByLabel('第 1 列售價').fill('179');
    await staff.page.getByRole('button', { name: '儲存' }).click();
    await expect(staff.page.getByRole('status')).toHaveText('已送出修改，核准後才會上線。');
    const pending = staff.page.getByRole('region', { name: '待審核的修改' });
    await expect(pending).toContainText(`名稱：${oldName} → ${newName}`);
    await expect(pending).toContainText(`價格（REV-${tag}-M）：$199 → $179`);
    // A new image waits with the rest of the change.
    await staff.page
      .getByLabel('圖片檔案')
      .setInputFiles({ name: 'new.png', mimeType: 'image/png', buffer: Buffer.from(PNG_8X8, 'base64') });
    await staff.page.getByRole('button', { name: '上傳圖片' }).click();
    await expect(pending.getByRole('list', { name: '提出的圖片' }).getByRole('img')).toHaveCount(2);
    await expect(pending).toContainText('新增 1 張圖片');
    // Ops cannot approve it themselves.
    await expect(staff.page.getByRole('button', { name: '核准修改' })).toHaveCount(0);

    // The shop still shows what was approved.
    const shopper = await browser.newContext();
    const shop = await shopper.newPage();
    await shop.goto(`/products/${product.slug}`, { waitUntil: 'networkidle' });
    await expect(shop.getByRole('heading', { level: 1 })).toHaveText(oldName);
    await expect(shop.locator('article.product').getByTestId('price').first()).toContainText('199');

    // The admin sees a preview of the new content and the change in the queue, and approves it there.
    const approver = await signedInPage(browser, admin);
    await approver.page.goto('/admin/review', { waitUntil: 'networkidle' });
    const item = approver.page.getByRole('article', { name: newName });
    await expect(item.getByTestId('preview-price')).toHaveText('$179');
    await expect(item.getByRole('img')).toHaveCount(1);
    await expect(item.getByRole('region', { name: '修改內容' })).toContainText(`價格（REV-${tag}-M）：$199 → $179`);
    await item.getByRole('button', { name: '核准' }).click();
    await expect(approver.page.getByRole('status')).toHaveText(`已核准「${newName}」。`);
    await expect(approver.page.getByRole('article', { name: newName })).toHaveCount(0);

    await shop.reload({ waitUntil: 'networkidle' });
    await expect(shop.getByRole('heading', { level: 1 })).toHaveText(newName);
    await expect(shop.locator('article.product').getByTestId('price').first()).toContainText('179');

    // The log names both steps, who took them, and the price change in words.
    await approver.page.goto(`/admin/products/${product.id}`, { waitUntil: 'networkidle' });
    const log = approver.page.getByRole('table', { name: '操作紀錄' });
    await expect(log).toContainText('提出修改（待審核）');
    await expect(log).toContainText('核准修改');
    await expect(log).toContainText(ops.email);
    await expect(log).toContainText(`價格（REV-${tag}-M）：$199 → $179`);
    await expect(log).not.toContainText('variants');
    await Promise.all([staff.close(), approver.close(), shopper.close()]);
  });

  test('an admin rejects a submitted product from the queue with a reason given inline', async ({ browser, baseURL }) => {
    const name = `退件杯 ${tag}`;
    await withApi(baseURL, async (api) => {
      const draft = await api.draft({ categoryId, name, skuPrefix: `REJ-${tag}`, variants: [['S', 250]] });
      await api.addImage(draft.id);
      await api.call('POST', `/api/admin/products/${draft.id}/transitions`, { action: 'submit' });
    });
    const approver = await signedInPage(browser, admin);
    await approver.page.goto('/admin/review', { waitUntil: 'networkidle' });
    const item = approver.page.getByRole('article', { name });
    await expect(item.getByTestId('preview-price')).toHaveText('$250');
    await item.getByRole('button', { name: '退回' }).click();
    await expect(item.getByText('這是必填欄位')).toBeVisible();
    await item.getByLabel(`退回「${name}」的原因`).fill('照片太暗');
    await item.getByRole('button', { name: '退回' }).click();
    await expect(approver.page.getByRole('status')).toHaveText(`已退回「${name}」。`);
    await expect(approver.page.getByRole('article', { name })).toHaveCount(0);
    await approver.close();
  });

  test('a product without images cannot be submitted, and the editor says why', async ({ browser, baseURL }) => {
    const draft = await withApi(baseURL, (api) =>
      api.draft({ categoryId, name: `無圖杯 ${tag}`, skuPrefix: `NOIMG-${tag}`, variants: [['S', 100]] }),
    );
    const staff = await signedInPage(browser, ops);
    await staff.page.goto(`/admin/products/${draft.id}`, { waitUntil: 'networkidle' });
    await expect(staff.page.getByTestId('submit-hint')).toHaveText('送審前請先上傳至少一張商品圖片。');
    await staff.page.getByRole('button', { name: '送審' }).click();
    await expect(staff.page.getByRole('alert')).toHaveText('送審前需要至少一張商品圖片，請先上傳圖片');
    await expect(staff.page.getByRole('region', { name: '上架流程' })).toContainText('草稿');
    await staff.close();
  });

  test('deleting a product asks first; a deleted product offers no image upload and can be restored as a draft', async ({
    browser,
    baseURL,
  }) => {
    const draft = await withApi(baseURL, (api) =>
      api.draft({ categoryId, name: `刪除杯 ${tag}`, skuPrefix: `DEL-${tag}`, variants: [['S', 100]] }),
    );
    const staff = await signedInPage(browser, ops);
    const page = staff.page;
    await page.goto(`/admin/products/${draft.id}`, { waitUntil: 'networkidle' });
    const lifecycle = page.getByRole('region', { name: '上架流程' });
    // One click only opens the confirmation.
    await lifecycle.getByText('刪除商品').click();
    await expect(lifecycle).toContainText('確定要刪除這件商品嗎？');
    await expect(lifecycle).toContainText('草稿');
    await lifecycle.getByRole('button', { name: '確定刪除' }).click();
    await expect(page.getByRole('status')).toContainText('已刪除');
    await expect(page.getByLabel('圖片檔案')).toHaveCount(0);
    await expect(page.getByRole('button', { name: '上傳圖片' })).toHaveCount(0);
    await expect(lifecycle).toContainText('還原後商品回到草稿');

    await lifecycle.getByRole('button', { name: '還原商品' }).click();
    await expect(page.getByRole('status')).toContainText('草稿');
    await expect(page.getByLabel('圖片檔案')).toHaveCount(1);
    await staff.close();
  });
});
