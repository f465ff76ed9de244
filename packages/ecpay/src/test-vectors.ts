// Spec vectors more than one test file uses.

/**
 * Vector C1: a ReturnURL result with extra paid info (lower-case field names; the sort must ignore
 * case), and its CheckMacValue under the stage merchant 3002607's keys.
 */
export const extraPaidInfoCallback: Record<string, string> = {
  MerchantID: '3002607',
  MerchantTradeNo: 'SIM20250101000001',
  StoreID: '',
  RtnCode: '1',
  RtnMsg: '交易成功',
  TradeNo: '2501011200001234',
  TradeAmt: '1200',
  PaymentDate: '2025/01/01 12:01:05',
  PaymentType: 'Credit_CreditCard',
  PaymentTypeChargeFee: '24',
  TradeDate: '2025/01/01 12:00:00',
  SimulatePaid: '0',
  CustomField1: 'order-42',
  CustomField2: '',
  CustomField3: '',
  CustomField4: '',
  gwsr: '12345678',
  process_date: '2025/01/01 12:01:05',
  auth_code: '777777',
  amount: '1200',
  stage: '0',
  stast: '0',
  staed: '0',
  eci: '5',
  card4no: '2222',
  card6no: '431195',
  red_dan: '0',
  red_de_amt: '0',
  red_ok_amt: '0',
  red_yet: '0',
  PeriodType: '',
  Frequency: '',
  ExecTimes: '',
  PeriodAmount: '',
  TotalSuccessTimes: '',
  TotalSuccessAmount: '',
};

export const extraPaidInfoCheckMacValue = 'B2EC0E7E8456410322045A13BDF91BA46F77FF4D47385D607F3CA58DBA71CE50';
