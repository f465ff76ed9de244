import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
