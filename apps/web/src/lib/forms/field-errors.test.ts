import { PolicyInput } from '@shop/contracts/access';
import { AddressInput, RegisterBody } from '@shop/contracts/identity';
import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { getTranslator } from '$lib/i18n';
import { apiFieldErrors, errorFor, issuePath, zodFieldErrors } from './field-errors';

const zh = getTranslator('zh-TW');
const en = getTranslator('en');

function errorsOf<T>(result: { success: true; data: T } | { success: false; error: ZodError }) {
  if (result.success) throw new Error('expected a failure');
  return result.error;
}

describe('field errors from the contract schemas', () => {
  it('names each bad field of a registration in zh-TW', () => {
    const error = errorsOf(RegisterBody.safeParse({ email: 'nope', password: 'short', displayName: '  ', phone: '12345' }));

    expect(zodFieldErrors(error, zh, { formats: { phone: 'fieldError.mobile' } })).toEqual({
      email: '請輸入有效的電子郵件地址',
      password: '至少需要 10 個字元',
      displayName: '這是必填欄位',
      phone: '請輸入台灣手機號碼，例如 0912345678',
    });
  });

  it('speaks English to English visitors', () => {
    const error = errorsOf(RegisterBody.safeParse({ email: 'nope', password: 'short', displayName: 'Ann' }));
    expect(zodFieldErrors(error, en)).toEqual({ email: 'Enter a valid email address', password: 'Use at least 10 characters' });
  });

  it('uses the field-specific copy for pattern mismatches, and a generic one otherwise', () => {
    const error = errorsOf(
      AddressInput.safeParse({
        recipientName: 'A',
        phone: 'x',
        postalCode: '12',
        city: 'c',
        district: 'd',
        line1: 'l',
        line2: 'y'.repeat(121),
      }),
    );

    expect(zodFieldErrors(error, zh, { formats: { phone: 'fieldError.phone', postalCode: 'fieldError.postalCode' } })).toEqual({
      phone: '請輸入台灣電話號碼，例如 0912345678 或 02-23456789',
      postalCode: '請輸入 3、5 或 6 碼郵遞區號',
      city: '請從清單選擇縣市',
      line2: '最多 120 個字元',
    });
    expect(zodFieldErrors(error, zh).phone).toBe('格式不正確');
  });

  it('says which Taiwanese place does not fit, in both languages', () => {
    const base = { recipientName: 'A', phone: '0912345678', line1: 'l' };
    const district = errorsOf(AddressInput.safeParse({ ...base, postalCode: '220', city: '臺北市', district: '板橋區' }));
    expect(zodFieldErrors(district, zh)).toEqual({ district: '這個鄉鎮市區不在所選的縣市裡，請重新選擇' });
    const zip = errorsOf(AddressInput.safeParse({ ...base, postalCode: '220', city: '臺北市', district: '大安區' }));
    expect(zodFieldErrors(zip, en)).toEqual({ postalCode: 'The postal code does not match the chosen district' });
    const city = errorsOf(AddressInput.safeParse({ ...base, postalCode: '999', city: '火星市', district: '大安區' }));
    expect(zodFieldErrors(city, zh)).toEqual({ city: '請從清單選擇縣市' });
  });

  it('keys nested issues by their full path', () => {
    const error = errorsOf(
      PolicyInput.safeParse({
        name: 'p',
        effect: 'allow',
        actions: [],
        resourceTypes: ['order'],
        conditions: [
          { attr: 'context.time', op: 'between', value: ['25:00', '01:00'] },
          { attr: 'subject.userId', op: 'eq' },
        ],
      }),
    );

    const errors = zodFieldErrors(error, en);
    expect(errors.actions).toBe('Choose at least 1');
    expect(errors['conditions.0.value.0']).toBe("This doesn't look right");
    expect(errors['conditions.1']).toBe('Not valid: Give either value or ref.');
  });

  it('keeps the first issue of a field', () => {
    const error = errorsOf(RegisterBody.safeParse({ email: '', password: '', displayName: '' }));
    expect(Object.keys(zodFieldErrors(error, zh)).sort()).toEqual(['displayName', 'email', 'password']);
  });

  it('writes the empty path as the whole form', () => {
    expect(issuePath([])).toBe('form');
    expect(issuePath(['conditions', 0, 'value'])).toBe('conditions.0.value');
  });
});

describe('field errors from a VALIDATION_FAILED problem', () => {
  it('maps body.<field> to the form field, with copy for the API-only codes', () => {
    expect(
      apiFieldErrors(
        [
          { path: 'body.newPassword', message: 'This password is too common.', code: 'password_too_common' },
          { path: 'body.currentPassword', message: 'The current password is not right.', code: 'password_mismatch' },
          { path: 'body.phone', message: 'Another account uses this phone number.', code: 'phone_taken' },
        ],
        zh,
      ),
    ).toEqual({
      newPassword: '這個密碼太常見，請換一個較不容易被猜到的密碼',
      currentPassword: '目前密碼不正確',
      phone: '這個手機號碼已經被其他帳號使用',
    });
  });

  it('translates the address codes the API sends for places that do not fit', () => {
    expect(
      apiFieldErrors(
        [
          { path: 'body.city', message: 'Choose a city or county of Taiwan.', code: 'unknown_city' },
          { path: 'body.postalCode', message: 'The postal code of 臺北市大安區 starts with 106.', code: 'postal_code_mismatch' },
        ],
        zh,
      ),
    ).toEqual({ city: '請從清單選擇縣市', postalCode: '郵遞區號和所選的鄉鎮市區不符' });
  });

  it('keeps nested paths and gives errors outside the body to the whole form', () => {
    expect(
      apiFieldErrors(
        [
          { path: 'body.conditions.0.value', message: 'Use HH:MM, 24-hour.', code: 'invalid_format' },
          { path: 'query.page', message: 'Too small', code: 'too_small' },
          { path: 'body.postalCode', message: 'Enter a 3, 5 or 6 digit postal code.', code: 'invalid_format' },
        ],
        en,
        { formats: { postalCode: 'fieldError.postalCode' } },
      ),
    ).toEqual({
      'conditions.0.value': "This doesn't look right",
      form: 'Too short or too few',
      postalCode: 'Enter a 3, 5 or 6 digit postal code',
    });
  });

  it('falls back to a generic message for codes it does not know', () => {
    expect(apiFieldErrors([{ path: 'body.email', message: 'x', code: 'something_new' }], en)).toEqual({ email: 'This value is not valid' });
  });
});

describe('the error shown next to a field', () => {
  const errors = { name: 'Required', 'conditions.0.value': 'Bad', 'conditions.2.value.1': 'Worse', conditionsX: 'other field' };

  it('is its own error', () => {
    expect(errorFor(errors, 'name')).toBe('Required');
  });

  it('gathers the errors of its parts, saying where each one is', () => {
    expect(errorFor(errors, 'conditions')).toBe('[0].value: Bad; [2].value[1]: Worse');
  });

  it('is undefined for a field without errors', () => {
    expect(errorFor(errors, 'effect')).toBeUndefined();
    expect(errorFor(undefined, 'name')).toBeUndefined();
  });
});
