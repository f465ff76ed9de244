import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';
import { DEFAULT_LEGAL_PAGES, DEFAULT_STORE_SETTINGS, seedStoreDefaults } from './index.js';

const SETTINGS = {
  name: { 'zh-TW': '山嵐茶舖', en: 'Misty Hill Tea' },
  contactEmail: 'service@misty-tea.tw',
  phone: '02-2345-6789',
  serviceLine: '0800-123-456',
  address: '臺北市大安區忠孝東路四段 1 號 5 樓',
  businessHours: { 'zh-TW': '週一至週五 10:00–18:00', en: 'Mon–Fri 10:00–18:00' },
  companyName: '山嵐茶業有限公司',
  // A real-shaped number whose check digit holds (the sum is a multiple of 5).
  taxId: '04595257',
  representative: '林山嵐',
};

describe('store settings and legal pages', () => {
  let h: Harness;
  let admin: Signed;
  let ops: Signed;
  let customer: Signed;

  const call = (who: Signed | null, opts: Pick<InjectOptions, 'method' | 'url' | 'payload' | 'headers'>) =>
    h.app.inject({ ...opts, headers: { ...(who ? bearer(who) : {}), ...opts.headers } } as InjectOptions);
  const ok = async (who: Signed | null, opts: Pick<InjectOptions, 'method' | 'url' | 'payload' | 'headers'>) => {
    const res = await call(who, opts);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const adminSettings = () => ok(admin, { method: 'GET', url: '/api/admin/store/settings' });

  beforeAll(async () => {
    h = await createHarness();
    admin = await makeStaff(h, ['admin']);
    ops = await makeStaff(h, ['ops']);
    customer = await registerUser(h);
  });
  afterAll(() => h?.close());

  it('answers the built-in defaults at version 0 before anything is saved or seeded', async () => {
    const settings = await adminSettings();
    expect(settings).toMatchObject({ name: DEFAULT_STORE_SETTINGS.name, taxId: null, version: 0, updatedAt: null });
    const page = await ok(null, { method: 'GET', url: '/api/store/pages/returns' });
    expect(page).toMatchObject({ slug: 'returns', locale: 'zh-TW', version: 0 });
    expect(page.body).toContain('七天');
  });

  it('seeds the defaults once, even when several starts run at once, and keeps later edits', async () => {
    const runs = await Promise.all([seedStoreDefaults(h.db), seedStoreDefaults(h.db), seedStoreDefaults(h.db)]);
    expect(runs.filter((r) => r.settings)).toHaveLength(1);
    expect(runs.flatMap((r) => r.pages).sort()).toEqual(['privacy', 'returns', 'terms']);

    const page = await ok(admin, { method: 'GET', url: '/api/admin/store/pages/terms' });
    expect(page).toMatchObject({ slug: 'terms', version: 1, body: DEFAULT_LEGAL_PAGES.terms });
    await ok(admin, { method: 'PUT', url: '/api/admin/store/pages/terms', payload: { version: 1, body: { 'zh-TW': '新條款', en: '' } } });

    expect(await seedStoreDefaults(h.db)).toEqual({ settings: false, pages: [] });
    expect((await ok(null, { method: 'GET', url: '/api/store/pages/terms' })).body).toBe('新條款');
  });

  it('saves the shop details on the version read and shows shoppers what they should see', async () => {
    const before = await adminSettings();
    const saved = await ok(admin, { method: 'PUT', url: '/api/admin/store/settings', payload: { ...SETTINGS, version: before.version } });
    expect(saved).toMatchObject({
      ...SETTINGS,
      phone: '0223456789',
      serviceLine: '0800123456',
      version: before.version + 1,
      updatedAt: expect.any(String),
    });
    expect(await adminSettings()).toEqual(saved);

    const res = await call(null, { method: 'GET', url: '/api/store' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age=');
    expect(res.json()).toEqual({
      name: SETTINGS.name,
      contactEmail: SETTINGS.contactEmail,
      phone: '0223456789',
      serviceLine: '0800123456',
      address: SETTINGS.address,
      businessHours: SETTINGS.businessHours,
      company: { name: SETTINGS.companyName, taxId: SETTINGS.taxId, representative: SETTINGS.representative },
    });
    // The same version again: the browser's copy is still good.
    const again = await call(null, { method: 'GET', url: '/api/store', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('stores empty optional fields as null and shows the zh-TW name where English is empty', async () => {
    const { version } = await adminSettings();
    const saved = await ok(admin, {
      method: 'PUT',
      url: '/api/admin/store/settings',
      payload: { ...SETTINGS, name: { 'zh-TW': '山嵐茶舖', en: '' }, contactEmail: '', taxId: '  ', representative: null, version },
    });
    expect(saved).toMatchObject({ contactEmail: null, taxId: null, representative: null });
    expect((await ok(customer, { method: 'GET', url: '/api/store' })).name).toEqual({ 'zh-TW': '山嵐茶舖', en: '山嵐茶舖' });
  });

  it.each([
    ['a check digit that fails', '12345678', 'tax_id_checksum'],
    ['seven digits', '1234567', 'invalid_format'],
    ['letters', '0459525A', 'invalid_format'],
  ])('refuses a 統一編號 with %s (400 with the field error) and keeps the details', async (_what, taxId, code) => {
    const before = await adminSettings();
    const res = await call(admin, {
      method: 'PUT',
      url: '/api/admin/store/settings',
      payload: { ...SETTINGS, taxId, version: before.version },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'body.taxId', code })] });
    expect(await adminSettings()).toEqual(before);
  });

  it('accepts a 統一編號 whose 7th digit is 7 when the sum plus one is a multiple of 5', async () => {
    const { version } = await adminSettings();
    const saved = await ok(admin, {
      method: 'PUT',
      url: '/api/admin/store/settings',
      payload: { ...SETTINGS, taxId: '10458575', version },
    });
    expect(saved.taxId).toBe('10458575');
  });

  it('refuses other bad fields with their field errors', async () => {
    const { version } = await adminSettings();
    const res = await call(admin, {
      method: 'PUT',
      url: '/api/admin/store/settings',
      payload: { ...SETTINGS, name: { 'zh-TW': ' ', en: 'x' }, contactEmail: 'not-an-email', phone: '12345', version },
    });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().errors as Array<{ path: string }>).map((e) => e.path).sort();
    expect(paths).toEqual(['body.contactEmail', 'body.name.zh-TW', 'body.phone']);
  });

  it('refuses a save on a stale version with 409 VERSION_CONFLICT and keeps the newer one', async () => {
    const read = await adminSettings();
    const first = await ok(admin, {
      method: 'PUT',
      url: '/api/admin/store/settings',
      payload: { ...SETTINGS, phone: '0911222333', version: read.version },
    });

    const stale = await call(admin, {
      method: 'PUT',
      url: '/api/admin/store/settings',
      payload: { ...SETTINGS, phone: '0999888777', version: read.version },
    });

    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: first.version });
    expect((await adminSettings()).phone).toBe('0911222333');
  });

  it('saves a legal page on its version, shows it in each language, and refuses a stale save', async () => {
    const page = await ok(admin, { method: 'GET', url: '/api/admin/store/pages/returns' });
    const body = { 'zh-TW': '## 七天鑑賞期\n收到商品後七天內可退貨。', en: '## 7-day cooling-off\nReturn within 7 days.' };
    const saved = await ok(admin, { method: 'PUT', url: '/api/admin/store/pages/returns', payload: { version: page.version, body } });
    expect(saved).toMatchObject({ slug: 'returns', body, version: page.version + 1 });

    expect(await ok(null, { method: 'GET', url: '/api/store/pages/returns?locale=en' })).toMatchObject({ locale: 'en', body: body.en });
    expect(
      await ok(null, { method: 'GET', url: '/api/store/pages/returns', headers: { 'accept-language': 'en-US,en;q=0.9' } }),
    ).toMatchObject({ locale: 'en', body: body.en });
    expect(await ok(null, { method: 'GET', url: '/api/store/pages/returns' })).toMatchObject({ locale: 'zh-TW', body: body['zh-TW'] });

    const stale = await call(admin, {
      method: 'PUT',
      url: '/api/admin/store/pages/returns',
      payload: { version: page.version, body: { 'zh-TW': '舊的', en: '' } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: saved.version });
    expect((await ok(null, { method: 'GET', url: '/api/store/pages/returns' })).body).toBe(body['zh-TW']);
  });

  it('shows the zh-TW text of a page whose English is empty, and refuses an empty zh-TW text', async () => {
    const page = await ok(admin, { method: 'GET', url: '/api/admin/store/pages/privacy' });
    await ok(admin, {
      method: 'PUT',
      url: '/api/admin/store/pages/privacy',
      payload: { version: page.version, body: { 'zh-TW': '隱私權', en: '' } },
    });
    expect((await ok(null, { method: 'GET', url: '/api/store/pages/privacy?locale=en' })).body).toBe('隱私權');

    const empty = await call(admin, {
      method: 'PUT',
      url: '/api/admin/store/pages/privacy',
      payload: { version: page.version + 1, body: { 'zh-TW': '  ', en: 'x' } },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([expect.objectContaining({ path: 'body.body.zh-TW' })]);
  });

  it('answers 404 LEGAL_PAGE_NOT_FOUND for a page that is not one of the three', async () => {
    for (const url of ['/api/store/pages/shipping', '/api/admin/store/pages/about']) {
      const res = await call(admin, { method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'LEGAL_PAGE_NOT_FOUND' });
    }
  });

  it('keeps the staff routes for admins: a customer and operations staff get 403, nobody signed in 401', async () => {
    const before = await adminSettings();
    const attempts: Array<Pick<InjectOptions, 'method' | 'url' | 'payload'>> = [
      { method: 'GET', url: '/api/admin/store/settings' },
      { method: 'PUT', url: '/api/admin/store/settings', payload: { ...SETTINGS, phone: '0900000000', version: before.version } },
      { method: 'GET', url: '/api/admin/store/pages/returns' },
      { method: 'PUT', url: '/api/admin/store/pages/returns', payload: { version: 1, body: { 'zh-TW': '被竄改', en: '' } } },
    ];
    for (const attempt of attempts) {
      expect((await call(customer, attempt)).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect((await call(ops, attempt)).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect((await call(null, attempt)).json()).toMatchObject({ status: 401, code: 'AUTH_UNAUTHORIZED' });
    }
    expect(await adminSettings()).toEqual(before);
    expect((await ok(null, { method: 'GET', url: '/api/store/pages/returns' })).body).not.toBe('被竄改');
  });

  it('offers the store section of the console to admins only', async () => {
    expect((await ok(admin, { method: 'GET', url: '/api/admin/me' })).sections).toContain('store');
    expect((await ok(ops, { method: 'GET', url: '/api/admin/me' })).sections).not.toContain('store');
  });

  it('records each save in the outbox', async () => {
    const events = await h.pool.query<{ event_type: string; aggregate_id: string }>(
      "SELECT event_type, aggregate_id FROM event_outbox WHERE aggregate_type = 'store' ORDER BY created_at",
    );
    expect(events.rows.map((e) => e.event_type)).toContain('store.settings_updated');
    expect(events.rows).toContainEqual({ event_type: 'store.legal_page_updated', aggregate_id: 'returns' });
  });
});
