import { RefundRequestBody } from '@shop/contracts/refunds';
import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api/client';
import { getTranslator } from '$lib/i18n';
import { refundProblemCopy, refundSchemaErrors } from './refund-actions.server';

const zh = getTranslator('zh-TW');
const en = getTranslator('en');

describe('refund form messages', () => {
  it('puts each body error next to its field, with the bank fields’ own format copy', () => {
    const parsed = RefundRequestBody.safeParse({
      reason: '',
      bankAccount: { bankCode: '12', branchCode: '1', account: '12ab', holder: '' },
    });
    expect(parsed.success).toBe(false);
    expect(refundSchemaErrors(parsed.error!, zh)).toEqual({
      reason: '這是必填欄位',
      bankCode: '銀行代碼為 3 碼數字',
      branchCode: '分行代碼為 4 碼數字',
      account: '帳號為 6 到 16 碼數字',
      holder: '這是必填欄位',
    });
    expect(refundSchemaErrors(parsed.error!, en).bankCode).toBe('A bank code has 3 digits');
  });

  it('says what a refund problem means in both languages', () => {
    const open = new ApiError({ type: 'about:blank', title: 'Conflict', status: 409, code: 'REFUND_ALREADY_OPEN', traceId: 't' });
    expect(refundProblemCopy(zh, open)).toBe('這筆訂單已有處理中的退款申請');
    expect(refundProblemCopy(en, open)).toBe('This order already has a refund in progress');
  });
});
