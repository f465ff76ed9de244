import { describe, expect, it } from 'vitest';
import { decodeSelectedStore, encodeSelectedStore, readStoreMapReply, storeMapFields, storeMapSubType } from './store-map';

const reply = {
  MerchantID: '2000933',
  MerchantTradeNo: '',
  LogisticsSubType: 'UNIMARTC2C',
  CVSStoreID: '131386',
  CVSStoreName: '鑫台北門市',
  CVSAddress: '臺北市中正區忠孝西路一段49號',
  CVSTelephone: '02-23117322',
  CVSOutSide: '0',
  ExtraData: 'abc',
} as const;

describe('the store map from the checkout', () => {
  it('opens each chain’s map under the contract, OK Mart only as C2C', () => {
    expect(storeMapSubType('seven_eleven', 'c2c')).toBe('UNIMARTC2C');
    expect(storeMapSubType('family_mart', 'b2c')).toBe('FAMI');
    expect(storeMapSubType('ok_mart', 'c2c')).toBe('OKMARTC2C');
    expect(storeMapSubType('ok_mart', 'b2c')).toBeUndefined();
  });

  it('sends ECPay’s fields, ExtraData cut to 20 characters', () => {
    expect(
      storeMapFields({
        merchantId: '2000933',
        subType: 'FAMIC2C',
        replyUrl: 'https://shop.example/checkout/store-selected',
        extraData: 'x'.repeat(30),
        mobile: true,
      }),
    ).toEqual({
      MerchantID: '2000933',
      LogisticsType: 'CVS',
      LogisticsSubType: 'FAMIC2C',
      IsCollection: 'N',
      ServerReplyURL: 'https://shop.example/checkout/store-selected',
      ExtraData: 'x'.repeat(20),
      Device: '1',
    });
  });

  it('reads the posted store and refuses what is not one', () => {
    expect(readStoreMapReply(new URLSearchParams(reply))).toEqual(reply);
    expect(readStoreMapReply(new URLSearchParams({ ...reply, CVSStoreID: '' }))).toBeUndefined();
    expect(readStoreMapReply(new URLSearchParams({ ...reply, LogisticsSubType: 'TCAT' }))).toBeUndefined();
  });

  it('keeps the store in a cookie-safe value and reads back only a store', () => {
    const value = encodeSelectedStore(reply);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSelectedStore(value)).toEqual(reply);
    expect(decodeSelectedStore(undefined)).toBeUndefined();
    expect(decodeSelectedStore('not json')).toBeUndefined();
    expect(decodeSelectedStore(encodeSelectedStore({ ...reply, CVSStoreID: '<x>' }))).toBeUndefined();
  });
});
