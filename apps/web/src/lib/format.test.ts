import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, minorUnitDigits } from './format';

describe('formatMoney', () => {
  it.each([
    [1234, 'zh-TW', 'TWD', '$1,234'],
    [0, 'zh-TW', 'TWD', '$0'],
    [1_000_000, 'zh-TW', 'TWD', '$1,000,000'],
    [-350, 'zh-TW', 'TWD', '-$350'],
    [1234, 'en', 'TWD', 'NT$1,234'],
    [1234, 'en', 'USD', '$12.34'],
    [5, 'en', 'USD', '$0.05'],
    [1234, 'zh-TW', 'USD', 'US$12.34'],
  ] as const)('%i minor units in %s/%s → %s', (minor, locale, currency, expected) => {
    expect(formatMoney(minor, { locale, currency })).toBe(expected);
  });

  it('defaults to TWD in zh-TW', () => {
    expect(formatMoney(1990)).toBe('$1,990');
  });

  it('refuses fractional minor units instead of rounding money silently', () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
  });

  it('knows TWD is charged in whole dollars and USD in cents', () => {
    expect(minorUnitDigits('TWD')).toBe(0);
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
  });
});

/** ICU separates parts with no-break spaces (U+00A0, U+202F); compare them as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('dates in Taipei time', () => {
  // 23:30 UTC on 31 Dec is already 07:30 on 1 Jan in Taipei (UTC+8).
  const newYearMorningInTaipei = new Date('2024-12-31T23:30:00Z');

  it('formats date and time in zh-TW, 24-hour clock', () => {
    expect(plain(formatDateTime(newYearMorningInTaipei, 'zh-TW'))).toBe('2025/01/01 07:30');
  });

  it('formats date and time in English', () => {
    expect(plain(formatDateTime(newYearMorningInTaipei, 'en'))).toBe('Jan 1, 2025, 7:30 AM');
  });

  it('puts the calendar date on the Taipei day, not the UTC day', () => {
    expect(plain(formatDate('2024-12-31T23:30:00Z', 'zh-TW'))).toBe('2025/01/01');
    expect(plain(formatDate(Date.parse('2024-12-31T23:30:00Z'), 'en'))).toBe('Jan 1, 2025');
  });

  it('accepts another time zone when asked', () => {
    expect(plain(formatDateTime(newYearMorningInTaipei, 'zh-TW', 'UTC'))).toBe('2024/12/31 23:30');
  });

  it('rejects an unparseable date', () => {
    expect(() => formatDate('not a date', 'zh-TW')).toThrow(RangeError);
  });
});
