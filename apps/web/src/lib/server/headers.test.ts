import { describe, expect, it } from 'vitest';
import { allowFormAction, allowImageOrigin, setPageSecurityHeaders } from './headers';

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

describe('image origin in the page policy', () => {
  it('joins img-src, leaving the rest of the policy as SvelteKit wrote it', () => {
    const headers = new Headers({ 'content-security-policy': "default-src 'self'; img-src 'self' data:; script-src 'self' 'nonce-abc'" });
    allowImageOrigin(headers, 'http://localhost:9000');
    expect(headers.get('content-security-policy')).toBe(
      "default-src 'self'; img-src http://localhost:9000 'self' data:; script-src 'self' 'nonce-abc'",
    );
  });

  it('changes nothing without an image origin or a policy', () => {
    const headers = new Headers({ 'content-security-policy': "img-src 'self'" });
    allowImageOrigin(headers, undefined);
    expect(headers.get('content-security-policy')).toBe("img-src 'self'");
    const none = new Headers();
    allowImageOrigin(none, 'http://localhost:9000');
    expect(none.has('content-security-policy')).toBe(false);
  });
});

describe('allowFormAction', () => {
  it('adds the store map’s origin to form-action and nothing when there is no policy', () => {
    const headers = new Headers({ 'content-security-policy': "default-src 'self'; form-action 'self'; frame-ancestors 'none'" });
    allowFormAction(headers, 'https://logistics.ecpay.com.tw');
    expect(headers.get('content-security-policy')).toBe(
      "default-src 'self'; form-action https://logistics.ecpay.com.tw 'self'; frame-ancestors 'none'",
    );
    const none = new Headers();
    allowFormAction(none, 'https://logistics.ecpay.com.tw');
    expect(none.has('content-security-policy')).toBe(false);
  });
});
