import { expect, test } from '@playwright/test';
import { admin, signIn, uniqueEmail } from './helpers';

test('a locked account is told for how long, and staff can unlock it from the user page', async ({ page, request, baseURL }) => {
  const email = uniqueEmail('locked');
  const displayName = `Locked ${Date.now()}`;
  const password = 'right-password-all-along-2026';
  const headers = { origin: baseURL ?? '' };
  expect((await request.post('/api/auth/register', { data: { email, password, displayName }, headers })).status()).toBe(201);
  for (let i = 0; i < 5; i++) {
    const wrong = await request.post('/api/auth/login', { data: { identifier: email, password: `wrong-${i}-password` }, headers });
    expect(wrong.status()).toBe(i < 4 ? 401 : 423);
  }

  const other = await page.context().browser()!.newContext();
  const visitor = await other.newPage();
  const signInAsVisitor = async () => {
    await visitor.goto('/login', { waitUntil: 'networkidle' });
    await visitor.getByLabel('電子郵件或手機號碼').fill(email);
    await visitor.getByLabel('密碼', { exact: true }).fill(password);
    await visitor.getByRole('button', { name: '登入' }).click();
  };
  await signInAsVisitor();
  await expect(visitor.getByRole('alert')).toHaveText('密碼錯誤次數過多，登入已暫時鎖定，請於 10 分鐘後再試，或重設密碼');

  await signIn(page, admin.email, admin.password);
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`, { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: displayName }).click();
  await page.getByRole('button', { name: '解除鎖定' }).click();
  await expect(page.getByRole('status')).toHaveText('已解除登入鎖定。');
  await expect(page.getByRole('button', { name: '解除鎖定' })).toHaveCount(0);

  await signInAsVisitor();
  await expect(visitor.getByRole('button', { name: '登出' })).toBeVisible();
  await other.close();
});
