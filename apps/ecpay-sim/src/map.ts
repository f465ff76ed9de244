// ECPay's convenience-store map (`/Express/map`): the merchant's page posts the shopper here, the
// shopper picks a store of the chain, and the page posts the store to the merchant's ServerReplyURL.
// Stateless: the request's fields travel along in hidden inputs from page to page.
import {
  chainOfSubType,
  STAGE_LOGISTICS_B2C,
  STAGE_LOGISTICS_C2C,
  StoreMapRequest,
  verifyCheckMacValue,
  type CheckMacKeys,
  type StoreMapReply,
} from '@shop/ecpay';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { HIDDEN, esc, hiddenInputs, sendPage } from './html.js';
import { CHAIN_NAMES, findStore, placesOf, searchStores, type Store } from './stores.js';

export interface MapOptions {
  /**
   * Keys of the merchants whose signed map requests are checked (MD5 CheckMacValue). A signed request
   * from another merchant, and every unsigned one, is served as ECPay's map does: without a check.
   * Default: ECPay's stage logistics merchants.
   */
  merchants?: Readonly<Record<string, CheckMacKeys>>;
}

/** The simulator's own form fields (search filters, the chosen store); never part of ECPay's fields. */
const SIM_FIELDS = new Set(['SimCity', 'SimDistrict', 'SimQuery', 'CVSStoreID']);

/** What each request field is called on the error page. */
const FIELD_LABELS: Record<string, string> = {
  MerchantID: '廠商編號 MerchantID',
  MerchantTradeNo: '廠商交易編號 MerchantTradeNo',
  LogisticsType: '物流類型 LogisticsType',
  LogisticsSubType: '物流子類型 LogisticsSubType',
  IsCollection: '是否代收貨款 IsCollection',
  ServerReplyURL: '回傳網址 ServerReplyURL',
  ExtraData: '額外資訊 ExtraData',
  Device: '使用設備 Device',
};

type Body = Record<string, unknown>;

/** A urlencoded body as name → string (the first of repeated names; anything else dropped). */
function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [name, value] of Object.entries(body as Body)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

function ecpayFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !SIM_FIELDS.has(name)));
}

function errorPage(reply: FastifyReply, code: string, message: string, detail?: string): FastifyReply {
  // ECPay answers a bad map request with an HTML page (status 200) and posts nothing back.
  return sendPage(reply, {
    title: '錯誤 – 電子地圖',
    heading: '電子地圖無法開啟',
    subheading: 'ECPay 物流電子地圖（模擬）',
    body: `<div class="error" role="alert" data-error="${esc(code)}"><p><strong>${esc(message)}</strong></p>${
      detail ? `<p>${esc(detail)}</p>` : ''
    }<p>錯誤代碼：<code>${esc(code)}</code></p></div>`,
  });
}

type Checked = { ok: true; request: StoreMapRequest; fields: Record<string, string> } | { ok: false; reply: FastifyReply };

function checkRequest(reply: FastifyReply, fields: Record<string, string>, merchants: Readonly<Record<string, CheckMacKeys>>): Checked {
  const own = ecpayFields(fields);
  const parsed = StoreMapRequest.safeParse(own);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    const label = FIELD_LABELS[field] ?? field;
    const sent = own[field];
    return {
      ok: false,
      reply: errorPage(
        reply,
        `${field}Error`,
        sent === undefined ? `缺少必要參數：${label}` : `參數錯誤：${label}`,
        field === 'LogisticsSubType'
          ? '物流子類型須為 FAMI、UNIMART、UNIMARTFREEZE、HILIFE、FAMIC2C、UNIMARTC2C、HILIFEC2C 或 OKMARTC2C。'
          : undefined,
      ),
    };
  }
  const keys = merchants[parsed.data.MerchantID];
  if (parsed.data.CheckMacValue && keys && !verifyCheckMacValue(own, keys, 'md5')) {
    return { ok: false, reply: errorPage(reply, 'CheckMacValueError', '檢查碼錯誤 (CheckMacValue Error)') };
  }
  return { ok: true, request: parsed.data, fields: own };
}

function storeItem(s: Store): string {
  const text = `${s.name} ${s.address} ${s.id}`.replaceAll('台', '臺').toLowerCase();
  return `<li data-city="${esc(s.city)}" data-district="${esc(s.district)}" data-text="${esc(text)}"><button type="submit" name="CVSStoreID" value="${esc(s.id)}"><span class="name">${esc(s.name)}</span><span class="id">${esc(s.id)}</span>${
    s.outlying ? '<span class="island">離島</span>' : ''
  }<span class="addr">${esc(s.address)}</span></button></li>`;
}

// Filters the list as the shopper types or chooses, and keeps the district list to the chosen city.
// Without it the search form posts and the server filters.
const PICKER_SCRIPT = `
(() => {
  const form = document.querySelector('form.search');
  const city = form.elements.SimCity, district = form.elements.SimDistrict, query = form.elements.SimQuery;
  const places = JSON.parse(document.getElementById('places').textContent);
  const items = [...document.querySelectorAll('ul.stores li')];
  const count = document.querySelector('.count');
  const fillDistricts = () => {
    const keep = district.value;
    const list = (places.find((p) => p.city === city.value) || { districts: [] }).districts;
    district.replaceChildren(new Option('全部鄉鎮市區', ''), ...list.map((d) => new Option(d, d)));
    district.value = list.includes(keep) ? keep : '';
  };
  const apply = () => {
    const q = query.value.trim().replaceAll('台', '臺').toLowerCase();
    let shown = 0;
    for (const li of items) {
      const ok = (!city.value || li.dataset.city === city.value) && (!district.value || li.dataset.district === district.value) && (!q || li.dataset.text.includes(q));
      li.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = '共 ' + shown + ' 間門市';
  };
  city.addEventListener('change', () => { fillDistricts(); apply(); });
  district.addEventListener('change', apply);
  query.addEventListener('input', apply);
  form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
})();
`;

function pickerPage(reply: FastifyReply, request: StoreMapRequest, fields: Record<string, string>, filter: Record<string, string>) {
  const chain = chainOfSubType(request.LogisticsSubType);
  const places = placesOf(chain);
  const city = places.some((p) => p.city === filter.SimCity) ? filter.SimCity : '';
  const districts = places.find((p) => p.city === city)?.districts ?? [];
  const district = districts.includes(filter.SimDistrict ?? '') ? filter.SimDistrict : '';
  const query = (filter.SimQuery ?? '').slice(0, 50);
  // Without JavaScript the server filters; with it, every store of the chain is listed and the page filters.
  const all = searchStores(chain, {});
  const shown = new Set(searchStores(chain, { city, district, query }).map((s) => s.id));
  const name = CHAIN_NAMES[chain].zh;
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const body = `
<form class="search" method="post" action="map" role="search">
${hiddenInputs(fields)}
<label>縣市<select name="SimCity">${option('', '全部縣市', !city)}${places.map((p) => option(p.city, p.city, p.city === city)).join('')}</select></label>
<label>鄉鎮市區<select name="SimDistrict">${option('', '全部鄉鎮市區', !district)}${districts.map((d) => option(d, d, d === district)).join('')}</select></label>
<label class="wide">門市名稱、地址或店號<input type="search" name="SimQuery" value="${esc(query)}" placeholder="例：鑫台北、忠孝西路、131386" autocomplete="off"></label>
<button type="submit">搜尋門市</button>
</form>
<p class="count" aria-live="polite">共 ${shown.size} 間門市</p>
<form method="post" action="map/choose">
${hiddenInputs(fields)}
<ul class="stores">
${all
  .map((s) => storeItem(s))
  .map((li, i) => (shown.has(all[i]!.id) ? li : li.replace('<li ', '<li hidden ')))
  .join('\n')}
</ul>
</form>
<script type="application/json" id="places">${JSON.stringify(places).replace(/</g, '\\u003c')}</script>`;
  return sendPage(reply, {
    title: `選擇取貨門市 – ${name}`,
    heading: `${name} 門市查詢`,
    subheading: `請選擇取貨門市${request.IsCollection === 'Y' ? '（取貨付款）' : ''}．ECPay 電子地圖（模擬）`,
    body,
    script: PICKER_SCRIPT,
  });
}

/** The page that posts the chosen store to the merchant, as ECPay's map does, at once. */
function replyPage(reply: FastifyReply, request: StoreMapRequest, store: Store) {
  const fields: StoreMapReply = {
    MerchantID: request.MerchantID,
    MerchantTradeNo: request.MerchantTradeNo ?? '',
    LogisticsSubType: request.LogisticsSubType,
    CVSStoreID: store.id,
    CVSStoreName: store.name,
    CVSAddress: store.address,
    CVSTelephone: store.phone,
    CVSOutSide: store.outlying ? '1' : '0',
    ExtraData: request.ExtraData ?? '',
  };
  return sendPage(reply, {
    title: '門市資料傳送中',
    heading: '門市資料傳送中…',
    subheading: `${store.name}（${store.id}）`,
    body: `<form id="reply" method="post" action="${esc(request.ServerReplyURL)}" accept-charset="utf-8">
${hiddenInputs(fields)}
<noscript><p>請按「確認門市」回到商店。</p><button type="submit">確認門市</button></noscript>
</form>`,
    script: `document.getElementById('reply').submit();`,
  });
}

/** `POST /Express/map` (the map) and `POST /Express/map/choose` (the picker's own step); needs a urlencoded body parser. */
export const storeMapRoutes: FastifyPluginAsync<MapOptions> = async (app, opts) => {
  const merchants = opts.merchants ?? {
    [STAGE_LOGISTICS_B2C.merchantId]: STAGE_LOGISTICS_B2C,
    [STAGE_LOGISTICS_C2C.merchantId]: STAGE_LOGISTICS_C2C,
  };
  app.post('/Express/map', HIDDEN, async (req, reply) => {
    const fields = formFields(req.body);
    const checked = checkRequest(reply, fields, merchants);
    if (!checked.ok) return checked.reply;
    return pickerPage(reply, checked.request, checked.fields, fields);
  });

  app.post('/Express/map/choose', HIDDEN, async (req, reply) => {
    const fields = formFields(req.body);
    const checked = checkRequest(reply, fields, merchants);
    if (!checked.ok) return checked.reply;
    const store = findStore(chainOfSubType(checked.request.LogisticsSubType), fields.CVSStoreID ?? '');
    if (!store) return errorPage(reply, 'CVSStoreIDError', '查無此門市，請重新選擇。');
    return replyPage(reply, checked.request, store);
  });

  // The map is opened by a form post; a link or a reload lands here.
  app.get('/Express/map', HIDDEN, async (_req, reply) =>
    errorPage(reply, 'MethodError', '請由商店頁面開啟電子地圖（需以 POST 傳送參數）。'),
  );
};
