import { describe, expect, it } from 'vitest';
import { alternateUrls, delocalizePath, isLocaleNeutralPath, localeOfPath, localizeHref } from './index';

describe('language of a path', () => {
  it.each([
    ['/', 'zh-TW'],
    ['/products/tidb-mug', 'zh-TW'],
    ['/english-books', 'zh-TW'],
    ['/en', 'en'],
    ['/en/products', 'en'],
  ])('%s is %s', (path, locale) => {
    expect(localeOfPath(path)).toBe(locale);
  });

  it.each([
    ['/en', '/'],
    ['/en/', '/'],
    ['/en/products/tidb-mug', '/products/tidb-mug'],
    ['/products', '/products'],
    ['/english-books', '/english-books'],
  ])('renders %s as the route %s', (path, route) => {
    expect(delocalizePath(path)).toBe(route);
  });
});

describe('links in a language', () => {
  it.each([
    ['/', 'en', '/en'],
    ['/?q=mug', 'en', '/en?q=mug'],
    ['/products?category=tops&page=2', 'en', '/en/products?category=tops&page=2'],
    ['/products/tidb-mug#reviews', 'en', '/en/products/tidb-mug#reviews'],
    ['/en/account', 'en', '/en/account'],
    ['/en/account', 'zh-TW', '/account'],
    ['/en', 'zh-TW', '/'],
    ['/account/addresses', 'zh-TW', '/account/addresses'],
  ])('%s in %s is %s', (href, locale, expected) => {
    expect(localizeHref(href, locale as 'en' | 'zh-TW')).toBe(expected);
  });

  it.each([
    '/admin',
    '/admin/products/1',
    '/api/products',
    '/media/a.webp',
    '/lang',
    '/sitemap.xml',
    '/sitemap-2.xml',
    '/robots.txt',
    '?/profile',
    '#top',
    'https://example.tw/',
    '//evil.example',
  ])('leaves %s as it is', (href) => {
    expect(localizeHref(href, 'en')).toBe(href);
  });

  it('treats the admin console as one URL in both languages', () => {
    expect(isLocaleNeutralPath('/admin/users')).toBe(true);
    expect(isLocaleNeutralPath('/en/admin/users')).toBe(true);
    expect(isLocaleNeutralPath('/en/products')).toBe(false);
  });
});

describe('hreflang alternates', () => {
  it('name the page in both languages and zh-TW as the default, as absolute public URLs', () => {
    expect(alternateUrls('https://shop.example.tw', '/products?category=tops')).toEqual([
      { hreflang: 'zh-Hant-TW', href: 'https://shop.example.tw/products?category=tops' },
      { hreflang: 'en', href: 'https://shop.example.tw/en/products?category=tops' },
      { hreflang: 'x-default', href: 'https://shop.example.tw/products?category=tops' },
    ]);
    expect(alternateUrls('https://shop.example.tw', '/en')[0]?.href).toBe('https://shop.example.tw/');
  });
});
