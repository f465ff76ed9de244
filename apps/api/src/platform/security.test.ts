import { describe, expect, it } from 'vitest';
import { hostAllowed } from './security.js';

describe('hostAllowed', () => {
  const allowed = ['shop.example.tw', 'admin.example.tw:8443'];
  const publicUrl = 'https://www.example.tw';

  it.each([
    ['shop.example.tw', true],
    ['SHOP.example.tw:3000', true],
    ['admin.example.tw:8443', true],
    ['admin.example.tw', false],
    ['www.example.tw', true],
    ['localhost:3000', true],
    ['127.0.0.1:3000', true],
    ['[::1]:3000', true],
    ['evil.example', false],
    ['shop.example.tw.evil.example', false],
    ['10.0.0.7:3000', false],
  ])('%s → %s', (host, expected) => {
    expect(hostAllowed(host, allowed, publicUrl)).toBe(expected);
  });

  it('allows every host when no list is configured', () => {
    expect(hostAllowed('evil.example', undefined, publicUrl)).toBe(true);
  });
});
