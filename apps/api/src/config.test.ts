import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, selfOrigin } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for a bare machine', () => {
    const c = loadConfig({}, []);
    expect(c).toMatchObject({ role: 'all', http: { port: 3000 }, databaseUrl: undefined, env: 'production' });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('names every bad variable at once', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', OUTBOX_MAX_ATTEMPTS: '0' }, ['--role=boss']);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const name of ['PORT="eighty"', 'DATABASE_URL="mysql://x"', 'LOG_LEVEL="loud"', 'OUTBOX_MAX_ATTEMPTS="0"', '--role=boss']) {
      expect(msg).toContain(name);
    }
  });

  it('treats empty variables as unset and reads the role from argv', () => {
    const c = loadConfig({ DATABASE_URL: '', PORT: '8080', LOG_PRETTY: 'true' }, ['--role=worker']);
    expect(c).toMatchObject({ databaseUrl: undefined, role: 'worker', http: { port: 8080 }, log: { pretty: true } });
  });
});

describe('public URL and allowed hosts', () => {
  it('links to the address the shop listens on when PUBLIC_URL is unset, and says it is a fallback', () => {
    expect(loadConfig({ PORT: '8080' }, []).http).toMatchObject({
      publicUrl: 'http://localhost:8080',
      publicUrlConfigured: false,
      allowedHosts: undefined,
    });
    expect(loadConfig({ PUBLIC_URL: 'https://shop.example.tw/' }, []).http).toMatchObject({
      publicUrl: 'https://shop.example.tw',
      publicUrlConfigured: true,
    });
  });

  it('reads ALLOWED_HOSTS as a list of lower-case host names and refuses URLs in it', () => {
    expect(loadConfig({ ALLOWED_HOSTS: 'Shop.Example.TW, www.shop.example.tw:8443,' }, []).http.allowedHosts).toEqual([
      'shop.example.tw',
      'www.shop.example.tw:8443',
    ]);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'https://shop.example.tw' }, [])).toThrow(/ALLOWED_HOSTS/);
    expect(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' }, [])).toThrow(/PUBLIC_URL/);
  });
});

describe('what the web app is handed', () => {
  it.each([
    [{ HOST: '0.0.0.0', PORT: '3105' }, 'http://127.0.0.1:3105'],
    [{ HOST: '::', PORT: '3000' }, 'http://127.0.0.1:3000'],
    [{ HOST: '10.0.0.7', PORT: '8080' }, 'http://10.0.0.7:8080'],
    [{ HOST: '::1', PORT: '8080' }, 'http://[::1]:8080'],
  ])('calls the API at its own listen address (%j → %s)', (env, origin) => {
    expect(selfOrigin(loadConfig(env, []).http)).toBe(origin);
  });
});

describe('ECPay', () => {
  it('uses the built-in simulator on this server by default', () => {
    expect(loadConfig({ PORT: '8080' }, []).ecpay).toMatchObject({
      mode: 'simulator',
      simulatorPrefix: '/_sim/ecpay',
      logistics: { mapUrl: 'http://localhost:8080/_sim/ecpay/Express/map', merchantId: '2000933', contract: 'c2c' },
    });
    expect(loadConfig({ PUBLIC_URL: 'https://shop.example.tw' }, []).ecpay.logistics.mapUrl).toBe(
      'https://shop.example.tw/_sim/ecpay/Express/map',
    );
  });

  it('switches to ECPay’s stage or production map by configuration', () => {
    expect(loadConfig({ ECPAY_MODE: 'stage', ECPAY_LOGISTICS_CONTRACT: 'b2c' }, []).ecpay.logistics).toEqual({
      mapUrl: 'https://logistics-stage.ecpay.com.tw/Express/map',
      merchantId: '2000132',
      contract: 'b2c',
    });
    const aio = { ECPAY_MERCHANT_ID: '3123457', ECPAY_HASH_KEY: 'k', ECPAY_HASH_IV: 'v' };
    expect(loadConfig({ ECPAY_MODE: 'production', ECPAY_LOGISTICS_MERCHANT_ID: '3123456', ...aio }, []).ecpay.logistics).toMatchObject({
      mapUrl: 'https://logistics.ecpay.com.tw/Express/map',
      merchantId: '3123456',
    });
  });

  it('wants the merchant’s own id in production and refuses a bad mode', () => {
    expect(() => loadConfig({ ECPAY_MODE: 'production' }, [])).toThrow(/ECPAY_LOGISTICS_MERCHANT_ID/);
    expect(() => loadConfig({ ECPAY_MODE: 'live' }, [])).toThrow(/ECPAY_MODE/);
  });

  it('posts payments to the simulator’s cashier or ECPay’s, with the stage merchant until one is configured', () => {
    const sim = loadConfig({ PUBLIC_URL: 'https://shop.example.tw' }, []).ecpay.payments;
    expect(sim).toEqual({
      checkoutUrl: 'https://shop.example.tw/_sim/ecpay/Cashier/AioCheckOut/V5',
      queryUrl: 'https://shop.example.tw/_sim/ecpay/Cashier/QueryTradeInfo/V5',
      merchant: { merchantId: '3002607', hashKey: 'pwFHCqoQZGmho4w6', hashIv: 'EkRm7iFT261dpevs' },
      acceptSimulatePaid: false,
    });
    const own = { ECPAY_MERCHANT_ID: '3123457', ECPAY_HASH_KEY: 'key', ECPAY_HASH_IV: 'iv' };
    expect(loadConfig({ ECPAY_MODE: 'stage', ECPAY_ACCEPT_SIMULATE_PAID: 'true' }, []).ecpay.payments).toMatchObject({
      checkoutUrl: 'https://payment-stage.ecpay.com.tw/Cashier/AioCheckOut/V5',
      queryUrl: 'https://payment-stage.ecpay.com.tw/Cashier/QueryTradeInfo/V5',
      acceptSimulatePaid: true,
    });
    expect(loadConfig({ ECPAY_MODE: 'production', ECPAY_LOGISTICS_MERCHANT_ID: '3123456', ...own }, []).ecpay.payments).toEqual({
      checkoutUrl: 'https://payment.ecpay.com.tw/Cashier/AioCheckOut/V5',
      queryUrl: 'https://payment.ecpay.com.tw/Cashier/QueryTradeInfo/V5',
      merchant: { merchantId: '3123457', hashKey: 'key', hashIv: 'iv' },
      acceptSimulatePaid: false,
    });
    expect(() => loadConfig({ ECPAY_MODE: 'production', ECPAY_LOGISTICS_MERCHANT_ID: '3123456' }, [])).toThrow(/ECPAY_MERCHANT_ID/);
    expect(() => loadConfig({ ECPAY_MERCHANT_ID: '3123457' }, [])).toThrow(/ECPAY_HASH_KEY, ECPAY_HASH_IV: must be set too/);
    expect(() =>
      loadConfig({ ECPAY_MODE: 'production', ECPAY_LOGISTICS_MERCHANT_ID: '3123456', ECPAY_ACCEPT_SIMULATE_PAID: 'true', ...own }, []),
    ).toThrow(/ECPAY_ACCEPT_SIMULATE_PAID/);
  });
});
