import { describe, expect, it } from 'vitest';
import { getTranslator } from '$lib/i18n';
import { decodeUtf8, importFormat, importRowErrors, isJson, rowErrorText } from './import-file';

describe('importFormat', () => {
  it.each([
    [{ chosen: 'csv', fileName: 'products.json', text: '[]' }, 'csv'],
    [{ chosen: 'json', text: 'category,name_zh,price' }, 'json'],
    [{ chosen: '', fileName: 'Products.JSON', text: 'anything' }, 'json'],
    [{ chosen: '', fileName: 'export.csv', text: '[not json' }, 'csv'],
    [{ chosen: '', fileName: 'export.txt', text: '  \n[{"categoryId":"t-shirts"}]' }, 'json'],
    [{ chosen: '', text: '\uFEFF{"products":[]}' }, 'json'],
    [{ chosen: '', text: 'category,name_zh,price\nt-shirts,T恤,390' }, 'csv'],
    [{ chosen: 'xml', text: '' }, 'csv'],
  ])('%j is %s', (input, format) => {
    expect(importFormat(input)).toBe(format);
  });
});

describe('decodeUtf8', () => {
  it('reads UTF-8 and refuses other encodings', () => {
    expect(decodeUtf8(new TextEncoder().encode('名稱,價格').buffer as ArrayBuffer)).toBe('名稱,價格');
    // 「名稱」 in Big5, as Excel in Taiwan saves CSV by default.
    expect(decodeUtf8(new Uint8Array([0xa6, 0x57, 0xba, 0xd9]).buffer)).toBeUndefined();
  });
});

describe('isJson', () => {
  it('tells JSON from text that is not', () => {
    expect(isJson('[{"a":1}]')).toBe(true);
    expect(isJson('[{"a":1},]')).toBe(false);
  });
});

describe('importRowErrors', () => {
  it('reads the rows of an IMPORT_INVALID document only', () => {
    const errors = [{ row: 3, path: 'price', message: 'Expected a number.' }];
    expect(importRowErrors({ code: 'IMPORT_INVALID', status: 400, errors })).toEqual(errors);
    expect(importRowErrors({ code: 'VALIDATION_FAILED', errors: [{ path: 'body', message: 'x', code: 'y' }] })).toBeUndefined();
    expect(importRowErrors(undefined)).toBeUndefined();
  });
});

describe('rowErrorText', () => {
  const zh = getTranslator('zh-TW');
  const en = getTranslator('en');

  it('words a row problem from its code and parameters, in the admin language', () => {
    const taken = { row: 3, path: 'sku', code: 'SKU_TAKEN', params: { sku: 'TEE-S' }, message: 'SKU TEE-S already exists.' };
    expect(rowErrorText(zh, taken)).toBe('SKU TEE-S 已存在。');
    expect(rowErrorText(en, taken)).toBe('SKU TEE-S already exists.');
    const notNumber = {
      row: 2,
      path: 'price',
      code: 'INVALID_TYPE',
      params: { expected: 'number' },
      message: 'Invalid input: expected number, received string',
    };
    expect(rowErrorText(zh, notNumber)).toBe('格式不符：應為數字。');
    expect(rowErrorText(zh, { row: 2, path: 'category', code: 'CATEGORY_NOT_FOUND', params: { ref: 'no-such' }, message: '' })).toBe(
      '找不到代稱或 ID 為「no-such」的分類。',
    );
  });

  it('falls back to the English message for a code it does not know, or none', () => {
    expect(rowErrorText(zh, { row: 1, path: '', code: 'SOMETHING_NEW', params: {}, message: 'Something new.' })).toBe('Something new.');
    expect(rowErrorText(zh, { row: 1, path: '', message: 'Old server.' })).toBe('Old server.');
  });
});
