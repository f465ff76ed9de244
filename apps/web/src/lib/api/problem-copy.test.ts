import { describe, expect, it } from 'vitest';
import { getTranslator } from '$lib/i18n';
import { ApiError } from './client';
import { problemCopy, problemCopyKey } from './problem-copy';

const apiError = (code: string, status = 400) => new ApiError({ type: 'about:blank', title: code, status, code, traceId: 't-1' });

describe('problem copy', () => {
  const zh = getTranslator('zh-TW');
  const en = getTranslator('en');

  it.each([
    ['AUTH_UNAUTHORIZED', '請先登入後再進行操作'],
    ['CART_EMPTY', '購物車是空的，先去挑商品吧'],
    ['INVENTORY_SHORTAGE', '庫存不足，已更新可購買數量'],
    ['COUPON_INVALID', '優惠碼無效或已過期'],
    ['PAYMENT_FAILED', '付款失敗，請重試或更換付款方式'],
    ['ORDER_NOT_FOUND', '找不到訂單，請確認連結或重新整理'],
    ['RATE_LIMITED', '操作過於頻繁，請稍後再試'],
    ['NETWORK_ERROR', '連線異常，請稍後重試'],
  ])('shows the seed copy for %s in zh-TW', (code, copy) => {
    expect(problemCopy(zh, apiError(code))).toBe(copy);
  });

  it('fills its placeholders from the problem: how many products use an option', () => {
    const document = {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'ATTRIBUTE_OPTION_IN_USE',
      traceId: 't-1',
      detail: 'x',
      value: 'navy',
      products: 3,
    };
    const error = new ApiError(document, 409, document);
    expect(problemCopy(zh, error)).toBe('選項「navy」有 3 件商品使用中，無法移除；請先修改這些商品');
    expect(problemCopy(en, error)).toBe('3 products use the option “navy”: change them before removing it');
  });

  it.each(['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'INTERNAL'])('has its own copy for %s', (code) => {
    expect(problemCopyKey(code)).toBe(`problem.${code}`);
    expect(problemCopy(zh, apiError(code))).not.toBe(zh('problem.generic'));
    expect(problemCopy(en, apiError(code))).not.toBe(en('problem.generic'));
  });

  it('tells a locked account how many minutes are left, in both languages', () => {
    const locked = new ApiError({ type: 'about:blank', title: 'Locked', status: 423, code: 'ACCOUNT_LOCKED', traceId: 't-1' }, 423, {
      code: 'ACCOUNT_LOCKED',
      retryAfter: 541,
    });
    expect(problemCopy(zh, locked)).toBe('密碼錯誤次數過多，登入已暫時鎖定，請於 10 分鐘後再試，或重設密碼');
    expect(problemCopy(en, locked)).toBe('Too many wrong passwords; sign-in is locked. Try again in 10 min, or reset your password');
  });

  it('shows English copy in English', () => {
    expect(problemCopy(en, apiError('CART_EMPTY'))).toBe("Your cart is empty — let's go find something");
  });

  it('falls back to generic copy for codes it does not know', () => {
    expect(problemCopy(zh, apiError('ORDER_NOT_CANCELLABLE', 409))).toBe('發生未預期的錯誤，請稍後再試');
  });

  it('never shows the message of a non-API error', () => {
    expect(problemCopy(en, new Error('ECONNRESET at Socket.onEnd (node:net:123)'))).toBe(en('problem.INTERNAL'));
  });
});
