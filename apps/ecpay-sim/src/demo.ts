// A page to try the map by hand: a merchant's form that opens it, and a receiver that shows what
// the map posted back. Only for people poking at the simulator; nothing depends on it.
import { CVS_SUB_TYPES, STAGE_LOGISTICS_C2C, STORE_MAP_REPLY_FIELDS } from '@shop/ecpay';
import type { FastifyPluginAsync } from 'fastify';
import { HIDDEN, esc, sendPage } from './html.js';

export const demoRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', HIDDEN, async (req, reply) => {
    // Relative to where the simulator is mounted, so it works under any prefix.
    const base = req.url.replace(/\/?(\?.*)?$/, '');
    const replyUrl = `${req.protocol}://${req.host}${base}/demo/reply`;
    return sendPage(reply, {
      title: 'ECPay 模擬器',
      heading: 'ECPay 模擬器',
      subheading: '物流電子地圖 /Express/map',
      body: `<form class="search" method="post" action="${esc(base)}/Express/map">
<input type="hidden" name="MerchantID" value="${STAGE_LOGISTICS_C2C.merchantId}">
<input type="hidden" name="LogisticsType" value="CVS">
<input type="hidden" name="IsCollection" value="N">
<input type="hidden" name="MerchantTradeNo" value="DEMO${Date.now().toString().slice(-10)}">
<input type="hidden" name="ExtraData" value="demo">
<input type="hidden" name="ServerReplyURL" value="${esc(replyUrl)}">
<label class="wide">物流子類型 LogisticsSubType<select name="LogisticsSubType">${CVS_SUB_TYPES.map(
        (t) => `<option${t === 'UNIMARTC2C' ? ' selected' : ''}>${t}</option>`,
      ).join('')}</select></label>
<button type="submit">開啟電子地圖</button>
</form>`,
    });
  });

  app.post('/demo/reply', HIDDEN, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rows = STORE_MAP_REPLY_FIELDS.map((name) => `<tr><th>${name}</th><td>${esc(String(body[name] ?? ''))}</td></tr>`).join('');
    return sendPage(reply, {
      title: '收到門市資料',
      heading: '商店收到的門市資料',
      body: `<table class="error" id="received">${rows}</table>`,
    });
  });
};
