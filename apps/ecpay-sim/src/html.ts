// HTML building blocks of the simulator's pages: escaping, the page frame and its headers.
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** Route options of every simulator page: none of them belongs in the shop's OpenAPI document. */
export const HIDDEN = { schema: { hide: true } } as const;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export function hiddenInputs(fields: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join('\n');
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Noto Sans TC","PingFang TC","Microsoft JhengHei",sans-serif;color:#1d2433;background:#f4f6f8}
header{background:#0b7a3b;color:#fff;padding:12px 16px}
header h1{margin:0;font-size:1.2rem}
header p{margin:2px 0 0;font-size:.85rem;opacity:.9}
main{max-width:720px;margin:0 auto;padding:12px 16px 32px}
.search{display:grid;gap:8px;grid-template-columns:1fr 1fr;background:#fff;padding:12px;border-radius:8px;box-shadow:0 1px 2px #0002}
.search label{display:flex;flex-direction:column;font-size:.85rem;gap:4px}
.search .wide{grid-column:1/-1}
select,input,button{font:inherit}
select,input[type=search]{min-height:44px;padding:6px 8px;border:1px solid #9aa5b1;border-radius:6px;background:#fff}
.search button{grid-column:1/-1;min-height:44px;border:0;border-radius:6px;background:#0b7a3b;color:#fff;font-weight:600}
.count{margin:12px 0 4px;font-size:.9rem;color:#52606d}
ul.stores{list-style:none;margin:0;padding:0;display:grid;gap:8px}
ul.stores button{width:100%;text-align:left;min-height:56px;padding:10px 12px;border:1px solid #cbd2d9;border-radius:8px;background:#fff;cursor:pointer;color:inherit}
ul.stores button:hover,ul.stores button:focus-visible{border-color:#0b7a3b;outline:2px solid #0b7a3b}
.name{font-weight:600}.id{color:#52606d;font-size:.85rem;margin-left:6px}.addr{display:block;font-size:.9rem;color:#3e4c59}
.island{display:inline-block;margin-left:6px;font-size:.75rem;background:#fff3c4;color:#7c5e10;border-radius:4px;padding:0 4px}
.error{background:#fff;border-left:4px solid #c81e1e;padding:12px 16px;border-radius:4px}
.error code{background:#f4f6f8;padding:0 4px}
.card{background:#fff;padding:12px 16px;border-radius:8px;box-shadow:0 1px 2px #0002;margin:0 0 12px}
.card h2{font-size:1.05rem;margin:4px 0 8px}
dl.order{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}
dl.order dt{color:#52606d}dl.order dd{margin:0;word-break:break-all}
dl.code dd{font:600 1.1rem/1.4 ui-monospace,monospace}
.amount{font-weight:700;font-size:1.2rem;color:#b42318}
ul.items{margin:0;padding-left:1.2em}
.choices,.actions{display:grid;gap:8px}
.actions{grid-template-columns:1fr 1fr}
.step button,a.button,.card form button{min-height:48px;width:100%;border-radius:6px;font-weight:600;cursor:pointer}
button.choice{border:1px solid #cbd2d9;background:#fff;color:inherit;text-align:left;padding:10px 12px}
button.choice:hover,button.choice:focus-visible{border-color:#0b7a3b;outline:2px solid #0b7a3b}
button.primary{border:0;background:#0b7a3b;color:#fff}
button.secondary{border:1px solid #9aa5b1;background:#fff;color:#1d2433}
a.button{display:flex;align-items:center;justify-content:center;border:1px solid #0b7a3b;color:#0b7a3b;text-decoration:none;margin-top:12px}
.hint{font-size:.85rem;color:#52606d}
.card form.step{margin-top:12px}
.card table{width:100%;table-layout:fixed;border-collapse:collapse}.card th{text-align:left;width:40%;font-weight:600}.card td{word-break:break-all}
fieldset.installments{border:1px solid #cbd2d9;border-radius:6px;margin:0 0 12px;display:flex;flex-wrap:wrap;gap:8px 16px}
fieldset.installments label{min-height:44px;display:flex;align-items:center;gap:6px}
@media (max-width:480px){.search{grid-template-columns:1fr}}
`;

export interface Page {
  title: string;
  heading: string;
  subheading?: string;
  body: string;
  /** Inline script, run with the page's nonce. */
  script?: string;
}

/**
 * Sends a page with a nonce-based CSP: the page may post forms anywhere over http(s) (the map's
 * answer goes to the merchant's ServerReplyURL), load nothing from elsewhere, and not be framed.
 */
export function sendPage(reply: FastifyReply, page: Page): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(page.title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><h1>${esc(page.heading)}</h1>${page.subheading ? `<p>${esc(page.subheading)}</p>` : ''}</header>
<main>
${page.body}
</main>
${page.script ? `<script nonce="${nonce}">${page.script}</script>` : ''}
</body>
</html>`;
  return (
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      // Not no-referrer: with it a browser sends `Origin: null` on the reply's POST, and the shop's
      // cross-site check (SvelteKit's, say) refuses the store. Browsers' default, as on ECPay's map.
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .header(
        'content-security-policy',
        `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'none'`,
      )
      .send(html)
  );
}
