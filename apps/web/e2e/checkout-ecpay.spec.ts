import { mkdirSync } from 'node:fs';
import { expect as baseExpect, request as playwrightRequest, test } from '@playwright/test';
import { CatalogAdmin, runTag } from './catalog-data';
import { admin, fillHomeDeliveryCheckout, signIn, uniqueEmail } from './helpers';

// Paying through ECPay from checkout: the shopper picks 信用卡, the browser goes straight on to
// ECPay's cashier (the simulator), pays and comes back to a paid order; staff switch ATM off in the
// payment settings and checkout no longer offers it.

// Page loads, the cashier and the notices share a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 150_000 });

interface Made {
  slug: string;
  name: string;
}

test.describe('checkout through ECPay', () => {
  const tag = runTag();
  let cup: Made;

  test.beforeAll(async ({ baseURL }) => {
    const request = await playwrightRequest.newContext({ baseURL });
    const staff = await CatalogAdmin.signIn(request, baseURL ?? '');
    const category = await staff.apparelCategory(tag);
    const draft = await staff.productOnShelf({
      categoryId: category.id,
      name: `綠界結帳茶壺 ${tag}`,
      en: `ECPay checkout teapot ${tag}`,
      skuPrefix: `EC-${tag}`,
      variants: [['M', 1280]],
      stock: 200,
    });
    cup = { slug: draft.slug, name: `綠界結帳茶壺 ${tag}` };
  });

  test('a guest chooses 信用卡, pays at the cashier and comes back to a paid order', async ({ page, baseURL }) => {
    // ECPay returns the browser to the shop's public address (localhost by default): the visit stays on it.
    const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    await fillHomeDeliveryCheckout(page, {
      origin: origin,
      slug: cup.slug,
      buyer: { name: '林小華', mobile: '0933456789' },
      emailPrefix: 'ecpay-checkout',
    });

    const choices = page.getByTestId('payment-choices');
    for (const name of ['信用卡', 'ATM 轉帳', '超商代碼', '超商條碼', '銀行轉帳', '貨到付款'])
      await expect(choices.getByRole('radio', { name: new RegExp(`^${name}`) })).toBeVisible();
    // Off by default.
    await expect(choices.getByRole('radio', { name: /Apple Pay/ })).toHaveCount(0);
    await expect(choices.getByRole('radio', { name: /信用卡分期/ })).toHaveCount(0);

    mkdirSync('test-results', { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await choices.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/checkout-ecpay-choices-zh-TW-1280.png', fullPage: true });

    await choices
      .getByRole('radio', { name: /^信用卡/ })
      .first()
      .check();
    await page.getByRole('checkbox', { name: /我已閱讀並同意/ }).check();
    await page.getByTestId('place-order').click();

    // Straight on to ECPay's cashier.
    await page.waitForURL(/\/_sim\/ecpay\//);
    await page.getByRole('button', { name: '付款成功' }).click();

    await page.waitForURL(/\/payment\/result\?order=/);
    const orderId = new URL(page.url()).searchParams.get('order')!;
    const result = page.getByTestId('payment-result');
    await expect(result).toHaveAttribute('data-outcome', 'paid', { timeout: 30_000 });
    await expect(result.getByRole('heading', { level: 1 })).toHaveText('付款成功');

    await result.getByRole('link', { name: '查看訂單' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('訂單');
    expect(page.url()).toContain(orderId);
    await expect(page.getByTestId('order-status').first()).toHaveText('已付款');
    await expect(page.getByTestId('order-payment-method')).toContainText('線上付款（綠界）：信用卡');
    await expect(page.getByTestId('payment-status').first()).toHaveText('付款成功');
    await expect(page.getByText('請於付款期限前匯款')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/checkout-ecpay-order-paid-zh-TW-1280.png', fullPage: true });
  });

  test('an ECPay order waiting for its store code shows the online payment, not bank-transfer instructions', async ({ page, baseURL }) => {
    const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
    await fillHomeDeliveryCheckout(page, {
      origin: origin,
      slug: cup.slug,
      buyer: { name: '吳小芳', mobile: '0944567890' },
      emailPrefix: 'ecpay-checkout',
    });
    await page
      .getByTestId('payment-choices')
      .getByRole('radio', { name: /^超商代碼/ })
      .check();
    await page.getByRole('checkbox', { name: /我已閱讀並同意/ }).check();
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/_sim\/ecpay\//);
    await page.getByRole('button', { name: '取號' }).click();
    await expect(page.getByRole('heading', { name: '取號成功' })).toBeVisible();
    await page.getByRole('link', { name: '返回商店' }).click();
    await page.waitForURL(/\/payment\/result\?order=/);
    const result = page.getByTestId('payment-result');
    await expect(result).toHaveAttribute('data-outcome', 'code', { timeout: 30_000 });
    await result.getByRole('link', { name: '查看訂單' }).click();
    await expect(page.getByTestId('order-status').first()).toHaveText('待付款');
    await expect(page.getByText(/線上付款（綠界）：請完成付款/)).toBeVisible();
    await expect(page.getByText('請於付款期限前匯款')).toHaveCount(0);
    await expect(page.getByTestId('payment').first()).toContainText('超商代碼');
    // Paying another way is offered on the order page.
    await expect(page.locator('#pay').getByRole('button', { name: '前往付款' })).toBeVisible();
  });

  test('without JavaScript the placed order shows a button that posts the cashier form', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: (baseURL ?? '').replace('127.0.0.1', 'localhost') });
    const page = await context.newPage();
    try {
      await page.goto(`/products/${cup.slug}`);
      await page.getByRole('button', { name: '加入購物車' }).click();
      await expect(page.getByText('已加入購物車')).toBeVisible();
      await page.goto('/checkout');
      await page.getByRole('radio', { name: /黑貓宅急便/ }).check();
      await page.getByRole('button', { name: '更新運費' }).click();
      await expect(page.getByRole('radio', { name: /黑貓宅急便/ })).toBeChecked();
      await page.getByLabel('姓名', { exact: true }).fill('周小安');
      await page.getByLabel('手機號碼').first().fill('0966789012');
      await page.getByRole('textbox', { name: '電子郵件' }).fill(uniqueEmail('ecpay-nojs'));
      await page.getByRole('checkbox', { name: '收件人同訂購人' }).check();
      await page.getByLabel('縣市').selectOption('臺北市');
      await page.getByLabel('鄉鎮市區').selectOption('中正區');
      await page.getByLabel('地址', { exact: true }).fill('重慶南路一段 122 號');
      await page
        .getByTestId('payment-choices')
        .getByRole('radio', { name: /^信用卡/ })
        .first()
        .check();
      await page.getByRole('checkbox', { name: /我已閱讀並同意/ }).check();
      await page.getByTestId('place-order').click();

      const cashier = page.getByTestId('checkout-cashier');
      await expect(cashier.getByRole('heading', { level: 1 })).toHaveText('前往付款');
      await page.screenshot({ path: 'test-results/checkout-ecpay-continue-nojs-zh-TW.png', fullPage: true });
      await cashier.getByRole('button', { name: '前往綠界付款' }).click();
      await page.waitForURL(/\/_sim\/ecpay\//);
      await expect(page.getByRole('button', { name: '付款成功' })).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test('staff switch ATM off: checkout no longer offers it', async ({ page, browser, baseURL }) => {
    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/store', { waitUntil: 'networkidle' });
    await page.getByTestId('payment-settings-link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('付款方式');
    const form = page.getByTestId('payment-settings');
    await expect(form.getByRole('checkbox', { name: /ATM 轉帳/ })).toBeChecked();

    mkdirSync('test-results', { recursive: true });
    // The admin console's language follows the cookie.
    for (const lang of ['en', 'zh-TW']) {
      await page.context().addCookies([{ name: 'lang', value: lang, url: baseURL ?? '' }]);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/admin/store/payments', { waitUntil: 'networkidle' });
        await page.screenshot({ path: `test-results/admin-payment-settings-${lang}-${width}.png`, fullPage: true });
      }
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('付款方式');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/admin/store/payments', { waitUntil: 'networkidle' });

    // Installments without the card are refused next to the counts.
    await form.getByRole('checkbox', { name: '信用卡', exact: true }).uncheck();
    await form.getByRole('checkbox', { name: '6 期' }).check();
    await form.getByRole('button', { name: '儲存付款方式' }).click();
    await expect(page.getByText('分期付款需要啟用信用卡')).toBeVisible();

    await form.getByRole('checkbox', { name: '信用卡', exact: true }).check();
    await form.getByRole('checkbox', { name: /ATM 轉帳/ }).uncheck();
    await form.getByRole('button', { name: '儲存付款方式' }).click();
    await expect(page.getByText('已儲存付款方式。')).toBeVisible();

    const shopper = await browser.newPage({ baseURL });
    try {
      const origin = (baseURL ?? '').replace('127.0.0.1', 'localhost');
      await fillHomeDeliveryCheckout(shopper, {
        origin,
        slug: cup.slug,
        buyer: { name: '張小強', mobile: '0955678901' },
        emailPrefix: 'ecpay-checkout',
      });
      const choices = shopper.getByTestId('payment-choices');
      await expect(choices.getByRole('radio', { name: /^信用卡分期/ })).toBeVisible();
      await expect(choices.getByRole('radio', { name: /^ATM 轉帳/ })).toHaveCount(0);
      await choices.getByRole('radio', { name: /^信用卡分期/ }).check();
      await expect(shopper.getByRole('radio', { name: '6 期', exact: true })).toBeChecked();
      for (const width of [1280, 390]) {
        await shopper.setViewportSize({ width, height: 900 });
        for (const prefix of ['', '/en']) {
          await shopper.goto(`${origin}${prefix}/checkout`, { waitUntil: 'networkidle' });
          await shopper.getByTestId('payment-choices').locator('input[value="installments"]').check();
          await shopper.getByTestId('payment-choices').scrollIntoViewIfNeeded();
          await shopper.screenshot({ path: `test-results/checkout-payment-choices-${prefix ? 'en' : 'zh-TW'}-${width}.png` });
        }
      }
    } finally {
      await shopper.close();
      // Back to the defaults for the other specs.
      await page.goto('/admin/store/payments', { waitUntil: 'networkidle' });
      await form.getByRole('checkbox', { name: /ATM 轉帳/ }).check();
      await form.getByRole('checkbox', { name: '6 期' }).uncheck();
      await form.getByRole('button', { name: '儲存付款方式' }).click();
      await expect(page.getByText('已儲存付款方式。')).toBeVisible();
    }
  });
});
