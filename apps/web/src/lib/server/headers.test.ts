import { describe, expect, it } from 'vitest';
import { setPageSecurityHeaders } from './headers';

const headersFor = (page: { https: boolean; personal: boolean }) => {
  const headers = new Headers({ 'cache-control': 'max-age=60' });
  setPageSecurityHeaders(headers, page);
  return headers;
};

describe('page security headers', () => {
  it('forbid framing and sniffing, and keep the referrer to the origin elsewhere', () => {
    const headers = headersFor({ https: false, personal: false });
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('permissions-policy')).toContain('camera=()');
    expect(headers.get('cache-control')).toBe('max-age=60');
  });

  it('pin https only when the page came over https', () => {
    expect(headersFor({ https: false, personal: false }).get('strict-transport-security')).toBeNull();
    expect(headersFor({ https: true, personal: false }).get('strict-transport-security')).toMatch(/^max-age=\d{8}/);
  });

  it('keep a personal page out of every cache', () => {
    expect(headersFor({ https: false, personal: true }).get('cache-control')).toBe('no-store');
  });
});
