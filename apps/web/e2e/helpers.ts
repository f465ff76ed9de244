import { expect, type Page } from '@playwright/test';

/** The admin the e2e server creates on its first start (playwright.config.ts `webServer.env`). */
export const admin = { email: 'admin@shop.test', password: 'admin-pass-e2e-2026' };

/** An address nobody has used yet, so runs against the same database never collide. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export async function signIn(page: Page, identifier: string, password: string) {
  await page.goto('/login', { waitUntil: 'networkidle' });
  await page.getByLabel('電子郵件或手機號碼').fill(identifier);
  await page.getByLabel('密碼', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登入' }).click();
  await expect(page.getByRole('button', { name: '登出' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入', exact: true })).toBeVisible();
}
