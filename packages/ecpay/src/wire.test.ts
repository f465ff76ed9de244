import { describe, expect, it } from 'vitest';
import { formatRawPairs, formatTaipeiDate, formatTaipeiDateTime, formFields, parseRawPairs, parseTaipeiDateTime } from './wire.js';

describe('Taiwan time', () => {
  it('writes and reads ECPay’s timestamps at UTC+8', () => {
    const at = new Date('2026-12-07T16:30:05Z');
    expect(formatTaipeiDateTime(at)).toBe('2026/12/08 00:30:05');
    expect(formatTaipeiDate(at)).toBe('2026/12/08');
    expect(parseTaipeiDateTime('2026/12/08 00:30:05')).toEqual(at);
    expect(parseTaipeiDateTime('2026/12/08')).toEqual(new Date('2026-12-07T16:00:00Z'));
  });

  it('refuses days and times that do not exist', () => {
    for (const text of ['2026/02/29 00:00:00', '2026/13/01', '2026/12/08 24:00:00', '2026-12-08', '']) {
      expect(parseTaipeiDateTime(text), text).toBeUndefined();
    }
    expect(parseTaipeiDateTime('2028/02/29 12:00:00')).toBeDefined();
  });
});

describe('forms and answer texts', () => {
  it('takes one string per name and nothing else', () => {
    expect(formFields('a=1&b=%E4%BB%98+x')).toEqual({ a: '1', b: '付 x' });
    expect(formFields('a=1&a=2')).toBeUndefined();
    expect(formFields({ a: '1', b: ['1'] })).toBeUndefined();
    expect(formFields(null)).toBeUndefined();
  });

  it('writes answers in ECPay’s order and reads them back unchanged', () => {
    const text = formatRawPairs({ TradeStatus: '1', CheckMacValue: 'X', amount: '5', ItemName: 'a+b #c' });
    expect(text).toBe('amount=5&ItemName=a+b #c&TradeStatus=1&CheckMacValue=X');
    expect(parseRawPairs(text)).toEqual({ amount: '5', ItemName: 'a+b #c', TradeStatus: '1', CheckMacValue: 'X' });
    expect(parseRawPairs('a=1=2')).toEqual({ a: '1=2' });
    expect(parseRawPairs('noequals')).toBeUndefined();
    expect(parseRawPairs('a=1&a=2')).toBeUndefined();
  });
});
