import { expect, test } from '@playwright/test';
import { admin, signIn, uniqueEmail } from './helpers';

test.describe('admin console', () => {
  test('an admin finds a new user and grants the ops role', async ({ page, request, baseURL }) => {
    const email = uniqueEmail('staff-to-be');
    const displayName = `Staff ${Date.now()}`;
    const registered = await request.post('/api/auth/register', {
      data: { email, password: 'warehouse-shelves-2026', displayName },
      headers: { origin: baseURL ?? '' },
    });
    expect(registered.status()).toBe(201);

    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: '管理後台' }).click();
    await expect(page).toHaveURL(/\/admin$/);

    await page.getByRole('navigation', { name: '後台選單' }).getByRole('link', { name: '會員' }).click();
    await page.getByLabel('關鍵字').fill(email);
    await page.getByRole('button', { name: '篩選' }).click();
    await expect(page).toHaveURL(/\/admin\/users\?q=/);
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2); // header + the one user
    await page.getByRole('link', { name: displayName }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(displayName);
    const roles = page.getByRole('list', { name: '角色' });
    await expect(roles).toContainText('顧客');
    await expect(roles).not.toContainText('營運');

    await page.getByLabel('要授予的角色').selectOption('ops');
    await page.getByRole('button', { name: '授予角色' }).click();

    await expect(page.getByRole('status')).toHaveText('已授予「營運」角色。');
    await expect(roles).toContainText('營運');
    await page.reload();
    await expect(page.getByRole('list', { name: '角色' })).toContainText('營運');

    // The list filtered by role finds them too.
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}&role=ops`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('link', { name: displayName })).toBeVisible();
  });

  test('an admin revokes a role and disables and enables an account', async ({ page, request, baseURL }) => {
    const email = uniqueEmail('to-disable');
    const displayName = `Disable ${Date.now()}`;
    const password = 'locked-out-for-a-while-2026';
    const registered = await request.post('/api/auth/register', {
      data: { email, password, displayName },
      headers: { origin: baseURL ?? '' },
    });
    expect(registered.status()).toBe(201);

    await signIn(page, admin.email, admin.password);
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: displayName }).click();

    await page.getByLabel('要授予的角色').selectOption('support');
    await page.getByRole('button', { name: '授予角色' }).click();
    await expect(page.getByRole('list', { name: '角色' })).toContainText('客服');
    await page.getByRole('button', { name: '移除「客服」角色' }).click();
    await expect(page.getByRole('status')).toHaveText('已移除「客服」角色。');
    await expect(page.getByRole('list', { name: '角色' })).not.toContainText('客服');

    await page.getByRole('button', { name: '停用帳號' }).click();
    await expect(page.getByRole('status')).toHaveText('帳號已停用。');
    await expect(page.getByRole('button', { name: '重新啟用帳號' })).toBeVisible();

    // A disabled account cannot sign in, and is told no more than for a wrong password.
    const other = await page.context().browser()!.newContext();
    const visitor = await other.newPage();
    await visitor.goto('/login', { waitUntil: 'networkidle' });
    await visitor.getByLabel('電子郵件或手機號碼').fill(email);
    await visitor.getByLabel('密碼', { exact: true }).fill(password);
    await visitor.getByRole('button', { name: '登入' }).click();
    await expect(visitor.getByRole('alert')).toHaveText('帳號或密碼錯誤，請再試一次');
    await other.close();

    await page.getByRole('button', { name: '重新啟用帳號' }).click();
    await expect(page.getByRole('status')).toHaveText('帳號已重新啟用。');
    await expect(page.getByRole('table')).toContainText('帳號已停用'); // the refused attempt is in the login log
  });

  test('a customer gets the 403 page, a visitor the login page', async ({ page, request, baseURL }) => {
    await page.goto('/admin/users', { waitUntil: 'networkidle' });
    await expect(page).toHaveURL(/\/login\?redirect=%2Fadmin%2Fusers$/);

    const email = uniqueEmail('customer');
    const password = 'just-shopping-here-2026';
    const registered = await request.post('/api/auth/register', {
      data: { email, password, displayName: 'Customer' },
      headers: { origin: baseURL ?? '' },
    });
    expect(registered.status()).toBe(201);
    await signIn(page, email, password);
    await expect(page.getByRole('link', { name: '管理後台' })).toHaveCount(0);

    const response = await page.goto('/admin');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('沒有存取權限');
  });
});
