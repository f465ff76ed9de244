import { ShippingMethodInput, type AdminShippingMethod, type ShippingMethodValues } from '@shop/contracts/shipping';

/** The form's fields, each as the browser sends it; weight bands as two parallel lists. */
export interface MethodFields {
  code: string;
  kind: string;
  carrier: string;
  nameZh: string;
  nameEn: string;
  sortOrder: string;
  feeType: string;
  amount: string;
  bandUpTo: string[];
  bandFee: string[];
  freeShippingThreshold: string;
  islandSurcharge: string;
  maxWeightGrams: string;
  maxSizeCm: string;
  minOrderAmount: string;
  maxOrderAmount: string;
  unknownItemWeightGrams: string;
  active: boolean;
}

export type MethodErrorKey =
  | 'admin.shippingMethod.wholeNumber'
  | 'admin.shippingMethod.required'
  | 'admin.shippingMethod.codeHint'
  | 'admin.shippingMethod.carrierNotOfKind'
  | 'admin.shippingMethod.bandsAscending'
  | 'admin.shippingMethod.amountRange'
  | 'fieldError.invalid';

/** A whole number of at most 10 digits, or NaN (which the schema refuses); blank is `blank`. */
function whole<B>(text: string, blank: B): number | B {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return blank;
  return /^\d{1,10}$/.test(t) ? Number(t) : Number.NaN;
}

const numberFields = new Set([
  'sortOrder',
  'amount',
  'freeShippingThreshold',
  'islandSurcharge',
  'maxWeightGrams',
  'maxSizeCm',
  'minOrderAmount',
  'maxOrderAmount',
  'unknownItemWeightGrams',
]);

/** Which form field a schema path is about: `fee.bands.1.fee` → `bandFee.1`, `name.zh-TW` → `nameZh`. */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  const [head, second, index, leaf] = path.map(String);
  if (head === 'name') return second === 'en' ? 'nameEn' : 'nameZh';
  if (head === 'fee') {
    if (second === 'amount') return 'amount';
    if (second === 'bands' && index !== undefined && leaf !== undefined) return `${leaf === 'fee' ? 'bandFee' : 'bandUpTo'}.${index}`;
    return 'feeType';
  }
  return head ?? 'form';
}

/** The form as the API's body, or each field's problem as a message key. */
export function methodBody(
  f: MethodFields,
): { body: ShippingMethodValues; errors?: undefined } | { body?: undefined; errors: Record<string, MethodErrorKey> } {
  const input = {
    code: f.code.trim(),
    kind: f.kind,
    carrier: f.carrier,
    name: { 'zh-TW': f.nameZh, en: f.nameEn },
    active: f.active,
    sortOrder: whole(f.sortOrder, 0),
    fee:
      f.feeType === 'weight'
        ? {
            type: 'weight',
            bands: f.bandUpTo
              .map((upTo, i) => ({ upTo, fee: f.bandFee[i] ?? '' }))
              .filter((b) => b.upTo.trim() !== '' || b.fee.trim() !== '')
              .map((b) => ({ upToGrams: whole(b.upTo, Number.NaN), fee: whole(b.fee, Number.NaN) })),
          }
        : { type: 'flat', amount: whole(f.amount, Number.NaN) },
    freeShippingThreshold: whole(f.freeShippingThreshold, null),
    islandSurcharge: whole(f.islandSurcharge, 0),
    maxWeightGrams: whole(f.maxWeightGrams, null),
    maxSizeCm: whole(f.maxSizeCm, null),
    minOrderAmount: whole(f.minOrderAmount, 0),
    maxOrderAmount: whole(f.maxOrderAmount, null),
    unknownItemWeightGrams: whole(f.unknownItemWeightGrams, 500),
  };
  const parsed = ShippingMethodInput.safeParse(input);
  if (parsed.success) return { body: parsed.data };
  const errors: Record<string, MethodErrorKey> = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path);
    if (errors[field]) continue;
    if (field === 'code') errors[field] = 'admin.shippingMethod.codeHint';
    else if (field === 'carrier') errors[field] = 'admin.shippingMethod.carrierNotOfKind';
    else if (field === 'nameZh' || field === 'nameEn') errors[field] = 'admin.shippingMethod.required';
    else if (issue.code === 'custom' && field.startsWith('band')) errors[field] = 'admin.shippingMethod.bandsAscending';
    else if (field === 'maxOrderAmount' && issue.code === 'custom') errors[field] = 'admin.shippingMethod.amountRange';
    else if (numberFields.has(field) || field.startsWith('band')) errors[field] = 'admin.shippingMethod.wholeNumber';
    else errors[field] = 'fieldError.invalid';
  }
  return { errors };
}

const text = (n: number | null) => (n === null ? '' : String(n));

/** A stored method as the form's fields, to edit it. */
export function methodFields(m: AdminShippingMethod): MethodFields {
  return {
    code: m.code,
    kind: m.kind,
    carrier: m.carrier,
    nameZh: m.name['zh-TW'],
    nameEn: m.name.en,
    sortOrder: String(m.sortOrder),
    feeType: m.fee.type,
    amount: m.fee.type === 'flat' ? String(m.fee.amount) : '',
    bandUpTo: m.fee.type === 'weight' ? m.fee.bands.map((b) => String(b.upToGrams)) : [],
    bandFee: m.fee.type === 'weight' ? m.fee.bands.map((b) => String(b.fee)) : [],
    freeShippingThreshold: text(m.freeShippingThreshold),
    islandSurcharge: String(m.islandSurcharge),
    maxWeightGrams: text(m.maxWeightGrams),
    maxSizeCm: text(m.maxSizeCm),
    minOrderAmount: String(m.minOrderAmount),
    maxOrderAmount: text(m.maxOrderAmount),
    unknownItemWeightGrams: String(m.unknownItemWeightGrams),
    active: m.active,
  };
}

/** The fields of a new method: home delivery by 黑貓 with a flat fee. */
export const blankMethodFields: MethodFields = {
  code: '',
  kind: 'home_delivery',
  carrier: 'tcat',
  nameZh: '',
  nameEn: '',
  sortOrder: '0',
  feeType: 'flat',
  amount: '',
  bandUpTo: [],
  bandFee: [],
  freeShippingThreshold: '',
  islandSurcharge: '0',
  maxWeightGrams: '',
  maxSizeCm: '',
  minOrderAmount: '0',
  maxOrderAmount: '',
  unknownItemWeightGrams: '500',
  active: true,
};

/** The form post as fields. */
export function readMethodForm(form: FormData): MethodFields {
  const s = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
  return {
    code: s('code'),
    kind: s('kind'),
    carrier: s('carrier'),
    nameZh: s('nameZh'),
    nameEn: s('nameEn'),
    sortOrder: s('sortOrder'),
    feeType: s('feeType'),
    amount: s('amount'),
    bandUpTo: all('bandUpTo'),
    bandFee: all('bandFee'),
    freeShippingThreshold: s('freeShippingThreshold'),
    islandSurcharge: s('islandSurcharge'),
    maxWeightGrams: s('maxWeightGrams'),
    maxSizeCm: s('maxSizeCm'),
    minOrderAmount: s('minOrderAmount'),
    maxOrderAmount: s('maxOrderAmount'),
    unknownItemWeightGrams: s('unknownItemWeightGrams'),
    active: form.get('active') !== null,
  };
}
