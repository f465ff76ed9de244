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

    // Disabling asks first; saying no leaves the account as it was. (The question needs the page's
    // script: wait until it has loaded, as a click before that posts the plain form.)
    await page.waitForLoadState('networkidle');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: '停用帳號' }).click();
    await expect(page.getByRole('button', { name: '停用帳號' })).toBeVisible();
    await expect(page.getByText('帳號已停用。')).toHaveCount(0);

    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await page.getByRole('button', { name: '停用帳號' }).click();
    await expect(page.getByRole('status')).toHaveText('帳號已停用。');
    expect(question).toContain(email);
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

  test('on a customer’s page the header still names the signed-in admin and the menu keeps every section', async ({
    page,
    request,
    baseURL,
  }) => {
    const email = uniqueEmail('viewed');
    const displayName = `Viewed ${Date.now()}`;
    const registered = await request.post('/api/auth/register', {
      data: { email, password: 'looked-up-by-staff-2026', displayName },
      headers: { origin: baseURL ?? '' },
    });
    expect(registered.status()).toBe(201);

    await signIn(page, admin.email, admin.password);
    const menu = page.getByRole('navigation', { name: '後台選單' });
    await page.goto('/admin', { waitUntil: 'networkidle' });
    const sections = await menu.getByRole('link').allTextContents();
    expect(sections).toEqual(expect.arrayContaining(['會員', '商品', '存取政策', '開發信箱', '失敗事件']));

    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: displayName }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(displayName);
    await expect(page.getByText('登入身分：Admin')).toBeVisible();
    await expect(page.getByText(`登入身分：${displayName}`)).toHaveCount(0);
    expect(await menu.getByRole('link').allTextContents()).toEqual(sections);
  });

  test('ops see only the sections their role may use: no 會員 link or card', async ({ page, request, baseURL }) => {
    const email = uniqueEmail('ops');
    const password = 'stocking-shelves-2026';
    const origin = { origin: baseURL ?? '' };
    const registered = await request.post('/api/auth/register', { data: { email, password, displayName: 'Ops' }, headers: origin });
    expect(registered.status()).toBe(201);
    const userId = ((await registered.json()) as { user: { id: string } }).user.id;
    const signedIn = await request.post('/api/auth/login', {
      data: { identifier: admin.email, password: admin.password },
      headers: origin,
    });
    expect(signedIn.status()).toBe(200);
    expect((await request.post(`/api/admin/users/${userId}/roles`, { data: { role: 'ops' }, headers: origin })).status()).toBe(200);

    await signIn(page, email, password);
    await page.goto('/admin', { waitUntil: 'networkidle' });
    const menu = page.getByRole('navigation', { name: '後台選單' });
    await expect(menu.getByRole('link', { name: '商品' })).toBeVisible();
    for (const name of ['會員', '存取政策', '開發信箱', '失敗事件', '待審核']) {
      await expect(menu.getByRole('link', { name, exact: true })).toHaveCount(0);
      await expect(page.getByRole('main').getByRole('heading', { name, exact: true })).toHaveCount(0);
    }
    await expect(page.getByRole('main').getByRole('heading', { name: '商品', exact: true })).toBeVisible();

    // Typed in by hand, the page still refuses, without calling itself staff-only.
    const refused = await page.goto('/admin/users');
    expect(refused?.status()).toBe(403);
    await expect(page.getByText('您的角色無法使用這個頁面')).toBeVisible();
  });

  test('an admin writes a policy condition with the form, not JSON, and tests it for a user picked by email', async ({
    page,
    request,
    baseURL,
  }) => {
    const email = uniqueEmail('policy-subject');
    const displayName = `Subject ${Date.now()}`;
    const registered = await request.post('/api/auth/register', {
      data: { email, password: 'owner-of-widgets-2026', displayName },
      headers: { origin: baseURL ?? '' },
    });
    expect(registered.status()).toBe(201);
    const userId = ((await registered.json()) as { user: { id: string } }).user.id;
    // A resource type nothing else uses, so the policy changes no other test.
    const type = `test_widget_${Date.now()
      .toString(36)
      .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`; // letters only, as resource types are
    const name = `owners read ${type}`;

    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/policies/new', { waitUntil: 'networkidle' });
    await page.getByLabel('名稱').fill(name);
    await page.getByRole('checkbox', { name: 'read' }).check();
    await page.getByLabel('資源類型').fill(type);
    await page.getByLabel('屬性').first().selectOption('resource.ownerId');
    await page.getByLabel('比較對象').first().selectOption('subject.userId');
    await page.getByRole('button', { name: '儲存政策' }).click();
    await expect(page).toHaveURL(/\/admin\/policies\?notice=created$/);
    await expect(page.getByText('政策已新增。')).toBeVisible();

    // An address nobody has is named next to the field.
    await page.getByLabel('使用者電子郵件').fill(uniqueEmail('nobody'));
    await page.getByLabel('資源類型').fill(type);
    await page.getByRole('button', { name: '測試決策' }).click();
    await expect(page.getByLabel('使用者電子郵件')).toHaveAccessibleDescription(/找不到使用這個電子郵件的會員/);

    await page.getByLabel('使用者電子郵件').fill(email.toUpperCase());
    await page.getByLabel('動作').selectOption('read');
    await page.getByLabel('資源類型').fill(type);
    await page.getByLabel('擁有者 ID').fill(userId);
    await page.getByRole('button', { name: '測試決策' }).click();
    const decision = page.locator('.decision');
    await expect(decision).toContainText(`測試對象: ${displayName}（${email}）`);
    await expect(decision.locator('.badge').first()).toHaveText('允許');
    await expect(decision.getByRole('link', { name })).toBeVisible();

    // Editing shows the condition as fields, and the JSON view for power users.
    await decision.getByRole('link', { name }).click();
    await expect(page.getByLabel('屬性').first()).toHaveValue('resource.ownerId');
    await expect(page.getByLabel('比較對象').first()).toHaveValue('subject.userId');
    await page.getByRole('radio', { name: 'JSON（進階）' }).check();
    await expect(page.getByLabel('條件（JSON）')).toHaveValue(/"ref": "subject.userId"/);
  });
});
