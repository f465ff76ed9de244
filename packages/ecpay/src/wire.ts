// How ECPay's fields travel: urlencoded forms in, `name=value&…` texts with raw values out, and
// Taiwan-time timestamps. Pure: the clock is always an argument.

/** Taiwan has kept UTC+8 without daylight saving since 1980, so a fixed offset is exact for any date that matters here. */
const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function taipeiParts(at: Date) {
  const t = new Date(at.getTime() + TAIPEI_OFFSET_MS);
  return {
    date: `${t.getUTCFullYear()}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())}`,
    time: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`,
  };
}

/** `yyyy/MM/dd HH:mm:ss` in Taiwan time, as `MerchantTradeDate`, `TradeDate` and `PaymentDate` are written. */
export function formatTaipeiDateTime(at: Date): string {
  const { date, time } = taipeiParts(at);
  return `${date} ${time}`;
}

/** `yyyy/MM/dd` in Taiwan time (an ATM account's `ExpireDate`). */
export function formatTaipeiDate(at: Date): string {
  return taipeiParts(at).date;
}

const DATE_TIME = /^(\d{4})\/(\d{2})\/(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * Reads `yyyy/MM/dd HH:mm:ss` or `yyyy/MM/dd` (Taiwan time; a bare date is its midnight) into an
 * instant; undefined when the text is not such a date or names a day that does not exist.
 */
export function parseTaipeiDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCDate() !== d) return undefined;
  return new Date(utc - TAIPEI_OFFSET_MS);
}

/** Whether the text is `yyyy/MM/dd HH:mm:ss` naming a real moment. */
export function isTaipeiDateTime(text: string): boolean {
  return text.length === 19 && parseTaipeiDateTime(text) !== undefined;
}

/**
 * A received form as name → string. Accepts a raw urlencoded string, `URLSearchParams`, or a body
 * parser's object. Undefined when it is none of these, when a name repeats (which value would the
 * checksum have covered?) or when a value is not a string.
 */
export function formFields(body: unknown): Record<string, string> | undefined {
  if (typeof body === 'string') return formFields(new URLSearchParams(body));
  if (body instanceof URLSearchParams) {
    const out: Record<string, string> = {};
    for (const [name, value] of body) {
      if (Object.hasOwn(out, name)) return undefined;
      out[name] = value;
    }
    return out;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') return undefined;
    out[name] = value;
  }
  return out;
}

/**
 * Reads ECPay's answer texts (`QueryTradeInfo`, `DoAction`): `name=value` pairs joined with `&`,
 * values **not** URL-encoded (raw spaces, `#`, `+`, CJK). Splits on `&` and on each pair's first `=`;
 * never turns `+` into a space. Undefined for an empty text, a pair without `=` or a repeated name.
 * (A value holding a literal `&` cannot be told apart from a pair boundary; ECPay's own SDKs share that limit.)
 */
export function parseRawPairs(text: string): Record<string, string> | undefined {
  const body = text.replace(/\r?\n$/, '');
  if (body === '') return undefined;
  const out: Record<string, string> = {};
  for (const pair of body.split('&')) {
    const at = pair.indexOf('=');
    if (at <= 0) return undefined;
    const name = pair.slice(0, at);
    if (Object.hasOwn(out, name)) return undefined;
    out[name] = pair.slice(at + 1);
  }
  return out;
}

/**
 * Writes fields as ECPay's answer texts are written: names in case-insensitive alphabetical order,
 * `CheckMacValue` (when present) last, values raw.
 */
export function formatRawPairs(fields: Readonly<Record<string, string>>): string {
  return Object.entries(inEcpayOrder(fields))
    .map(([n, v]) => `${n}=${v}`)
    .join('&');
}

/** The fields in ECPay's notification order: alphabetical (case-insensitive), `CheckMacValue` last. */
export function inEcpayOrder<T extends Readonly<Record<string, string>>>(fields: T): T {
  const names = Object.keys(fields)
    .filter((n) => n !== 'CheckMacValue')
    .sort((a, b) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    });
  if (fields.CheckMacValue !== undefined) names.push('CheckMacValue');
  return Object.fromEntries(names.map((n) => [n, fields[n]])) as T;
}
