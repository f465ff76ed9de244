// The fuzz tier: every operation of the app's own OpenAPI document (so a route is covered the day
// it is registered) gets malformed and edge-case requests derived from its schemas, as anonymous,
// a customer and an admin. Any 5xx, any 4xx that is not a problem document, or any response that
// carries a secret fails the test with the request that caused it. Fixed seed, bounded count.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Problem } from '@shop/contracts';
import { signFields, STAGE_AIO } from '@shop/ecpay';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_JWT_SECRET, type Harness } from './harness.js';
import { bearer, loginUser, PASSWORD, registerUser, uniqueEmail, type Signed } from './identity-helpers.js';

/** Change it to explore; keep it fixed in the suite so a failure reproduces. */
const SEED = 20_261_203;
/** Requests per operation: ~70 operations × 50 ≈ 3,500 requests. */
const RUNS_PER_OPERATION = 50;
/** Only the admin's password: never in any generated input, so seeing it in a response is a leak. */
const ADMIN_PASSWORD = 'Admin-only-9f3c1e7a-oolong';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Schema = Json;
type Who = 'anonymous' | 'customer' | 'admin';

interface Operation {
  method: string;
  path: string;
  parameters: Array<{ in: string; name: string; required?: boolean; schema: Schema }>;
  body: Schema | undefined;
  /** The content types the operation declares (requestBody or `consumes`). */
  contentTypes: string[];
}

interface Pools {
  ids: string[];
  strings: string[];
  emails: string[];
  png: Buffer;
  /** Real ids and slugs by the collection a path names (`products` in `/admin/products/{id}`). */
  byCollection: Record<string, string[]>;
}

// ---------- values ----------

const ECPAY_NOTICE_FIELDS = [
  'MerchantTradeNo',
  'StoreID',
  'RtnCode',
  'RtnMsg',
  'TradeNo',
  'TradeAmt',
  'PaymentDate',
  'PaymentType',
  'PaymentTypeChargeFee',
  'TradeDate',
  'SimulatePaid',
  'CustomField1',
  'ExpireDate',
  'BankCode',
  'vAccount',
  'PaymentNo',
  'Barcode1',
  'Barcode2',
  'Barcode3',
  'CheckMacValue',
] as const;
const ECPAY_NOTICE_VALUES = [
  '1',
  '2',
  '10100073',
  '10100058',
  '0',
  '-1',
  '2147483648',
  '2026/12/07 10:00:00',
  '2026/02/30 25:61:00',
  '2026/12/10',
  'Credit_CreditCard',
  'ATM_TAISHIN',
  'CVS_CVS',
  'BARCODE_BARCODE',
  '812',
  '2612071000001234',
];

/** Text that has broken servers: NUL, lone surrogates, encodings, injections, huge and odd unicode. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '🍵'.slice(0, 1),
  '%00',
  '%ZZ',
  '%E0%A4%A',
  '%2e%2e%2f',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR '1'='1' --",
  '${jndi:ldap://x}',
  '{{7*7}}',
  '\u202etxt.exe',
  'e\u0301\u0301\u0301',
  '臺北市大安區',
  '🍵'.repeat(40),
  '\r\n\t\u000b\u001f',
  '\\',
  '"',
  'null',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  '__proto__',
  'constructor',
  'a'.repeat(3000),
];
const HUGE = 'Z'.repeat(200_000);

const nastyString = fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...NASTY_STRINGS) }, { weight: 1, arbitrary: fc.constant(HUGE) });
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(true, false, null, 0, -1, 2 ** 53, -(2 ** 63), 1.5, 1e308),
  fc.constant([]),
  fc.constant({}),
  fc.constant([['deep', [[[[['nest']]]]]]]),
  fc.constant(JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}') as unknown),
  nastyString,
);

function anyText(p: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...p.strings) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 3, arbitrary: nastyString },
  );
}

function resolve(doc: Json, s: Schema): Schema {
  let out = s;
  for (let i = 0; out?.$ref && i < 10; i++) out = doc.components.schemas[String(out.$ref).split('/').pop()!] ?? {};
  return out ?? {};
}

/**
 * A value for the schema: plausible (real ids, enum members, valid shapes) and, when `mutate`, often
 * broken anywhere inside (odd text, wrong types, a required field missing, extra fields).
 */
function valueFor(doc: Json, schema: Schema, p: Pools, mutate: boolean, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFor(doc, resolve(doc, schema), p, mutate, depth);
  if (!mutate) return valid;
  return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: nastyString }, { weight: 1, arbitrary: wrongType });
}

function validFor(doc: Json, s: Schema, p: Pools, mutate: boolean, depth: number): fc.Arbitrary<unknown> {
  if (depth > 5) return fc.constantFrom(null, 'x', 1);
  const alts = s.anyOf ?? s.oneOf;
  if (Array.isArray(alts) && alts.length > 0) return fc.oneof(...alts.map((a: Schema) => valueFor(doc, a, p, mutate, depth + 1)));
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return valueFor(doc, s.allOf[0], p, mutate, depth + 1);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringFor(s, p, mutate);
    case 'integer': {
      const min = typeof s.minimum === 'number' ? s.minimum : -1_000_000;
      const max = typeof s.maximum === 'number' ? Math.min(s.maximum, Number.MAX_SAFE_INTEGER) : 1_000_000_000;
      return fc.oneof(
        fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }),
        fc.constantFrom(...(mutate ? [min, max, min - 1, max + 1] : [min, max])),
      );
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = s.items ? valueFor(doc, s.items, p, mutate, depth + 1) : anyText(p);
      return fc.array(items, { minLength: Math.min(s.minItems ?? 0, 3), maxLength: Math.min(s.maxItems ?? 4, 4) });
    }
    default:
      return objectFor(doc, s, p, mutate, depth);
  }
}

function stringFor(s: Schema, p: Pools, mutate: boolean): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...p.ids) }, { weight: 1, arbitrary: fc.uuid() });
  if (s.format === 'email')
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...p.emails) }, { weight: 1, arbitrary: fc.emailAddress() });
  if (s.format === 'date-time')
    return fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2100-01-01') }).map((d) => d.toISOString());
  if (s.format === 'uri')
    return fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'data:text/html,x', '//evil.example', 'http://[::1]:80/'));
  const arbs: fc.Arbitrary<string>[] = mutate ? [anyText(p)] : [fc.constantFrom(...p.strings)];
  if (typeof s.pattern === 'string') {
    try {
      arbs.push(fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 200)));
    } catch {
      // A pattern fast-check cannot generate from: plain text only.
    }
  }
  if (typeof s.minLength === 'number' || typeof s.maxLength === 'number') {
    arbs.push(fc.string({ unit: 'grapheme', minLength: Math.min(s.minLength ?? 0, 50), maxLength: Math.min(s.maxLength ?? 50, 50) }));
  }
  return fc.oneof(...arbs);
}

function objectFor(doc: Json, s: Schema, p: Pools, mutate: boolean, depth: number): fc.Arbitrary<unknown> {
  const props: Record<string, Schema> = s.properties ?? {};
  const required: string[] = s.required ?? [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = valueFor(doc, v, p, mutate, depth + 1);
  const base = fc.record(model, { requiredKeys: required.filter((k) => k in model) });
  const additional =
    s.additionalProperties && typeof s.additionalProperties === 'object'
      ? valueFor(doc, s.additionalProperties, p, mutate, depth + 1)
      : undefined;
  if (!mutate) {
    const more = additional
      ? fc.option(fc.dictionary(fc.constantFrom(...p.strings), additional, { maxKeys: 2 }), { freq: 2 })
      : fc.constant(null);
    return fc.tuple(base, more).map(([o, m]) => ({ ...(m ?? {}), ...(o as Json) }));
  }
  const extraValue = additional ?? wrongType;
  const extra = fc.option(fc.dictionary(anyText(p), extraValue, { maxKeys: 3 }), { freq: 3 });
  const drop = fc.option(fc.constantFrom(...(required.length > 0 ? required : ['-'])), { freq: 6 });
  return fc.tuple(base, extra, drop).map(([o, more, gone]) => {
    const out: Json = { ...(more ?? {}), ...(o as Json) };
    if (gone) delete out[gone];
    return out;
  });
}

/** The text a single mutation puts into an otherwise valid input. */
const ODD = fc.constantFrom('\u0000', '\ud800', '\udfff', '\u0000\ud800', '🍵'.slice(0, 1));

/**
 * One string (or key) of an otherwise valid value made unstorable: the input that passes every other
 * check and reaches the database.
 */
function withOneOddString(v: unknown, pick: number, odd: string, atStart: boolean): unknown {
  const slots: Array<(make: (s: string) => string) => void> = [];
  const visit = (x: unknown, set: (y: unknown) => void) => {
    if (typeof x === 'string') slots.push((make) => set(make(x)));
    else if (Array.isArray(x)) x.forEach((y, i) => visit(y, (z) => (x[i] = z)));
    else if (x && typeof x === 'object') {
      const o = x as Json;
      for (const k of Object.keys(o)) {
        slots.push((make) => {
          o[make(k)] = o[k];
          delete o[k];
        });
        visit(o[k], (z) => (o[k] = z));
      }
    }
  };
  const copy = structuredClone(v);
  let out = copy;
  visit(copy, (z) => (out = z));
  slots[pick % Math.max(slots.length, 1)]?.((s) => (atStart ? odd + s : s + odd));
  return out;
}

const oneOdd = (arb: fc.Arbitrary<unknown>) =>
  fc.tuple(arb, fc.nat(), ODD, fc.boolean()).map(([v, pick, odd, atStart]) => withOneOddString(v, pick, odd, atStart));

// ---------- requests ----------

interface FuzzRequest {
  who: Who;
  viaCookie: boolean;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
}

/** Percent-encodes a generated value; lone surrogates (which cannot be encoded) are sent by the raw variants instead. */
const encode = (v: unknown) => encodeURIComponent((typeof v === 'string' ? v : (JSON.stringify(v) ?? '')).replace(/\p{Cs}/gu, '\ufffd'));

/** A path segment: a value percent-encoded, or raw text that is itself an encoding trick. */
function segmentFor(doc: Json, s: Schema | undefined, p: Pools): fc.Arbitrary<string> {
  const raw = fc.constantFrom(
    '%00',
    '%ZZ',
    '%E0%A4%A',
    '..',
    '.',
    '%2F',
    '%2e%2e',
    '%252e',
    '%ud800',
    '%ED%A0%80',
    'a%00b',
    '%20',
    '~',
    '*',
  );
  const encoded = (s ? valueFor(doc, s, p, true) : anyText(p)).map(encode);
  const odd = fc
    .tuple(s ? valueFor(doc, s, p, false) : anyText(p), fc.constantFrom('%00', '%ED%A0%80'), fc.boolean())
    .map(([v, o, atStart]) => (atStart ? o + encode(v) : encode(v) + o));
  return fc.oneof({ weight: 5, arbitrary: encoded }, { weight: 2, arbitrary: odd }, { weight: 1, arbitrary: raw });
}

function queryFor(doc: Json, op: Operation, p: Pools): fc.Arbitrary<string> {
  const params = op.parameters.filter((x) => x.in === 'query');
  const pairs = params.map((q) =>
    fc.option(
      fc.oneof(
        {
          weight: 6,
          arbitrary: valueFor(doc, q.schema, p, true).map((v) =>
            Array.isArray(v) ? v.map((x) => `${q.name}=${encode(x)}`).join('&') : `${q.name}=${encode(v)}`,
          ),
        },
        {
          weight: 2,
          arbitrary: valueFor(doc, q.schema, p, false).map((v) => `${q.name}=${encode(Array.isArray(v) ? (v[0] ?? '') : v)}%00`),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            `${q.name}=%00`,
            `${q.name}=%ZZ`,
            `${q.name}=%ED%A0%80`,
            `${q.name}[]=1`,
            `${q.name}=1&${q.name}=2`,
            `${q.name}`,
            `${q.name}=`,
          ),
        },
      ),
      { freq: 3 },
    ),
  );
  const junk = fc.option(fc.constantFrom('&&&', '=x', 'a=%00', 'utm=%E2%80%AE', '__proto__[admin]=1', `x=${'y'.repeat(4000)}`), {
    freq: 6,
  });
  return fc.tuple(fc.tuple(...pairs), junk).map(([ps, j]) => {
    const parts = [...ps.filter((x): x is string => !!x), ...(j ? [j] : [])];
    return parts.length > 0 ? `?${parts.join('&')}` : '';
  });
}

function multipart(fields: Array<[string, string]>, file: { name: string; type: string; data: Buffer } | undefined, broken: boolean) {
  const boundary = 'fuzzBoundary7e3a';
  const parts: Buffer[] = fields.map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  if (!broken) parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const CSV_COLUMNS = [
  'product',
  'category',
  'name_zh',
  'name_en',
  'description_zh',
  'brand',
  'type',
  'slug',
  'sku',
  'price',
  'compare_at_price',
  'weight_grams',
  'status',
  'basic.material',
  'sales.color',
];

/** A body: JSON from the operation's schema (or generic JSON), or multipart, CSV, form and garbage. */
function bodyFor(
  doc: Json,
  op: Operation,
  p: Pools,
): fc.Arbitrary<{ payload: string | Buffer | undefined; contentType: string | undefined }> {
  const json = (arb: fc.Arbitrary<unknown>) => arb.map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));
  const generic = fc.oneof(
    fc.array(
      fc.dictionary(
        fc.constantFrom('name', 'nameEn', 'slug', 'category', 'sku', 'price', 'variants', 'products', 'brand'),
        fc.oneof(anyText(p), wrongType),
        { maxKeys: 6 },
      ),
      { maxLength: 3 },
    ),
    fc.dictionary(anyText(p), wrongType, { maxKeys: 4 }),
    wrongType,
  );
  const csv = fc
    .tuple(
      fc.subarray(CSV_COLUMNS, { minLength: 1 }),
      fc.array(fc.array(fc.oneof(anyText(p), fc.constantFrom('1200', '"quoted ""x""', '"unterminated', '0', '-5')), { maxLength: 8 }), {
        maxLength: 4,
      }),
    )
    .map(([head, rows]) => ({ payload: [head.join(','), ...rows.map((r) => r.join(','))].join('\n'), contentType: 'text/csv' }));
  const form = fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.constantFrom('variantId', 'alt.zh-TW', 'alt.en', 'file', 'x'),
          fc.oneof(
            fc.constantFrom(...p.ids),
            anyText(p).map((t) => t.replace(/\r\n/g, ' ')),
          ),
        ),
        { maxLength: 3 },
      ),
      fc.option(
        fc.record({
          name: fc.constantFrom('a.png', 'a.jpg', '../../x.png', 'a\u0000.png', 'x.svg', ''),
          type: fc.constantFrom('image/png', 'image/jpeg', 'image/svg+xml', 'text/html', 'application/octet-stream'),
          data: fc.oneof(
            fc.constant(p.png),
            fc.uint8Array({ maxLength: 256 }).map((a) => Buffer.from(a)),
            fc.constant(Buffer.alloc(0)),
            fc.constant(Buffer.concat([p.png.subarray(0, 40)])),
          ),
        }),
        { freq: 4 },
      ),
      fc.boolean(),
    )
    .map(([fields, file, broken]) => multipart(fields, file ?? undefined, broken));
  const garbage = fc.constantFrom(
    { payload: '{"', contentType: 'application/json' },
    { payload: '', contentType: 'application/json' },
    { payload: '[1,2', contentType: 'application/json' },
    { payload: '{"a":"\\ud800"}', contentType: 'application/json' },
    { payload: '{"a":"\\u0000"}', contentType: 'application/json' },
    { payload: '{"__proto__":{"admin":true}}', contentType: 'application/json' },
    { payload: '{"constructor":{"prototype":{"admin":true}}}', contentType: 'application/json' },
    { payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
    { payload: 'a=%00&b=%ZZ&c=\u0000', contentType: 'application/x-www-form-urlencoded' },
    { payload: '<xml/>', contentType: 'application/xml' },
    { payload: 'hello', contentType: 'text/plain' },
    { payload: 'x', contentType: 'multipart/form-data' },
    { payload: '--b\r\n\r\n', contentType: 'multipart/form-data; boundary=b' },
    { payload: '{}', contentType: 'application/json; charset=latin-1' },
    { payload: '{}', contentType: '' },
    { payload: undefined, contentType: undefined },
  );
  // A payment provider's notice: ECPay's field names with odd values, often signed with the
  // merchant's keys (so it gets past the checksum into the parsing and the payment's rules).
  const tradeNos = p.strings.filter((x) => /^[A-Za-z0-9]{1,20}$/.test(x));
  const plausible = fc.record({
    // Mostly the real attempt's number (20 characters, `S…`), so signed notices reach the payment's rules.
    MerchantTradeNo: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...tradeNos.filter((x) => x.length === 20), ...tradeNos.slice(0, 1)) },
      { weight: 1, arbitrary: fc.constantFrom(...tradeNos) },
    ),
    RtnCode: fc.constantFrom('1', '2', '10100073', '10100058'),
    RtnMsg: fc.constantFrom('交易成功', 'paid', 'Get VirtualAccount Succeeded'),
    TradeNo: fc.constantFrom('2612071000001234'),
    TradeAmt: fc.constantFrom(...ECPAY_NOTICE_VALUES.filter((v) => /^-?\d+$/.test(v)), ...p.strings.filter((x) => /^\d{1,6}$/.test(x))),
    PaymentType: fc.constantFrom('Credit_CreditCard', 'ATM_TAISHIN', 'CVS_CVS', 'BARCODE_BARCODE'),
    TradeDate: fc.constantFrom('2026/12/07 10:00:00'),
    PaymentDate: fc.constantFrom('2026/12/07 10:05:00', ''),
    SimulatePaid: fc.constantFrom('0', '1'),
    ExpireDate: fc.constantFrom('2026/12/10', '2026/12/10 23:59:59', ''),
    BankCode: fc.constantFrom('812', ''),
    vAccount: fc.constantFrom('9103522850923456', ''),
  });
  const ecpayNotice = fc
    .tuple(
      fc.option(plausible, { freq: 2 }),
      fc.dictionary(fc.constantFrom(...ECPAY_NOTICE_FIELDS), fc.oneof(anyText(p), fc.constantFrom(...ECPAY_NOTICE_VALUES, ...p.strings)), {
        maxKeys: 6,
      }),
      fc.boolean(),
    )
    .map(([base, fields, sign]) => {
      let sent: Record<string, string> = { MerchantID: '3002607', ...base, ...fields };
      if (sign) {
        try {
          sent = signFields(sent, STAGE_AIO, 'sha256');
        } catch {
          // Text the checksum's encoding cannot take (a lone surrogate): sent unsigned.
        }
      }
      return { payload: new URLSearchParams(sent).toString(), contentType: 'application/x-www-form-urlencoded' };
    });
  const declared = op.contentTypes;
  const arbs: Array<{
    weight: number;
    arbitrary: fc.Arbitrary<{ payload: string | Buffer | undefined; contentType: string | undefined }>;
  }> = [];
  if (op.body) {
    const strict = valueFor(doc, op.body, p, false);
    arbs.push(
      { weight: 6, arbitrary: json(valueFor(doc, op.body, p, true)) },
      { weight: 4, arbitrary: json(strict) },
      { weight: 8, arbitrary: json(oneOdd(strict)) },
    );
  }
  if (declared.includes('multipart/form-data')) arbs.push({ weight: 10, arbitrary: form });
  if (declared.includes('application/x-www-form-urlencoded')) arbs.push({ weight: 12, arbitrary: ecpayNotice });
  if (declared.includes('text/csv')) arbs.push({ weight: 5, arbitrary: csv });
  if (!op.body && declared.includes('application/json')) arbs.push({ weight: 5, arbitrary: json(generic) });
  arbs.push(
    { weight: 2, arbitrary: garbage },
    { weight: 1, arbitrary: json(generic) },
    { weight: 1, arbitrary: form },
    { weight: 1, arbitrary: csv },
  );
  return fc.oneof(...arbs);
}

function requestFor(doc: Json, op: Operation, p: Pools): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const segments = fc.tuple(
    ...names.map((n) => {
      // A parameter after `/products/` is mostly filled with real product ids (and slugs): requests get past the lookup.
      const collection = new RegExp(`/([^/{}]+)/\\{${n}\\}`).exec(op.path)?.[1] ?? '';
      const own = p.byCollection[collection] ?? [];
      const pools = own.length > 0 ? { ...p, ids: [...own, ...own, ...own, ...p.ids], strings: [...own, ...p.strings] } : p;
      return segmentFor(doc, op.parameters.find((x) => x.in === 'path' && x.name === n)?.schema, pools);
    }),
  );
  const hasBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method);
  const body = hasBody ? bodyFor(doc, op, p) : fc.constant({ payload: undefined, contentType: undefined });
  const headers = fc.record(
    {
      'accept-language': fc.constantFrom('en', 'zh-TW', 'en;q=abc', '*', 'xx-YY,zz;q=0.1', 'a'.repeat(300)),
      'if-none-match': fc.constantFrom('"x"', '*', 'W/"1"', '""'),
      accept: fc.constantFrom('application/json', 'text/html', '*/*', 'image/png'),
    },
    { requiredKeys: [] },
  );
  return fc
    .record({
      // Staff routes mostly as the admin (who gets past access checks), the rest evenly.
      who: op.path.startsWith('/api/admin/')
        ? fc.oneof(
            { weight: 3, arbitrary: fc.constant<Who>('admin') },
            { weight: 1, arbitrary: fc.constantFrom<Who>('anonymous', 'customer') },
          )
        : fc.constantFrom<Who>('anonymous', 'customer', 'admin'),
      viaCookie: fc.boolean(),
      segments,
      query: queryFor(doc, op, p),
      body,
      headers,
    })
    .map(({ who, viaCookie, segments: segs, query, body: b, headers: hs }) => {
      let i = 0;
      const url = op.path.replace(/\{[^}]+\}/g, () => segs[i++] ?? 'x') + query;
      return {
        who,
        viaCookie,
        method: op.method,
        url,
        headers: { ...hs, ...(b.contentType ? { 'content-type': b.contentType } : {}) },
        payload: b.payload,
      };
    });
}

function operationsOf(doc: Json): Operation[] {
  const ops: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(methods)) {
      const content: Json = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path: p,
        parameters: op.parameters ?? [],
        body: content['application/json']?.schema,
        contentTypes: [...Object.keys(content), ...(op.consumes ?? [])],
      });
    }
  }
  return ops;
}

/** Per operation, so a new route does not reshuffle the inputs of the others. */
const seedOf = (op: Operation) => (SEED ^ createHash('sha256').update(`${op.method} ${op.path}`).digest().readInt32BE(0)) | 0;

// ---------- the test ----------

describe('fuzzing every operation of the OpenAPI document', () => {
  let h: Harness;
  let mediaDir: string;
  const users = {} as Record<Exclude<Who, 'anonymous'>, Signed>;
  const sessionIds: string[] = [];
  const refreshTokens: string[] = [];
  let pools: Pools;

  const call = (who: Signed, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({ method, url: `/api${url}`, headers: bearer(who), ...(payload === undefined ? {} : { payload: payload as Json }) });

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), 'shop-fuzz-media-'));
    h = await createHarness({ env: { MEDIA_DIR: mediaDir } });
    const adminEmail = uniqueEmail('fuzz-admin');
    await registerUser(h, { email: adminEmail, password: ADMIN_PASSWORD });
    await h.pool.query(`UPDATE users SET roles = '{customer,admin}' WHERE lower(email) = lower($1)`, [adminEmail]);
    users.admin = await loginUser(h, adminEmail, ADMIN_PASSWORD);
    users.customer = await registerUser(h, { phone: '0912345678' });
    // Accounts only the login fuzzing aims at (their emails and password are in the pools): wrong
    // passwords lock them, never the admin or the customer the other requests act as.
    const targets = await Promise.all([registerUser(h), registerUser(h)]);

    const cat = (
      await call(users.admin, 'POST', '/admin/categories', { name: { 'zh-TW': '茶具', en: 'Teaware' }, slug: 'teaware' })
    ).json();
    const child = (await call(users.admin, 'POST', '/admin/categories', { parentId: cat.id, name: { 'zh-TW': '茶杯' } })).json();
    const brand = (
      await call(users.admin, 'POST', '/admin/brands', { name: { 'zh-TW': '山茶' }, logoUrl: 'https://example.com/logo.png' })
    ).json();
    const attr = (
      await call(users.admin, 'POST', '/admin/attributes', {
        categoryId: cat.id,
        code: 'color',
        kind: 'sales',
        type: 'enum',
        label: { 'zh-TW': '顏色' },
        allowedValues: [{ value: 'black', label: { 'zh-TW': '黑色' } }],
      })
    ).json();
    const product = (
      await call(users.admin, 'POST', '/admin/products', {
        name: { 'zh-TW': '白瓷杯', en: 'Porcelain cup' },
        slug: 'porcelain-cup',
        primaryCategoryId: cat.id,
        brandId: brand.id,
        variants: [{ sku: 'CUP-BLACK', priceMinor: 450, salesAttributes: { color: 'black' } }],
      })
    ).json();
    expect(product.id, JSON.stringify(product)).toBeDefined();
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a7' } })
      .png()
      .toBuffer();
    const { payload, contentType } = multipart([['alt.zh-TW', '白瓷杯']], { name: 'cup.png', type: 'image/png', data: png }, false);
    const image = (
      await h.app.inject({
        method: 'POST',
        url: `/api/admin/products/${product.id}/images`,
        headers: { ...bearer(users.admin), 'content-type': contentType },
        payload,
      })
    ).json();
    for (const action of ['submit', 'approve', 'put_on_shelf'])
      await call(users.admin, 'POST', `/admin/products/${product.id}/transitions`, { action });
    const address = (
      await call(users.customer, 'POST', `/users/${users.customer.id}/addresses`, {
        recipientName: '王小明',
        phone: '0912345678',
        postalCode: '106',
        city: '臺北市',
        district: '大安區',
        line1: '羅斯福路四段1號',
      })
    ).json();
    const shippingMethod = (
      await call(users.admin, 'POST', '/admin/shipping-methods', {
        code: 'tcat_home',
        kind: 'home_delivery',
        carrier: 'tcat',
        name: { 'zh-TW': '黑貓宅急便', en: 'T-Cat home delivery' },
        fee: {
          type: 'weight',
          bands: [
            { upToGrams: 5000, fee: 130 },
            { upToGrams: 20000, fee: 200 },
          ],
        },
        freeShippingThreshold: 1500,
      })
    ).json();
    expect(shippingMethod.id, JSON.stringify(shippingMethod)).toBeDefined();
    // A cart line of the customer's, so the cart's item routes reach a real row.
    await call(users.admin, 'POST', `/admin/stock/${product.variants[0].id}/adjust`, { set: 50, reason: 'fuzz' });
    const cart = (await call(users.customer, 'POST', '/cart/items', { variantId: product.variants[0].id, quantity: 2 })).json();
    expect(cart.lines?.[0]?.id, JSON.stringify(cart)).toBeDefined();
    // A guest's order and its link token, so the order routes (a guest's account from it too) reach a real order.
    const asGuest = (method: 'GET' | 'POST', url: string, cookie: string, payload?: unknown) =>
      h.app.inject({
        method,
        url: `/api${url}`,
        headers: cookie ? { cookie } : {},
        ...(payload === undefined ? {} : { payload: payload as Json }),
      });
    const added = await asGuest('POST', '/cart/items', '', { variantId: product.variants[0].id, quantity: 1 });
    const guestCookie = `cart_token=${added.cookies.find((c) => c.name === 'cart_token')?.value ?? ''}`;
    const withShipping = await h.app.inject({
      method: 'PUT',
      url: '/api/cart/shipping-method',
      headers: { cookie: guestCookie },
      payload: { methodId: shippingMethod.id },
    });
    const guestTotal = withShipping.json().totals.total as number;
    const guestOrder = (
      await asGuest('POST', '/checkout', guestCookie, {
        orderId: (await asGuest('GET', '/checkout/session', guestCookie)).json().orderId,
        buyer: { name: '林小華', mobile: '0987654321', email: 'fuzz-guest@example.tw' },
        shippingMethodId: shippingMethod.id,
        address: { zip: '106', city: '臺北市', district: '大安區', line: '羅斯福路四段1號' },
        paymentMethod: 'bank_transfer',
        acceptTerms: true,
        expected: { total: guestTotal },
      })
    ).json();
    expect(guestOrder.orderToken, JSON.stringify(guestOrder)).toBeDefined();
    // An ECPay attempt of the guest's order, so provider notices can name a real MerchantTradeNo.
    const attempt = await asGuest(
      'POST',
      `/orders/${guestOrder.order.id}/payments?token=${encodeURIComponent(guestOrder.orderToken)}`,
      '',
      {
        method: 'atm',
      },
    );
    expect(attempt.statusCode, attempt.body).toBe(201);
    const merchantTradeNo = attempt.json().form.fields.MerchantTradeNo as string;
    // refunds: another guest order paid by bank transfer (staff saw the money) and its refund request, so refund routes reach a real refund.
    const refundCart = await asGuest('POST', '/cart/items', '', { variantId: product.variants[0].id, quantity: 1 });
    const refundCookie = `cart_token=${refundCart.cookies.find((c) => c.name === 'cart_token')?.value ?? ''}`;
    const refundTotal = (
      await h.app.inject({
        method: 'PUT',
        url: '/api/cart/shipping-method',
        headers: { cookie: refundCookie },
        payload: { methodId: shippingMethod.id },
      })
    ).json().totals.total as number;
    const refundOrder = (
      await asGuest('POST', '/checkout', refundCookie, {
        orderId: (await asGuest('GET', '/checkout/session', refundCookie)).json().orderId,
        buyer: { name: '陳小美', mobile: '0987654322', email: 'fuzz-refund@example.tw' },
        shippingMethodId: shippingMethod.id,
        address: { zip: '106', city: '臺北市', district: '大安區', line: '羅斯福路四段2號' },
        paymentMethod: 'bank_transfer',
        acceptTerms: true,
        expected: { total: refundTotal },
      })
    ).json();
    await call(users.admin, 'POST', `/admin/orders/${refundOrder.order.id}/transition`, { to: 'paid' });
    const refund = await asGuest(
      'POST',
      `/orders/${refundOrder.order.id}/refunds?token=${encodeURIComponent(refundOrder.orderToken)}`,
      '',
      { reason: '不要了', bankAccount: { bankCode: '812', account: '00012345678901', holder: '陳小美' } },
    );
    expect(refund.statusCode, refund.body).toBe(201);
    const promotion = (
      await call(users.admin, 'POST', '/admin/promotions', {
        name: { 'zh-TW': '滿千折百' },
        isCoupon: true,
        rule: { kind: 'order_fixed', amountOff: 100, minSubtotal: 1000 },
      })
    ).json();
    const codes = (await call(users.admin, 'POST', `/admin/promotions/${promotion.id}/codes`, { type: 'batch', count: 2 })).json();
    expect(codes.batchId, JSON.stringify(codes)).toBeDefined();
    const policies = (await call(users.admin, 'GET', '/admin/policies')).json().items as Json[];
    const mails = (await call(users.admin, 'GET', '/admin/mailbox')).json().items as Json[];

    const { rows } = await h.pool.query<{ id: string }>('SELECT id FROM sessions WHERE user_id = ANY($1)', [
      [users.admin.id, users.customer.id],
    ]);
    sessionIds.push(...rows.map((r) => r.id));
    refreshTokens.push(users.admin.refreshToken, users.customer.refreshToken, ...targets.map((t) => t.refreshToken));
    // The policies as seeded: restored after every operation, so a generated deny-everything
    // policy does not silence the operations after it.
    await h.pool.query('CREATE TABLE fuzz_policies AS SELECT * FROM abac_policies');

    const emails = [...targets.map((t) => t.email), 'nobody@example.tw'];
    pools = {
      ids: [
        users.customer.id,
        users.admin.id,
        ...targets.map((t) => t.id),
        cat.id,
        child.id,
        brand.id,
        attr.id,
        product.id,
        product.variants[0].id,
        image.id,
        address.id,
        shippingMethod.id,
        cart.lines[0].id,
        ...sessionIds,
        ...policies.map((x) => x.id),
        ...mails.map((m) => m.id),
        promotion.id,
        codes.batchId,
        guestOrder.order.id,
        refundOrder.order.id,
        refund.json().id,
      ].filter(Boolean),
      strings: [
        ...emails,
        '0912345678',
        PASSWORD,
        'teaware',
        'porcelain-cup',
        '白瓷杯',
        'CUP-BLACK',
        'black',
        'color',
        'tcat_home',
        'admin',
        'ops',
        'customer',
        'tea',
        'tshrit',
        codes.items[0].code,
        guestOrder.orderToken,
        refundOrder.orderToken,
        merchantTradeNo,
        String(guestTotal),
      ],
      emails,
      png,
      byCollection: {
        users: [users.customer.id, users.admin.id],
        addresses: [address.id],
        sessions: sessionIds,
        categories: [cat.id, child.id],
        brands: [brand.id],
        attributes: [attr.id],
        products: [product.id, 'porcelain-cup'],
        images: [image.id],
        policies: policies.map((x) => x.id),
        mailbox: mails.map((m) => m.id),
        'shipping-methods': [shippingMethod.id],
        items: [cart.lines[0].id],
        promotions: [promotion.id],
        orders: [guestOrder.order.id, refundOrder.order.id],
        refunds: [refund.json().id],
      },
    };
  });

  afterAll(async () => {
    await h?.close();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
  });

  /** Undoes what a generated request may have done to the fuzzing identities (sign-outs, disables, lockouts, roles, policies). */
  async function restoreIdentities() {
    await h.pool.query(
      `UPDATE users SET status = 'active', locked_until = NULL, failed_login_count = 0,
         roles = CASE WHEN id = $1 THEN '{customer,admin}'::text[] ELSE '{customer}'::text[] END
       WHERE id = ANY($2)`,
      [users.admin.id, [users.admin.id, users.customer.id]],
    );
    await h.pool.query('UPDATE sessions SET revoked_at = NULL, revoked_reason = NULL WHERE id = ANY($1)', [sessionIds]);
    // With Redis, sign-outs and disables also land in its revocation list (the access tokens' check).
    if (h.redis) {
      const keys = [
        ...sessionIds.map((id) => `shop:revoked:s:${id}`),
        ...[users.admin.id, users.customer.id].map((id) => `shop:revoked:u:${id}`),
      ];
      await h.redis.del(...keys);
    }
    await h.pool.query('DELETE FROM abac_policies; INSERT INTO abac_policies SELECT * FROM fuzz_policies');
  }

  /** Why this response fails the fuzz tier, or undefined. */
  function verdict(res: { statusCode: number; headers: Record<string, unknown>; body: string }): string | undefined {
    if (res.statusCode >= 500) return `answered ${res.statusCode}`;
    const text = `${JSON.stringify(res.headers)}\n${res.body}`;
    const secrets: Array<[string | RegExp, string]> = [
      [TEST_JWT_SECRET, 'the JWT secret'],
      [ADMIN_PASSWORD, 'the admin’s password'],
      [/\$argon2(id|i|d)\$/, 'a password hash'],
      [/password_hash/i, 'the password column'],
      [/\n\s+at .+:\d+:\d+/, 'a stack trace'],
      [/node_modules|\/src\/[\w/.-]+\.ts/, 'a source path'],
      ...refreshTokens.map((t): [string, string] => [t, 'a refresh token of another session']),
    ];
    for (const [s, what] of secrets) if (typeof s === 'string' ? text.includes(s) : s.test(text)) return `leaks ${what}`;
    if (res.statusCode >= 400) {
      const type = String(res.headers['content-type'] ?? '');
      if (!type.startsWith('application/problem+json')) return `${res.statusCode} as ${type || 'no content type'}, not a problem document`;
      let body: unknown;
      try {
        body = JSON.parse(res.body);
      } catch {
        return `${res.statusCode} problem document is not JSON`;
      }
      // `errors` is the field list of VALIDATION_FAILED; other codes may carry their own (IMPORT_INVALID's rows).
      const problem = Problem.omit({ errors: true }).safeParse(body);
      if (!problem.success) return `${res.statusCode} body is not a problem document: ${problem.error.message}`;
      if (problem.data.status !== res.statusCode) return `problem status ${problem.data.status} on a ${res.statusCode}`;
      if (!/^[A-Z][A-Z0-9_]*$/.test(problem.data.code)) return `problem code ${problem.data.code} is not upper-snake`;
    }
    return undefined;
  }

  it('answers every generated request of every operation without a 5xx, a non-problem 4xx or a secret', { timeout: 240_000 }, async () => {
    const doc = h.app.swagger() as Json;
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(60);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let requests = 0;
    const started = Date.now();
    for (const op of operations) {
      const result = await fc.check(
        fc.asyncProperty(requestFor(doc, op, pools), async (r) => {
          const auth: Record<string, string> =
            r.who === 'anonymous'
              ? {}
              : r.viaCookie
                ? { cookie: users[r.who].cookie, origin: 'http://localhost:80' }
                : bearer(users[r.who]);
          const res = await h.app.inject({
            method: r.method as 'GET',
            url: r.url,
            headers: { ...r.headers, ...auth },
            ...(r.payload === undefined ? {} : { payload: r.payload }),
          });
          requests++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const why = verdict(res);
          if (why) throw new Error(`${why}: ${res.body.slice(0, 300)}`);
        }),
        { seed: seedOf(op), numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
      if (result.failed) {
        const [r] = result.counterexample ?? [];
        const req = r
          ? `${r.who}${r.viaCookie ? ' (cookie)' : ''} ${r.method} ${r.url} ${JSON.stringify(r.headers)} ${String(r.payload ?? '').slice(0, 300)}`
          : '?';
        failures.push(
          `${op.method} ${op.path} (seed ${seedOf(op)}): ${(result.errorInstance as Error | undefined)?.message ?? 'failed'}\n    request: ${req}`,
        );
      }
      await restoreIdentities();
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const histogram = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.info(`fuzz: ${requests} requests, ${operations.length} operations, seed ${SEED}, ${seconds} s; ${histogram}`);
    expect(failures, failures.join('\n\n')).toEqual([]);
  });
});
