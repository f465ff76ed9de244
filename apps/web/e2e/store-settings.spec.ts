import { expect as baseExpect, test, type Page } from '@playwright/test';
import { admin } from './helpers';

// Saves and page loads share a busy machine: give each expectation more room than the default.
const expect = baseExpect.configure({ timeout: 20_000 });

/** A Taipei landline nobody has saved yet: 02 and 8 digits, as staff would type it. */
function freshPhone(): { typed: string; shown: string } {
  const digits = String(20_000_000 + Math.floor(Math.random() * 79_999_999)).slice(0, 8);
  return { typed: `(02) ${digits.slice(0, 4)} ${digits.slice(4)}`, shown: `02-${digits.slice(0, 4)}-${digits.slice(4)}` };
}

/** Signs the admin in; the sign-in's redirect and page load may take a while on a busy machine. */
async function signInAdmin(page: Page) {
  await page.goto('/login', { waitUntil: 'networkidle' });
  await page.getByLabel('電子郵件或手機號碼').fill(admin.email);
  await page.getByLabel('密碼', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: '登入' }).click();
  await expect(page.getByRole('button', { name: '登出' })).toBeVisible();
}

async function openStoreSettings(page: Page) {
  await page.goto('/admin', { waitUntil: 'networkidle' });
  await page.getByRole('navigation', { name: '後台選單' }).getByRole('link', { name: '商店資訊' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('商店資訊與政策');
}

test.describe('store details and legal pages', () => {
  // Several page loads and saves each, on a shared machine.
  test.describe.configure({ timeout: 120_000 });

  test('an admin changes the return policy and the phone; shoppers see both in zh-TW and English', async ({ page, browser }) => {
    const marker = Date.now().toString(36);
    const phone = freshPhone();

    await signInAdmin(page);
    await openStoreSettings(page);

    // A 統一編號 whose check digit fails is refused next to the field.
    await page.getByLabel('聯絡電話').fill(phone.typed);
    await page.getByLabel('公司名稱').fill('好物小舖有限公司');
    await page.getByLabel('統一編號').fill('12345678');
    await page.getByRole('button', { name: '儲存商店資訊' }).click();
    await expect(page.getByText('這組統一編號的檢查碼不正確，請再確認一次')).toBeVisible();

    await page.getByLabel('統一編號').fill('04595257');
    await page.getByRole('button', { name: '儲存商店資訊' }).click();
    await expect(page.getByText('商店資訊已儲存。')).toBeVisible();

    const returns = page.getByRole('region', { name: '退換貨政策' });
    await returns.getByLabel('中文內容').fill(`## 七天鑑賞期\n收到商品次日起七天內可申請退貨（${marker}）。\n\n- 生鮮食品不適用`);
    await returns.getByLabel('英文內容').fill(`## 7-day cooling-off\nReturn within seven days of delivery (${marker}).`);
    await returns.getByText('預覽').click();
    await expect(returns.getByRole('heading', { name: '七天鑑賞期', level: 3 })).toBeVisible();
    await returns.getByRole('button', { name: '儲存退換貨政策' }).click();
    await expect(page.getByText('退換貨政策已儲存。')).toBeVisible();

    // A shopper, not signed in.
    const shopper = await browser.newPage();
    await shopper.goto('/returns', { waitUntil: 'networkidle' });
    await expect(shopper.getByRole('heading', { level: 1 })).toHaveText('退換貨政策');
    await expect(shopper.getByRole('heading', { name: '七天鑑賞期' })).toBeVisible();
    await expect(shopper.getByText(`收到商品次日起七天內可申請退貨（${marker}）。`)).toBeVisible();
    const footer = shopper.getByRole('contentinfo');
    await expect(footer).toContainText(phone.shown);
    await expect(footer).toContainText(/統一編號：\s*04595257/);
    await expect(footer.getByRole('link', { name: '退換貨政策' })).toHaveAttribute('href', '/returns');

    await shopper.goto('/en/returns', { waitUntil: 'networkidle' });
    await expect(shopper.getByRole('heading', { level: 1 })).toHaveText('Return and refund policy');
    await expect(shopper.getByRole('heading', { name: '7-day cooling-off' })).toBeVisible();
    await expect(shopper.getByText(`Return within seven days of delivery (${marker}).`)).toBeVisible();
    await expect(shopper.getByRole('contentinfo')).toContainText(phone.shown);
    await expect(shopper.getByRole('contentinfo')).toContainText(/Unified business no\.:\s*04595257/);
    await expect(shopper.getByRole('contentinfo').getByRole('link', { name: 'Privacy policy' })).toHaveAttribute('href', '/en/privacy');
    await shopper.close();
  });

  test('a save made on an outdated page is refused with a way to reload', async ({ page }) => {
    await signInAdmin(page);
    await openStoreSettings(page);

    // The terms are saved meanwhile, in another tab.
    const other = await page.context().newPage();
    await other.goto('/admin/store', { waitUntil: 'networkidle' });
    const theirs = other.getByRole('region', { name: '服務條款' });
    await theirs.getByLabel('中文內容').fill(`其他人的版本 ${Date.now()}`);
    await theirs.getByRole('button', { name: '儲存服務條款' }).click();
    await expect(other.getByText('服務條款已儲存。')).toBeVisible();
    await other.close();

    const terms = page.getByRole('region', { name: '服務條款' });
    await terms.getByLabel('中文內容').fill('我的版本');
    await terms.getByRole('button', { name: '儲存服務條款' }).click();
    await expect(terms.getByText('在您開啟此頁後，其他人已儲存過新的內容。', { exact: false })).toBeVisible();
    await expect(terms.getByLabel('中文內容')).toHaveValue('我的版本');
    await terms.getByRole('link', { name: '重新載入最新內容' }).click();
    await expect(page.getByRole('region', { name: '服務條款' }).getByLabel('中文內容')).toHaveValue(/^其他人的版本/);
  });
});
