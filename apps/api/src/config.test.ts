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
