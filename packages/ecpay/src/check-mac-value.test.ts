import { describe, expect, it } from 'vitest';
import {
  checkMacSource,
  checkMacValue,
  constantTimeEqual,
  ecpayUrlEncode,
  jsonCheckMacValue,
  signFields,
  verifyCheckMacValue,
  type CheckMacAlgorithm,
  type CheckMacKeys,
} from './check-mac-value.js';
import { extraPaidInfoCallback, extraPaidInfoCheckMacValue } from './test-vectors.js';

const aio3002607: CheckMacKeys = { hashKey: 'pwFHCqoQZGmho4w6', hashIv: 'EkRm7iFT261dpevs' };
const aio2000132: CheckMacKeys = { hashKey: '5294y06JbISpM5x9', hashIv: 'v77hoKGq4kWxNNIS' };
const invoice2000132: CheckMacKeys = { hashKey: 'ejCk326UnaZWKisg', hashIv: 'q9jcZX8Ib9LM8wYk' };
const logisticsC2C: CheckMacKeys = { hashKey: 'XBERn1YOvpM9nfZc', hashIv: 'h1ONHk4P4yqbl5LK' };

const emptyCustomFields = { CustomField1: '', CustomField2: '', CustomField3: '', CustomField4: '' };

const workedExample = {
  TradeDesc: '促銷方案',
  PaymentType: 'aio',
  MerchantTradeDate: '2023/03/12 15:30:23',
  MerchantTradeNo: 'ecpay20230312153023',
  MerchantID: '3002607',
  ReturnURL: 'https://www.ecpay.com.tw/receive.php',
  ItemName: 'Apple iphone 15',
  TotalAmount: '30000',
  ChoosePayment: 'ALL',
  EncryptType: '1',
};

const sdkOrder = {
  MerchantID: '2000132',
  MerchantTradeNo: 'Test201102145704',
  MerchantTradeDate: '2020/10/20 14:57:04',
  PaymentType: 'aio',
  TotalAmount: '100',
  TradeDesc: '檢查碼建立測試',
  ItemName: '測試商品 100 TWD x 1',
  ReturnURL: 'https://www.ecpay.com.tw/receive.php',
  ChoosePayment: 'ALL',
  EncryptType: '1',
};

const supportArticleOrder = {
  MerchantID: '3002607',
  MerchantTradeNo: 'order20250304001',
  MerchantTradeDate: '2025/03/04 00:00:00',
  PaymentType: 'aio',
  TotalAmount: '100',
  TradeDesc: '訂單測試',
  ItemName: '範例商品',
  ReturnURL: ' https://5569-211-23-76-78.ngrok-free.app/returnurl.php',
  ChoosePayment: 'ALL',
  EncryptType: '1',
};

const specialCharacters = {
  MerchantID: '3002607',
  MerchantTradeNo: 'SIM20250101000002',
  MerchantTradeDate: '2025/01/01 08:00:00',
  PaymentType: 'aio',
  TotalAmount: '350',
  TradeDesc: 'Test ~\'!*()-_. @#$%^&=+;?/\\<>`[]{}:",|',
  ItemName: '咖啡豆 200g x1#濾掛 10入 x2',
  ReturnURL: 'https://shop.example/ecpay/return?src=a&b=1',
  ChoosePayment: 'Credit',
  EncryptType: '1',
  ClientBackURL: 'https://shop.example/orders/42',
  CustomField1: 'A+B C',
};

const vectors: Array<[name: string, keys: CheckMacKeys, fields: Record<string, string>, algorithm: CheckMacAlgorithm, expected: string]> = [
  [
    'P1 the documented worked example',
    aio3002607,
    workedExample,
    'sha256',
    '6C51C9E6888DE861FD62FB1DD17029FC742634498FD813DC43D4243B5685B840',
  ],
  ['P2 the PHP SDK’s SHA-256 test', aio2000132, sdkOrder, 'sha256', '5DC5C11B7E9D42A5D750511E6BE08CDE759104F7EAB6CDD761AE120A5A8ABB34'],
  ['P3 the PHP SDK’s MD5 test', aio2000132, sdkOrder, 'md5', 'D3AEF600C86BD2CE74B96953D2A7B50F'],
  [
    'P4 an e-invoice allowance callback (MD5, an empty RtnMsg)',
    invoice2000132,
    {
      RtnCode: '1',
      RtnMsg: '',
      IA_Allow_No: '1909181313013546',
      IA_Invoice_No: 'UV11100019',
      IA_Date: '2019-09-18 13:13:23',
      IIS_Remain_Allowance_Amt: '0',
    },
    'md5',
    '50A276E71DAE26343013958B405EEEA0',
  ],
  [
    'P5 the SDK’s simulated payment notification',
    aio3002607,
    {
      MerchantID: '3002607',
      MerchantTradeNo: 'WPLL4E341E122DB44D62',
      PaymentDate: '2019/05/09 00:01:21',
      PaymentType: 'Credit_CreditCard',
      PaymentTypeChargeFee: '1',
      RtnCode: '1',
      RtnMsg: '交易成功',
      SimulatePaid: '0',
      TradeAmt: '500',
      TradeDate: '2019/05/09 00:00:18',
      TradeNo: '1905090000188278',
    },
    'sha256',
    '6E7F053EF215FC851A050A2FF01D72CBE440EA138DC3E905647985DDF236FD25',
  ],
  [
    'P6 the support article’s order (ReturnURL starting with a space)',
    aio3002607,
    supportArticleOrder,
    'sha256',
    'B251AD005829A4072192E495BF484DCF3830D75382AB34DF46F8F3AA8F794940',
  ],
  [
    'P6 the same article’s form variant',
    aio3002607,
    { ...supportArticleOrder, MerchantTradeNo: 'order202503040001' },
    'sha256',
    '54B1661DE89951772A94FD0F5639FE5CEDA91311CA42021FD8D9DD4170A965D9',
  ],
  [
    'P7 a stage QueryTradeInfo answer',
    aio3002607,
    {
      ...emptyCustomFields,
      HandlingCharge: '60',
      ItemName: '粉色玫瑰花束 x1#紫色鬱金香盆栽 x1',
      MerchantID: '3002607',
      MerchantTradeNo: 'ORD20260927D300D',
      PaymentDate: '2026/09/27 16:30:59',
      PaymentType: 'Credit_CreditCard',
      PaymentTypeChargeFee: '61',
      StoreID: '',
      TradeAmt: '2430',
      TradeDate: '2026/09/27 16:28:39',
      TradeNo: '2609271628390061',
      TradeStatus: '1',
    },
    'sha256',
    'A75D7DC7111B63171B25659CD256D8B0BEE62F85D003F6E8B1C9D79F0567E388',
  ],
  [
    'P8 a stage QueryTradeInfo answer with full-width spaces',
    aio2000132,
    {
      ...emptyCustomFields,
      HandlingCharge: '11',
      ItemName: 'potatl　數量:1　小計:125#apple　數量:4　小計:400#',
      MerchantID: '2000132',
      MerchantTradeNo: '28Langji12520',
      PaymentDate: '2021/11/07 22:28:53',
      PaymentType: 'Credit_CreditCard',
      PaymentTypeChargeFee: '11',
      StoreID: '',
      TradeAmt: '525',
      TradeDate: '2021/11/07 22:28:27',
      TradeNo: '2111072228273784',
      TradeStatus: '1',
    },
    'sha256',
    'A9C2ABDA55C45E4C99338E35263EE06BEB341A95FC38B3716BFD025B178A09F3',
  ],
  [
    'P9 the docs’ payment notification sample',
    aio3002607,
    {
      ...emptyCustomFields,
      MerchantID: '3002607',
      MerchantTradeNo: 'D9RMXNrihUYM',
      PaymentDate: '2024/12/31 12:26:09',
      PaymentType: 'Credit_CreditCard',
      PaymentTypeChargeFee: '10',
      RtnCode: '1',
      RtnMsg: '交易成功',
      SimulatePaid: '0',
      StoreID: '',
      TradeAmt: '402',
      TradeDate: '2024/12/31 12:25:43',
      TradeNo: '2412311225437371',
    },
    'sha256',
    '85D927637935683EA756CDEF76498FEB9F5D098A7A1AC4F0CB3B3609A9D4116A',
  ],
  [
    'P10 a CVS payment-code notification',
    aio2000132,
    {
      Barcode1: '',
      Barcode2: '',
      Barcode3: '',
      ExpireDate: '2017/12/28 00:39:03',
      MerchantID: '2000132',
      MerchantTradeNo: 'Test1513787899',
      PaymentNo: 'LLL17355880822',
      PaymentType: 'CVS_CVS',
      RtnCode: '10100073',
      RtnMsg: 'Get CVS Code Succeeded.',
      TradeAmt: '2000',
      TradeDate: '2017/12/21 00:39:03',
      TradeNo: '17122100383415923452',
      StoreID: '',
      ...emptyCustomFields,
    },
    'sha256',
    'C25373CE6379BB6116FAE8398F4A8E60B71B289D955F6B8A9D9F53FDCC97F571',
  ],
  ['C1 lower-case field names sorted without regard to case', aio3002607, extraPaidInfoCallback, 'sha256', extraPaidInfoCheckMacValue],
  [
    'C2 special characters in values',
    aio3002607,
    specialCharacters,
    'sha256',
    '2F099F1A8F9397F84A5B62A7D75BDE9D7655685559B7CFAFF33FD9C828907653',
  ],
  [
    'C3 a QueryTradeInfo request',
    aio3002607,
    { MerchantID: '3002607', MerchantTradeNo: 'SIM20250101000001', TimeStamp: '1735704000' },
    'sha256',
    '6B0439B961FAC92AFB61D5D14745E35E330F1466CF369CF38591192580EBAFF4',
  ],
  [
    'C4 a DoAction request',
    aio3002607,
    { MerchantID: '3002607', MerchantTradeNo: 'SIM20250101000001', TradeNo: '2501011200001234', Action: 'R', TotalAmount: '200' },
    'sha256',
    '213E4327568FD1B4284BF05532ABC9EB580B5324057D80133C575B7FBE13B82E',
  ],
  [
    'C5 a logistics C2C shipment (MD5)',
    logisticsC2C,
    {
      MerchantID: '2000933',
      MerchantTradeNo: 'A20130312153023',
      MerchantTradeDate: '2013/03/12 15:30:23',
      LogisticsType: 'CVS',
      LogisticsSubType: 'FAMIC2C',
      GoodsAmount: '1000',
      IsCollection: 'N',
      ServerReplyURL: 'https://www.ecpay.com.tw/ServerReplyURL',
      SenderName: 'SteveJones',
      ReceiverName: 'MarkHarrison',
      ReceiverStoreID: '001779',
    },
    'md5',
    '754C5D1365035DA34D2CD91CC256F18C',
  ],
  [
    'C6 an ATM virtual-account notification',
    aio3002607,
    {
      MerchantID: '3002607',
      MerchantTradeNo: 'SIM20250101000003',
      StoreID: '',
      RtnCode: '2',
      RtnMsg: 'Get VirtualAccount Succeeded',
      TradeNo: '2501011300005678',
      TradeAmt: '500',
      PaymentType: 'ATM_TAISHIN',
      TradeDate: '2025/01/01 13:00:00',
      ...emptyCustomFields,
      BankCode: '812',
      vAccount: '9103522175887271',
      ExpireDate: '2025/01/04',
    },
    'sha256',
    '8928DBA7271A20953812F8355A912F60C4ABF9AC5554D9991D0F9829373DAE22',
  ],
];

describe('CheckMacValue', () => {
  it.each(vectors)('reproduces %s', (_, keys, fields, algorithm, expected) => {
    expect(checkMacValue(fields, keys, algorithm)).toBe(expected);
    expect(verifyCheckMacValue({ ...fields, CheckMacValue: expected }, keys, algorithm)).toBe(true);
  });

  it('builds the worked example’s encoded string step by step', () => {
    expect(checkMacSource(workedExample, aio3002607)).toBe(
      'hashkey%3dpwfhcqoqzgmho4w6%26choosepayment%3dall%26encrypttype%3d1%26itemname%3dapple+iphone+15%26merchantid%3d3002607' +
        '%26merchanttradedate%3d2023%2f03%2f12+15%3a30%3a23%26merchanttradeno%3decpay20230312153023%26paymenttype%3daio' +
        '%26returnurl%3dhttps%3a%2f%2fwww.ecpay.com.tw%2freceive.php%26totalamount%3d30000' +
        '%26tradedesc%3d%e4%bf%83%e9%8a%b7%e6%96%b9%e6%a1%88%26hashiv%3dekrm7ift261dpevs',
    );
  });

  it('encodes the special characters as .NET does (C2 segments)', () => {
    const source = checkMacSource(specialCharacters, aio3002607);
    expect(source).toContain('tradedesc%3dtest+%7e%27!*()-_.+%40%23%24%25%5e%26%3d%2b%3b%3f%2f%5c%3c%3e%60%5b%5d%7b%7d%3a%22%2c%7c');
    expect(source).toContain('customfield1%3da%2bb+c');
  });

  it('gives a wrong value for a case-sensitive sort and for a raw ~ (the pitfalls the vectors guard)', () => {
    expect(checkMacValue(extraPaidInfoCallback, aio3002607, 'sha256')).not.toBe(
      '954B1831E35B5A3BD3CB957D74963B800213812CBC32741F55C5B9ACD7C1E2F9',
    );
    expect(ecpayUrlEncode('~')).toBe('%7e');
    expect(ecpayUrlEncode("'")).toBe('%27');
    expect(ecpayUrlEncode(' ')).toBe('+');
    expect(ecpayUrlEncode('!*()-_.')).toBe('!*()-_.');
  });

  it('ignores the CheckMacValue field itself and keeps empty fields', () => {
    const base = { MerchantID: '3002607', MerchantTradeNo: 'SIM20250101000001', TimeStamp: '1735704000' };
    expect(checkMacValue({ ...base, CheckMacValue: 'anything' }, aio3002607, 'sha256')).toBe(checkMacValue(base, aio3002607, 'sha256'));
    expect(checkMacValue({ ...base, StoreID: '' }, aio3002607, 'sha256')).not.toBe(checkMacValue(base, aio3002607, 'sha256'));
  });

  it('refuses a tampered amount, a missing value, wrong keys and the other algorithm', () => {
    const signed = signFields(sdkOrder, aio2000132, 'sha256');
    expect(verifyCheckMacValue(signed, aio2000132, 'sha256')).toBe(true);
    expect(verifyCheckMacValue({ ...signed, TotalAmount: '101' }, aio2000132, 'sha256')).toBe(false);
    expect(verifyCheckMacValue({ ...signed, Extra: '' }, aio2000132, 'sha256')).toBe(false);
    expect(verifyCheckMacValue(sdkOrder, aio2000132, 'sha256')).toBe(false);
    expect(verifyCheckMacValue(signed, aio3002607, 'sha256')).toBe(false);
    expect(verifyCheckMacValue(signed, aio2000132, 'md5')).toBe(false);
  });

  it('accepts a lower-case received value and, like ECPay, a case-only change of a value', () => {
    const signed = signFields(sdkOrder, aio2000132, 'sha256');
    expect(verifyCheckMacValue({ ...signed, CheckMacValue: signed.CheckMacValue.toLowerCase() }, aio2000132, 'sha256')).toBe(true);
    expect(verifyCheckMacValue({ ...signed, MerchantTradeNo: 'TEST201102145704' }, aio2000132, 'sha256')).toBe(true);
  });
});

describe('the JSON APIs’ checksum', () => {
  it('reproduces the published X1 vector', () => {
    const data = '{"MerchantID":"3085676","MerchantTradeNo":"CX202202221540568521"}';
    expect(jsonCheckMacValue(data, { hashKey: '7b53896b742849d3', hashIv: '37a0ad3c6ffa428b' })).toBe(
      'CE67BBD259EE38BA1C7FB7CC88C3BD91D3F082B46EAEBD4E4E5F2184CB23349A',
    );
  });
});

describe('constantTimeEqual', () => {
  it('tells equal strings from different ones of any length', () => {
    expect(constantTimeEqual('ABC', 'ABC')).toBe(true);
    expect(constantTimeEqual('ABC', 'ABD')).toBe(false);
    expect(constantTimeEqual('ABC', 'ABCD')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('門市', '門市')).toBe(true);
  });
});
