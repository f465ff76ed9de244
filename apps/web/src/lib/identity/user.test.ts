import { describe, expect, it } from 'vitest';
import { describeUserAgent } from './user-agent';
import { isAdmin, isStaff, toSessionUser } from './user';

describe('roles', () => {
  it.each([
    [['customer'], false, false],
    [['customer', 'ops'], true, false],
    [['support'], true, false],
    [['admin'], true, true],
    [[], false, false],
  ] as const)('%j: staff %s, admin %s', (roles, staff, admin) => {
    expect(isStaff(roles)).toBe(staff);
    expect(isAdmin(roles)).toBe(admin);
  });

  it('keeps only what pages need of the user', () => {
    const me = {
      id: '00000000-0000-4000-8000-000000000003',
      email: 'ann@example.tw',
      displayName: 'Ann',
      phone: '0912345678',
      locale: 'zh-TW' as const,
      roles: ['customer' as const],
      emailVerified: false,
      mustVerifyBeforeCheckout: false,
      mustChangePassword: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect(toSessionUser(me)).toEqual({
      id: me.id,
      email: 'ann@example.tw',
      displayName: 'Ann',
      roles: ['customer'],
      emailVerified: false,
      locale: 'zh-TW',
    });
  });
});

describe('device names', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36', 'Chrome · Windows'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 Edg/140.0',
      'Edge · Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      'Safari · iOS',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'Firefox · Linux'],
    ['Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36', 'Chrome · Android'],
    ['curl/8.5.0', 'curl/8.5.0'],
  ])('%s → %s', (ua, name) => {
    expect(describeUserAgent(ua)).toBe(name);
  });

  it('has no name for a missing user agent', () => {
    expect(describeUserAgent(null)).toBeUndefined();
    expect(describeUserAgent('')).toBeUndefined();
  });
});
