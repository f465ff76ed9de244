import { checkMacValue, STAGE_LOGISTICS_C2C, STORE_MAP_REPLY_FIELDS, StoreMapReply } from '@shop/ecpay';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecpaySimulator } from './index.js';

const app = Fastify();
beforeAll(async () => {
  await app.register(ecpaySimulator, { prefix: '/_sim/ecpay' });
  await app.ready();
});
afterAll(() => app.close());

const request = {
  MerchantID: '2000933',
  MerchantTradeNo: 'CK20261207001',
  LogisticsType: 'CVS',
  LogisticsSubType: 'UNIMARTC2C',
  IsCollection: 'N',
  ServerReplyURL: 'https://shop.example/checkout/store-selected',
  ExtraData: 'sess-42',
  Device: '1',
};

const post = (path: string, fields: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url: `/_sim/ecpay${path}`,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The form the page posts at once (its action and hidden fields, in order). */
function replyForm(html: string): { action: string; fields: Array<[string, string]> } | undefined {
  const form = /<form id="reply" method="post" action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) return undefined;
  const fields = [...form[2]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
    (m) => [unescape(m[1]!), unescape(m[2]!)] as [string, string],
  );
  return { action: unescape(form[1]!), fields };
}

/** The stores the page shows (not hidden), as [id, name]. */
function listed(html: string): string[] {
  return [...html.matchAll(/<li (hidden )?data-city="[^"]*"[^>]*><button type="submit" name="CVSStoreID" value="(\d+)">/g)]
    .filter((m) => !m[1])
    .map((m) => m[2]!);
}

describe('the store map', () => {
  it('lists the chosen chain’s stores on a page for phones', async () => {
    const res = await post('/Express/map', request);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<meta name="viewport"');
    expect(res.body).toContain('7-ELEVEN 門市查詢');
    const ids = listed(res.body);
    expect(ids.length).toBeGreaterThan(100);
    expect(ids).toContain('131386');
    expect(ids).not.toContain('006598'); // 全家's stage store
  });

  it('posts the chosen store back to ServerReplyURL with ECPay’s fields', async () => {
    const res = await post('/Express/map/choose', { ...request, CVSStoreID: '131386' });
    expect(res.statusCode).toBe(200);
    const form = replyForm(res.body);
    expect(form?.action).toBe('https://shop.example/checkout/store-selected');
    expect(form?.fields.map(([name]) => name)).toEqual([...STORE_MAP_REPLY_FIELDS]);
    const fields = Object.fromEntries(form!.fields);
    expect(fields).toEqual({
      MerchantID: '2000933',
      MerchantTradeNo: 'CK20261207001',
      LogisticsSubType: 'UNIMARTC2C',
      CVSStoreID: '131386',
      CVSStoreName: '鑫台北門市',
      CVSAddress: '臺北市中正區忠孝西路一段49號',
      CVSTelephone: '02-23117322',
      CVSOutSide: '0',
      ExtraData: 'sess-42',
    });
    expect(StoreMapReply.safeParse(fields).success).toBe(true);
    // It submits itself; the page's policy lets it post to the merchant and run only its own script.
    expect(res.body).toMatch(/<script nonce="[^"]+">document\.getElementById\('reply'\)\.submit\(\);<\/script>/);
    expect(res.headers['content-security-policy']).toContain('form-action');
  });

  it('says an outlying-island store is one (CVSOutSide=1) and answers for 全家, 萊爾富 and OK too', async () => {
    const fami = await post('/Express/map', { ...request, LogisticsSubType: 'FAMI' });
    expect(listed(fami.body)).toContain('006598');
    const ok = await post('/Express/map', { ...request, LogisticsSubType: 'OKMARTC2C', SimCity: '金門縣' });
    const okIds = listed(ok.body);
    expect(okIds.length).toBeGreaterThan(0);
    const chosen = await post('/Express/map/choose', { ...request, LogisticsSubType: 'OKMARTC2C', CVSStoreID: okIds[0]! });
    const fields = Object.fromEntries(replyForm(chosen.body)!.fields);
    expect(fields).toMatchObject({ LogisticsSubType: 'OKMARTC2C', CVSStoreID: okIds[0], CVSOutSide: '1' });
    expect(fields.CVSAddress).toMatch(/^金門縣/);
    const hilife = await post('/Express/map', { ...request, LogisticsSubType: 'HILIFEC2C' });
    expect(listed(hilife.body).every((id) => id.length === 4)).toBe(true);
  });

  it('narrows the list by city, district and name without JavaScript', async () => {
    const all = listed((await post('/Express/map', request)).body);
    const district = listed((await post('/Express/map', { ...request, SimCity: '臺北市', SimDistrict: '中正區' })).body);
    expect(district.length).toBeGreaterThan(0);
    expect(district.length).toBeLessThan(all.length);
    expect(district).toContain('131386');
    const byName = listed((await post('/Express/map', { ...request, SimQuery: '鑫台北' })).body);
    expect(byName).toEqual(['131386']);
    // The search keeps the merchant's fields for the next step.
    const page = (await post('/Express/map', { ...request, SimQuery: '鑫台北' })).body;
    expect(page).toContain('<input type="hidden" name="ServerReplyURL" value="https://shop.example/checkout/store-selected">');
    expect(page).not.toContain('<input type="hidden" name="SimQuery"');
  });

  it('answers an unknown sub-type with ECPay’s error page and posts nothing back', async () => {
    for (const subType of ['OKMART', 'TCAT', '']) {
      const res = await post('/Express/map', { ...request, LogisticsSubType: subType });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('data-error="LogisticsSubTypeError"');
      expect(res.body).toContain('物流子類型 LogisticsSubType');
      expect(res.body).not.toContain('<form');
    }
  });

  it('names a missing required field and refuses home delivery', async () => {
    const { ServerReplyURL: _, ...noReply } = request;
    const missing = await post('/Express/map', noReply);
    expect(missing.body).toContain('data-error="ServerReplyURLError"');
    expect(missing.body).toContain('缺少必要參數');
    const home = await post('/Express/map', { ...request, LogisticsType: 'HOME' });
    expect(home.body).toContain('data-error="LogisticsTypeError"');
  });

  it('checks a signed request of a known merchant and refuses a wrong signature', async () => {
    const signed = { ...request, CheckMacValue: checkMacValue(request, STAGE_LOGISTICS_C2C, 'md5') };
    expect(listed((await post('/Express/map', signed)).body)).toContain('131386');
    const chosen = await post('/Express/map/choose', { ...signed, SimCity: '臺北市', CVSStoreID: '131386' });
    expect(replyForm(chosen.body)).toBeDefined();
    const tampered = await post('/Express/map', { ...signed, ServerReplyURL: 'https://evil.example/steal' });
    expect(tampered.body).toContain('data-error="CheckMacValueError"');
    expect(tampered.body).not.toContain('evil.example');
  });

  it('refuses a store of another chain or one that does not exist', async () => {
    for (const id of ['006598', '999999', '']) {
      const res = await post('/Express/map/choose', { ...request, CVSStoreID: id });
      expect(res.body).toContain('data-error="CVSStoreIDError"');
      expect(replyForm(res.body)).toBeUndefined();
    }
  });

  it('escapes what the merchant sent', async () => {
    const res = await post('/Express/map/choose', { ...request, ExtraData: '"><script>x</script>', CVSStoreID: '131386' });
    expect(res.body).not.toContain('<script>x');
    expect(Object.fromEntries(replyForm(res.body)!.fields).ExtraData).toBe('"><script>x</script>');
  });

  it('tells a plain visit to open the map from the shop', async () => {
    const res = await app.inject({ method: 'GET', url: '/_sim/ecpay/Express/map' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-error="MethodError"');
  });
});

describe('mounted next to the API', () => {
  it('stays out of the OpenAPI document', async () => {
    const swagger = (await import('@fastify/swagger')).default;
    const host = Fastify();
    await host.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } } });
    host.get('/api/x', async () => 'x');
    await host.register(ecpaySimulator, { prefix: '/_sim/ecpay' });
    await host.ready();
    expect(Object.keys(host.swagger().paths ?? {})).toEqual(['/api/x']);
    await host.close();
  });
});
