import { describe, expect, it } from 'vitest';
import { chainOfSubType, CVS_SUB_TYPES, StoreMapReply, StoreMapRequest } from './logistics.js';

const request = {
  MerchantID: '2000933',
  MerchantTradeNo: 'CK20261207001',
  LogisticsType: 'CVS',
  LogisticsSubType: 'UNIMARTC2C',
  IsCollection: 'N',
  ServerReplyURL: 'https://shop.example/checkout/store-selected',
  ExtraData: 'abc123',
  Device: '1',
};

const reply = {
  MerchantID: '2000933',
  MerchantTradeNo: 'CK20261207001',
  LogisticsSubType: 'UNIMARTC2C',
  CVSStoreID: '131386',
  CVSStoreName: '鑫台北門市',
  CVSAddress: '臺北市中正區忠孝西路一段49號',
  CVSTelephone: '02-23117322',
  CVSOutSide: '0',
  ExtraData: 'abc123',
};

describe('the store map request', () => {
  it('accepts the fields a merchant posts, signed or not', () => {
    expect(StoreMapRequest.parse(request)).toEqual(request);
    expect(StoreMapRequest.safeParse({ ...request, CheckMacValue: 'ABC' }).success).toBe(true);
    const { ExtraData: _e, Device: _d, MerchantTradeNo: _m, ...minimal } = request;
    expect(StoreMapRequest.safeParse(minimal).success).toBe(true);
  });

  it.each([
    ['an unknown sub-type', { LogisticsSubType: 'OKMART' }, 'LogisticsSubType'],
    ['home delivery', { LogisticsType: 'HOME' }, 'LogisticsType'],
    ['IsCollection other than Y/N', { IsCollection: 'yes' }, 'IsCollection'],
    ['a reply URL that is not http(s)', { ServerReplyURL: 'javascript:alert(1)' }, 'ServerReplyURL'],
    ['ExtraData past 20 characters', { ExtraData: 'x'.repeat(21) }, 'ExtraData'],
    ['a MerchantTradeNo with symbols', { MerchantTradeNo: 'A-1' }, 'MerchantTradeNo'],
  ])('refuses %s', (_, over, field) => {
    const r = StoreMapRequest.safeParse({ ...request, ...over });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
  });
});

describe('the store map reply', () => {
  it('reads what the map posts back', () => {
    expect(StoreMapReply.parse(reply)).toEqual(reply);
  });

  it('fills the fields a map may leave out with empty values', () => {
    const { CVSTelephone: _t, CVSOutSide: _o, ExtraData: _x, MerchantTradeNo: _m, ...rest } = reply;
    expect(StoreMapReply.parse(rest)).toMatchObject({ CVSTelephone: '', CVSOutSide: '0', ExtraData: '', MerchantTradeNo: '' });
  });

  it.each([
    ['no store id', { CVSStoreID: '' }, 'CVSStoreID'],
    ['a store id with markup', { CVSStoreID: '<b>1</b>' }, 'CVSStoreID'],
    ['a blank store name', { CVSStoreName: '  ' }, 'CVSStoreName'],
    ['an outlying flag other than 0/1', { CVSOutSide: 'Y' }, 'CVSOutSide'],
  ])('refuses %s', (_, over, field) => {
    const r = StoreMapReply.safeParse({ ...reply, ...over });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
  });
});

describe('sub-types', () => {
  it('map to their chains', () => {
    expect(CVS_SUB_TYPES.map(chainOfSubType)).toEqual(['FAMI', 'UNIMART', 'UNIMART', 'HILIFE', 'FAMI', 'UNIMART', 'HILIFE', 'OKMART']);
  });
});
