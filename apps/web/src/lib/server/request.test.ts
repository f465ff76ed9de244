import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api/client';
import { toPublicError } from './errors';
import { loginPath, preferredLocale, resolveLocale, resolveRequestId, safeRedirectPath } from './request';

describe('locale of a request', () => {
  it('is zh-TW without a lang cookie', () => {
    expect(resolveLocale(undefined)).toBe('zh-TW');
  });

  it('follows the lang cookie', () => {
    expect(resolveLocale('en')).toBe('en');
    expect(resolveLocale('zh-TW')).toBe('zh-TW');
  });

  it('ignores an unsupported cookie value', () => {
    expect(resolveLocale('fr')).toBe('zh-TW');
  });
});

describe('language of a first visit', () => {
  it.each([
    [null, 'zh-TW'],
    ['', 'zh-TW'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['zh-TW,zh;q=0.9,en-US;q=0.8', 'zh-TW'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-TW'],
    ['ja-JP,ja;q=0.9,en;q=0.8', 'en'],
    ['en;q=0.5,zh-Hant;q=0.9', 'zh-TW'],
    ['fr-FR,de;q=0.8', 'zh-TW'],
    ['*', 'zh-TW'],
  ])('Accept-Language %j asks for %s', (header, locale) => {
    expect(preferredLocale(header)).toBe(locale);
  });
});

describe('request id', () => {
  it('keeps a well-formed incoming id', () => {
    expect(resolveRequestId('4bf92f3577b34da6a3ce929d0e0e4736')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it.each([null, '', 'has spaces in it', 'x'.repeat(200), 'line\nbreak-injection'])('replaces %j with a new id', (incoming) => {
    expect(resolveRequestId(incoming)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('redirect after switching language', () => {
  it.each([
    ['/', '/'],
    ['/products?page=2#top', '/products?page=2#top'],
    ['/訂單', '/%E8%A8%82%E5%96%AE'],
  ])('returns to %s', (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/./\\evil.example',
    '/.\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/a/..//evil.example',
    'javascript:alert(1)',
    '',
    null,
    42,
  ])('refuses to leave the site for %j', (value) => {
    expect(safeRedirectPath(value)).toBe('/');
  });
});

describe('public error', () => {
  it('hides the message and stack of an unexpected error', () => {
    const error = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    const shown = toPublicError(error, 500, 'req-12345678');
    expect(shown).toEqual({ message: 'Internal Error', traceId: 'req-12345678' });
    expect(JSON.stringify(shown)).not.toContain('ECONNREFUSED');
  });

  it('passes on the code and trace id of a failed API call', () => {
    const error = new ApiError({
      type: 'about:blank',
      title: 'x',
      status: 0,
      code: 'NETWORK_ERROR',
      traceId: 'api-1',
      detail: 'fetch failed',
    });
    expect(toPublicError(error, 500, 'req-12345678')).toEqual({ message: 'API error', code: 'NETWORK_ERROR', traceId: 'api-1' });
  });
});

describe('the way to the login page', () => {
  it.each([
    ['http://shop.test/account', '/login?redirect=%2Faccount'],
    ['http://shop.test/account/addresses?notice=created', '/login?redirect=%2Faccount%2Faddresses%3Fnotice%3Dcreated'],
    ['http://shop.test/account?/profile', '/login?redirect=%2Faccount'],
    ['http://shop.test/admin/users?q=ann&/grant', '/login?redirect=%2Fadmin%2Fusers%3Fq%3Dann'],
    ['http://shop.test/', '/login'],
    ['http://shop.test/en/account/addresses', '/en/login?redirect=%2Faccount%2Faddresses'],
    ['http://shop.test/en', '/en/login'],
  ])('from %s is %s', (from, to) => {
    expect(loginPath(new URL(from))).toBe(to);
  });

  it('leads back to the page after signing in', () => {
    const back = new URL(loginPath(new URL('http://shop.test/account/sessions?x=1')), 'http://shop.test').searchParams.get('redirect');
    expect(safeRedirectPath(back)).toBe('/account/sessions?x=1');
  });
});
