// What a new shop starts with: its name and opening hours, and legal pages with the usual
// Taiwanese e-commerce terms (消費者保護法, 個人資料保護法). Staff fill in the company details and
// adapt the texts in the admin console.
import { PaymentDeadlineLimits, type LegalPageSlug, type PaymentSettingsValues, type StoreSettingsValues } from '@shop/contracts/store';

export const DEFAULT_STORE_SETTINGS: StoreSettingsValues = {
  name: { 'zh-TW': '好物小舖', en: 'Goodies Shop' },
  contactEmail: null,
  phone: null,
  serviceLine: null,
  address: null,
  businessHours: {
    'zh-TW': '週一至週五 09:00–18:00（國定假日除外）',
    en: 'Monday to Friday, 09:00–18:00 (closed on national holidays)',
  },
  companyName: null,
  taxId: null,
  representative: null,
};

/** Every way to pay is offered except Apple Pay and card installments; the code deadlines are ECPay's defaults. */
export const DEFAULT_PAYMENT_SETTINGS: PaymentSettingsValues = {
  credit: true,
  installments: [],
  applePay: false,
  atm: true,
  cvs: true,
  barcode: true,
  bankTransfer: true,
  cashOnDelivery: true,
  atmDays: PaymentDeadlineLimits.atmDays.default,
  cvsMinutes: PaymentDeadlineLimits.cvsMinutes.default,
  barcodeDays: PaymentDeadlineLimits.barcodeDays.default,
};

const TERMS_ZH = `歡迎使用本商店。當您瀏覽本網站、註冊會員或下單購物，即表示您已閱讀、瞭解並同意以下條款。

## 會員帳號
- 請提供真實、正確的資料註冊，並妥善保管帳號與密碼。
- 帳號遭他人使用時，請立即通知客服，我們會協助您停用並重設密碼。

## 訂單成立
- 您送出訂單後，會收到訂單確認通知；訂單於付款完成（貨到付款者為出貨）時成立。
- 商品價格以新台幣計價，以下單時頁面顯示之金額為準。若因系統錯誤標示明顯錯誤之價格，我們將通知您並取消該訂單、全額退款。
- 庫存不足時，我們會儘速通知您並退還已付款項。

## 付款與發票
- 本商店提供信用卡、ATM 轉帳、超商代碼等付款方式，付款由第三方金流服務處理，我們不會保存您的完整信用卡號。
- 依法開立電子發票，可選擇存入載具、捐贈或開立公司統編。

## 配送
- 商品寄送至台灣本島及離島，運費與配送方式以結帳頁面所示為準。
- 因天災、颱風或物流因素延遲，我們會主動通知您。

## 退換貨
請參閱「退換貨政策」，您享有消費者保護法規定之七天猶豫期（俗稱鑑賞期）權利。

## 智慧財產權
本網站之文字、圖片與商標均受著作權法及商標法保護，未經同意請勿重製或轉載。

## 條款修改
我們得修改本條款，修改後將公告於本頁，並自公告時起生效。

## 準據法與管轄
本條款以中華民國法律為準據法；如有爭議，雙方同意以臺灣臺北地方法院為第一審管轄法院，但不排除消費者保護法第 47 條之適用。`;

const TERMS_EN = `Welcome to our shop. By browsing this site, creating an account or placing an order you confirm that you have read, understood and agree to these terms.

## Your account
- Register with true and accurate details, and keep your password safe.
- If someone else uses your account, tell customer service at once: we will help you lock it and reset the password.

## Orders
- After you place an order you receive a confirmation; the contract is made when payment succeeds (for cash on delivery, when the order ships).
- Prices are in New Taiwan dollars as shown when you order. If a price was shown in obvious error, we will tell you, cancel the order and refund it in full.
- If an item is out of stock we will tell you promptly and refund what you paid.

## Payment and invoices
- We accept credit cards, ATM transfer and convenience-store payment codes. Payments are processed by a licensed payment provider; we never store your full card number.
- We issue an electronic uniform invoice as the law requires: to a carrier, as a donation, or with a company tax ID.

## Delivery
- We deliver to Taiwan and its outlying islands; fees and methods are shown at checkout.
- If a typhoon, natural disaster or the carrier delays a delivery, we will let you know.

## Returns
See our Return and refund policy: you have the 7-day cooling-off right of the Consumer Protection Act.

## Intellectual property
Texts, images and trademarks on this site are protected by copyright and trademark law; do not copy them without permission.

## Changes
We may change these terms; changes are published on this page and apply from then on.

## Governing law
These terms are governed by the laws of the Republic of China (Taiwan). The Taiwan Taipei District Court is the court of first instance, without prejudice to Article 47 of the Consumer Protection Act.`;

const PRIVACY_ZH = `我們重視您的隱私，並依個人資料保護法蒐集、處理及利用您的個人資料。

## 蒐集的資料
- 註冊與購物時提供的姓名、電子郵件、手機號碼、收件地址。
- 訂單、付款狀態與發票資訊（不含完整信用卡號）。
- 瀏覽紀錄與裝置資訊，用於維持登入與網站安全。

## 利用目的
- 處理訂單、配送、開立發票、退換貨與客服聯繫。
- 經您同意後寄送優惠與活動通知，您可隨時取消訂閱。
- 防範詐騙與維護網站安全。

## 分享對象
僅在完成交易所必要的範圍內，提供給金流、物流及電子發票服務業者；除法律要求外，不會提供給其他第三方。

## 保存期間
於您的帳號存續及法定保存期間內保存；期滿後刪除或去識別化。

## 您的權利
依個人資料保護法第 3 條，您可以查詢、閱覽、請求複製、補充或更正、停止蒐集處理利用，以及請求刪除您的個人資料。請與客服聯繫，我們將於法定期間內處理。

## Cookie
本網站使用必要的 Cookie 維持登入狀態與購物車，不用於追蹤您在其他網站的行為。

## 政策修改
本政策修改時將公告於本頁。`;

const PRIVACY_EN = `We respect your privacy and collect, process and use your personal data under Taiwan's Personal Data Protection Act.

## What we collect
- Your name, email, mobile number and delivery address when you register or order.
- Orders, payment status and invoice details (never your full card number).
- Browsing and device information needed to keep you signed in and the site safe.

## Why
- To handle orders, delivery, invoices, returns and customer service.
- With your consent, to send offers and news; you can unsubscribe at any time.
- To prevent fraud and keep the site secure.

## Who we share it with
Only the payment, logistics and e-invoice providers, as far as needed to complete your order; nobody else unless the law requires it.

## How long
As long as your account exists and the law requires us to keep records; then it is deleted or anonymised.

## Your rights
Under Article 3 of the Personal Data Protection Act you may ask to see, copy, complete or correct your data, to stop its collection, processing or use, and to have it deleted. Contact customer service and we will answer within the legal time limit.

## Cookies
We use only the cookies needed to keep you signed in and remember your cart, never to track you on other sites.

## Changes
Changes to this policy are published on this page.`;

const RETURNS_ZH = `## 七天鑑賞期（猶豫期）
依消費者保護法第 19 條，您於收到商品（或完成服務）之次日起七天內，得不附理由、無須負擔任何費用，以退回商品或書面通知方式解除契約。

七天鑑賞期是「猶豫期」而非「試用期」：請保持商品全新狀態，連同配件、贈品、原廠包裝及發票一併退回。商品若有毀損、缺件或使用痕跡，我們得依實際減損程度向您請求賠償。

## 不適用七天鑑賞期的商品
依「通訊交易解除權合理例外情事適用準則」，下列商品不適用七天鑑賞期，並會在商品頁面事先標示：
- 易於腐敗、保存期限較短或解約時即將逾期之商品（例如生鮮食品）。
- 依您的要求所為之客製化商品。
- 報紙、期刊或雜誌。
- 經您拆封之影音商品或電腦軟體。
- 非以有形媒介提供之數位內容，或一經提供即為完成之線上服務，經您事先同意始提供者。
- 已拆封之個人衛生用品。
- 國際航空客運服務。

## 如何申請退貨
1. 於鑑賞期內登入「我的帳戶」提出退貨申請，或聯絡客服。
2. 我們將安排物流到府收件，或提供超商退貨代碼。
3. 商品送回並確認後，於 7 個工作天內辦理退款。

## 退款方式
- 信用卡付款：刷退至原信用卡，入帳時間依發卡銀行作業而定。
- ATM 轉帳、超商代碼或貨到付款：退至您指定的銀行帳戶。
- 已開立之電子發票，將依規定作廢或開立折讓單。

## 瑕疵或寄錯商品
收到的商品有瑕疵、損壞或與訂購內容不符時，請於收到後儘速聯絡客服，我們將負擔運費為您換貨或退款。`;

const RETURNS_EN = `## 7-day cooling-off period
Under Article 19 of the Consumer Protection Act, you may cancel your order within seven days from the day after you receive the goods (or the service is completed), without giving a reason and at no cost, by returning the goods or telling us in writing.

The cooling-off period is a time to reconsider, not a trial period: keep the goods as new and return them with all accessories, gifts, the original packaging and the invoice. If goods come back damaged, incomplete or used, we may claim compensation for the loss in value.

## Goods without the cooling-off right
Under the Regulations Governing Reasonable Exceptions to the Cancellation Right in Distance Sales, these goods cannot be returned within the cooling-off period; their product pages say so before you buy:
- Perishable goods, goods with a short shelf life, or goods about to expire when returned (such as fresh food).
- Goods made to your specifications.
- Newspapers, periodicals and magazines.
- Audio, video or software that you have unsealed.
- Digital content not on a physical medium, or online services completed once provided, supplied with your prior consent.
- Personal hygiene products that you have unsealed.
- International air passenger services.

## How to return
1. Within the cooling-off period, request a return under My account or contact customer service.
2. We arrange a courier pickup or give you a convenience-store return code.
3. We refund within 7 working days after the goods arrive and are checked.

## Refunds
- Credit card: refunded to the same card; when it shows depends on your bank.
- ATM transfer, convenience-store code or cash on delivery: refunded to the bank account you name.
- An e-invoice already issued is voided or an allowance is issued as the rules require.

## Faulty or wrong items
If an item arrives faulty, damaged or not what you ordered, contact customer service as soon as you can: we exchange or refund it and pay the shipping.`;

/** The built-in text of each legal page. */
export const DEFAULT_LEGAL_PAGES: Readonly<Record<LegalPageSlug, { 'zh-TW': string; en: string }>> = {
  terms: { 'zh-TW': TERMS_ZH, en: TERMS_EN },
  privacy: { 'zh-TW': PRIVACY_ZH, en: PRIVACY_EN },
  returns: { 'zh-TW': RETURNS_ZH, en: RETURNS_EN },
};
