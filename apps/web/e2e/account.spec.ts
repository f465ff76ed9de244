import { expect, test } from '@playwright/test';
import { admin, signIn, signOut, uniqueEmail } from './helpers';

test.describe('account', () => {
  test('register, verify the email from the dev mailbox, sign in again and keep an address', async ({ browser, page }) => {
    // Sign-up, mail, two sign-ins and the address book in one story: more than the default 30 s on a busy machine.
    test.setTimeout(90_000);
    const email = uniqueEmail('shopper');
    const password = 'tea-leaves-and-mountains-42';

    // Register: signed in right away, reminded to verify.
    await page.goto('/register', { waitUntil: 'networkidle' });
    await page.getByLabel('電子郵件').fill(email);
    await page.getByLabel('密碼', { exact: true }).fill(password);
    await page.getByLabel('顯示名稱').fill('林小美');
    await page.getByRole('button', { name: '建立帳號' }).click();

    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText('林小美，您好')).toBeVisible();
    await expect(page.getByRole('heading', { name: '請驗證您的電子郵件' })).toBeVisible();
    await expect(page.getByText('未驗證')).toBeVisible();

    // An admin finds the verification mail in the dev mailbox (the outbox delivers it shortly).
    const staff = await browser.newContext();
    const adminPage = await staff.newPage();
    await signIn(adminPage, admin.email, admin.password);
    await expect(async () => {
      await adminPage.goto(`/admin/mailbox?to=${encodeURIComponent(email)}`, { waitUntil: 'networkidle' });
      await expect(adminPage.getByRole('link', { name: '【好物小舖】請驗證您的電子郵件地址' })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await adminPage.getByRole('link', { name: '【好物小舖】請驗證您的電子郵件地址' }).click();
    await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('【好物小舖】請驗證您的電子郵件地址');
    const mailText = await adminPage.locator('pre').first().innerText();
    const link = /\/verify-email\?token=[^\s"'<>]+/.exec(mailText)?.[0];
    expect(link, 'the mail links to /verify-email?token=…').toBeTruthy();
    await staff.close();

    // Following the link verifies the address; the reminder is gone.
    await page.goto(link!, { waitUntil: 'networkidle' });
    await expect(page).toHaveURL(/\/verify-email\?result=verified$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('電子郵件已完成驗證');
    await expect(page.getByRole('heading', { name: '請驗證您的電子郵件' })).toHaveCount(0);

    // The link works once.
    await page.goto(link!, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('驗證連結無效');

    await signOut(page);
    await signIn(page, email, password);

    // Add an address and see it listed.
    await page.goto('/account/addresses', { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { name: '還沒有收件地址' })).toBeVisible();
    await page.getByRole('link', { name: '新增地址' }).click();
    await page.getByLabel('收件人姓名').fill('林小美');
    // Spaces and +886 are fine: the number is kept as digits.
    await page.getByLabel('聯絡電話').fill('+886 912 345 678');
    // The district list follows the city, and the district fills in the postal code.
    await page.getByLabel('縣市').selectOption('新北市');
    await page.getByLabel('鄉鎮市區').selectOption('板橋區');
    await expect(page.getByLabel('郵遞區號')).toHaveValue('220');
    await page.getByLabel('縣市').selectOption('臺北市');
    await expect(page.getByLabel('鄉鎮市區').getByRole('option', { name: '106 大安區' })).toHaveCount(1);
    await expect(page.getByLabel('鄉鎮市區').getByRole('option', { name: /板橋區/ })).toHaveCount(0);
    await page.getByLabel('鄉鎮市區').selectOption('大安區');
    await expect(page.getByLabel('郵遞區號')).toHaveValue('106');
    // A postal code of another district is refused next to the field.
    await page.getByLabel('郵遞區號').fill('220');
    await page.getByLabel('地址', { exact: true }).fill('復興南路一段 390 號');
    await page.getByRole('button', { name: '儲存地址' }).click();
    await expect(page.getByLabel('郵遞區號')).toHaveAccessibleDescription(/郵遞區號和所選的鄉鎮市區不符/);
    await page.getByLabel('郵遞區號').fill('10617');
    await page.getByRole('button', { name: '儲存地址' }).click();

    await expect(page).toHaveURL(/\/account\/addresses\?notice=created$/);
    await expect(page.getByText('地址已新增。')).toBeVisible();
    const list = page.getByRole('list', { name: '地址列表' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('林小美');
    await expect(list).toContainText('10617 臺北市大安區復興南路一段 390 號');
    await expect(list).toContainText('0912345678');

    // Deleting asks first; cancelling keeps the address.
    await list.getByRole('button', { name: '刪除 林小美 的地址' }).click();
    await expect(list.getByRole('alert')).toHaveText('確定要刪除 林小美 的地址嗎？刪除後無法復原。');
    await list.getByRole('link', { name: '取消' }).click();
    await expect(list.getByRole('alert')).toHaveCount(0);
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await list.getByRole('button', { name: '刪除 林小美 的地址' }).click();
    // The question is on the page once the first answer has been applied: only then is its button the one to press.
    await expect(list.getByRole('alert')).toHaveText('確定要刪除 林小美 的地址嗎？刪除後無法復原。');
    await list.getByRole('button', { name: '確定刪除 林小美 的地址' }).click();
    await expect(page.getByText('地址已刪除。')).toBeVisible();
    await expect(page.getByRole('heading', { name: '還沒有收件地址' })).toBeVisible();

    await signOut(page);
    await page.goto('/account/addresses', { waitUntil: 'networkidle' });
    await expect(page).toHaveURL(/\/login\?redirect=%2Faccount%2Faddresses$/);
  });

  test('a new password equal to the current one is refused next to the field', async ({ page, request, baseURL }) => {
    const email = uniqueEmail('same-password');
    const password = 'same-old-password-2026';
    const registered = await request.post('/api/auth/register', {
      data: { email, password, displayName: '同密碼' },
      headers: { origin: baseURL ?? '' },
    });
    expect(registered.status()).toBe(201);
    await signIn(page, email, password);
    await page.goto('/account', { waitUntil: 'networkidle' });
    await page.getByLabel('目前密碼').fill(password);
    await page.getByLabel('新密碼').fill(password);
    await page.getByRole('button', { name: '變更密碼' }).click();
    await expect(page.getByLabel('新密碼')).toHaveAccessibleDescription(/新密碼不能與目前的密碼相同/);
    await expect(page.getByText('密碼已變更')).toHaveCount(0);
  });

  test('forms show field errors next to the inputs', async ({ page }) => {
    await page.goto('/register', { waitUntil: 'networkidle' });
    await page.getByLabel('電子郵件').fill('not-an-email');
    await page.getByLabel('密碼', { exact: true }).fill('short');
    await page.getByRole('button', { name: '建立帳號' }).click();

    const email = page.getByLabel('電子郵件');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription('請輸入有效的電子郵件地址');
    await expect(page.getByLabel('密碼', { exact: true })).toHaveAccessibleDescription(/至少需要 10 個字元/);
    await expect(page.getByLabel('顯示名稱')).toHaveAccessibleDescription(/這是必填欄位/);
    await expect(email).toHaveValue('not-an-email');
  });

  test('a wrong password gets one answer, and the login page returns to where the visitor was going', async ({ page }) => {
    await page.goto('/account/sessions', { waitUntil: 'networkidle' });
    await expect(page).toHaveURL(/\/login\?redirect=%2Faccount%2Fsessions$/);

    await page.getByLabel('電子郵件或手機號碼').fill(admin.email);
    await page.getByLabel('密碼', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登入' }).click();
    await expect(page.getByRole('alert')).toHaveText('帳號或密碼錯誤，請再試一次');

    await page.getByLabel('密碼', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: '登入' }).click();
    await expect(page).toHaveURL(/\/account\/sessions$/);
    await expect(page.getByText('目前這台裝置')).toBeVisible();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('signing up and signing out still work', async ({ page }) => {
      const email = uniqueEmail('nojs');
      await page.goto('/register', { waitUntil: 'networkidle' });
      await page.getByLabel('電子郵件').fill(email);
      await page.getByLabel('密碼', { exact: true }).fill('plain-html-forms-2026');
      await page.getByRole('button', { name: '建立帳號' }).click();

      // The page comes back from the server with the error in place and what was typed, never the password.
      await expect(page.getByLabel('顯示名稱')).toHaveAccessibleDescription(/這是必填欄位/);
      await expect(page.getByLabel('電子郵件')).toHaveValue(email);
      await expect(page.getByLabel('密碼', { exact: true })).toHaveValue('');

      await page.getByLabel('密碼', { exact: true }).fill('plain-html-forms-2026');
      await page.getByLabel('顯示名稱').fill('No Script');
      await page.getByRole('button', { name: '建立帳號' }).click();

      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByText('No Script，您好')).toBeVisible();

      await page.getByRole('button', { name: '登出' }).click();
      await expect(page.getByRole('link', { name: '登入', exact: true })).toBeVisible();
    });
  });
});
