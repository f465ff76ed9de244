import { AdminOrderPatch } from '@shop/contracts/orders';
import { describe, expect, it } from 'vitest';
import { readOrderEdit } from './admin-order-edit';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('readOrderEdit', () => {
  it('sends the version read, the note, the recipient and the address', () => {
    const { input } = readOrderEdit(
      form({
        version: '3',
        note: ' 請提早出貨 ',
        recipientName: '陳大文',
        recipientMobile: '0912 345 678',
        city: '台中市',
        district: '西屯區',
        zip: '407',
        line: '台灣大道三段 99 號',
      }),
    );
    expect(AdminOrderPatch.parse(input)).toEqual({
      version: 3,
      note: '請提早出貨',
      recipient: { name: '陳大文', mobile: '0912345678' },
      address: { city: '臺中市', district: '西屯區', zip: '407', line: '台灣大道三段 99 號' },
    });
  });

  it('clears a blank note and leaves out an untouched recipient and address', () => {
    const { input } = readOrderEdit(
      form({ version: '1', note: '  ', recipientName: '', recipientMobile: '', city: '', district: '', zip: '', line: '' }),
    );
    expect(AdminOrderPatch.parse(input)).toEqual({ version: 1, note: null });
  });
});
