import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets two checkouts (or two sessions) run browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 3100);
// Pointing at an already running server (E2E_BASE_URL) skips starting one.
const externalBaseUrl = process.env.E2E_BASE_URL;
const baseURL = externalBaseUrl ?? `http://127.0.0.1:${port}`;
const parentEnv = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));

export default defineConfig({
  testDir: 'apps/web/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    // A Taiwanese visitor (Accept-Language zh-TW): a browser asking for English is sent to /en on its first visit.
    locale: 'zh-TW',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright's own browser downloads are not used.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: 'node scripts/start.mjs',
        url: `${baseURL}/api/health`,
        // DATABASE_URL, DATA_DIR, … of the parent environment pass through. The e2e app keeps its own
        // embedded database (data/e2e) unless told otherwise, so the admin below is the one its first
        // start creates, whatever a dev instance did to ./data.
        env: {
          DATA_DIR: 'data/e2e',
          ...parentEnv,
          PORT: String(port),
          ADMIN_EMAIL: 'admin@shop.test',
          ADMIN_PASSWORD: 'admin-pass-e2e-2026',
          // Every e2e request (and every server-side page load's API calls) comes from 127.0.0.1, and
          // with Redis the per-minute counts are shared with whatever ran just before (the API tests):
          // neither the sign-in limit nor the general one may decide a browser test.
          AUTH_RATE_LIMIT_PER_MINUTE: '1000',
          RATE_LIMIT_PER_MINUTE: '100000',
        },
        timeout: 180_000,
        reuseExistingServer: !process.env.CI,
        stderr: 'pipe',
      },
});
