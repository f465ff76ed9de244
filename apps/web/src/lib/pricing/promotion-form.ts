import {
  COUPON_KINDS,
  PromotionInput,
  PromotionPatch,
  type AdminPromotion,
  type PromotionKind,
  type PromotionRuleInput,
} from '@shop/contracts/pricing';
import type { z } from 'zod';

/** The promotion form's fields as the browser sends them; rows (tiers, offers) as parallel lists. */
export interface PromotionFields {
  nameZh: string;
  nameEn: string;
  kind: string;
  isCoupon: boolean;
  percentOff: string;
  maxDiscount: string;
  minSubtotal: string;
  amountOff: string;
  tierMin: string[];
  tierOff: string[];
  groupSize: string;
  groupPrice: string;
  nth: string;
  pricePercent: string;
  grouping: string;
  giftProductId: string;
  giftVariantId: string;
  giftQuantity: string;
  offerProduct: string[];
  offerVariant: string[];
  offerPrice: string[];
  offerMax: string[];
  scopeType: string;
  categoryIds: string[];
  brandIds: string[];
  productIds: string;
  priority: string;
  exclusive: boolean;
  startsAt: string;
  endsAt: string;
  totalLimit: string;
  perCustomerLimit: string;
}

export const blankPromotionFields: PromotionFields = {
  nameZh: '',
  nameEn: '',
  kind: 'order_percentage',
  isCoupon: false,
  percentOff: '',
  maxDiscount: '',
  minSubtotal: '0',
  amountOff: '',
  tierMin: [],
  tierOff: [],
  groupSize: '',
  groupPrice: '',
  nth: '2',
  pricePercent: '',
  grouping: 'same_product',
  giftProductId: '',
  giftVariantId: '',
  giftQuantity: '1',
  offerProduct: [],
  offerVariant: [],
  offerPrice: [],
  offerMax: [],
  scopeType: 'all',
  categoryIds: [],
  brandIds: [],
  productIds: '',
  priority: '0',
  exclusive: false,
  startsAt: '',
  endsAt: '',
  totalLimit: '',
  perCustomerLimit: '',
};

/** A whole number (thousands separators allowed), NaN when it is not one (the schema refuses it), `blank` when empty. */
function whole<B>(text: string, blank: B): number | B {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return blank;
  return /^\d{1,10}$/.test(t) ? Number(t) : Number.NaN;
}

/** A percentage typed by staff (`12.5`) as basis points (1250); NaN when it is not one. */
export function percentToBasisPoints(text: string): number {
  const t = text.trim().replace(/%$/, '').trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}

/** Basis points as the percentage staff type: 1250 → `12.5`. */
export function basisPointsToPercent(bp: number): string {
  return String(bp / 100);
}

/** `2026-01-02T10:00` typed in Taipei time as an ISO moment with its offset; blank is null, nonsense stays (the schema refuses it). */
export function taipeiToIso(local: string): string | null {
  const t = local.trim();
  if (t === '') return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(t) ? `${t}:00+08:00` : t;
}

/** A moment as the `datetime-local` value of the same wall-clock time in Taipei. */
export function isoToTaipei(iso: string | null): string {
  if (!iso) return '';
  const taipei = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return taipei.toISOString().slice(0, 16);
}

/** Lines of ids (or commas, spaces) as a list, blanks left out. */
export function idList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function rule(f: PromotionFields): PromotionRuleInput | { kind: string } {
  const minSubtotal = whole(f.minSubtotal, 0);
  switch (f.kind as PromotionKind) {
    case 'order_percentage':
      return {
        kind: 'order_percentage',
        percentOff: percentToBasisPoints(f.percentOff),
        maxDiscount: whole(f.maxDiscount, null),
        minSubtotal,
      };
    case 'order_fixed':
      return { kind: 'order_fixed', amountOff: whole(f.amountOff, Number.NaN), minSubtotal };
    case 'free_shipping':
      return { kind: 'free_shipping', minSubtotal };
    case 'spend_tiers':
      return {
        kind: 'spend_tiers',
        tiers: f.tierMin
          .map((min, i) => ({ min, off: f.tierOff[i] ?? '' }))
          .filter((t) => t.min.trim() !== '' || t.off.trim() !== '')
          .map((t) => ({ minSubtotal: whole(t.min, Number.NaN), amountOff: whole(t.off, Number.NaN) })),
      };
    case 'bundle_price':
      return { kind: 'bundle_price', groupSize: whole(f.groupSize, Number.NaN), groupPrice: whole(f.groupPrice, Number.NaN) };
    case 'nth_unit_percent':
      return {
        kind: 'nth_unit_percent',
        nth: whole(f.nth, Number.NaN),
        pricePercent: percentToBasisPoints(f.pricePercent),
        grouping: f.grouping === 'any_in_scope' ? 'any_in_scope' : 'same_product',
      };
    case 'line_percentage':
      return { kind: 'line_percentage', percentOff: percentToBasisPoints(f.percentOff) };
    case 'gift_with_purchase':
      return {
        kind: 'gift_with_purchase',
        minSubtotal,
        gift: { productId: f.giftProductId.trim(), variantId: f.giftVariantId.trim(), quantity: whole(f.giftQuantity, 1) },
      };
    case 'add_on':
      return {
        kind: 'add_on',
        minSubtotal,
        offers: f.offerVariant
          .map((variantId, i) => ({
            productId: (f.offerProduct[i] ?? '').trim(),
            variantId: variantId.trim(),
            price: f.offerPrice[i] ?? '',
            max: f.offerMax[i] ?? '',
          }))
          .filter((o) => o.productId !== '' || o.variantId !== '' || o.price.trim() !== '')
          .map((o) => ({
            productId: o.productId,
            variantId: o.variantId,
            price: whole(o.price, Number.NaN),
            maxPerOrder: whole(o.max, 1),
          })),
      };
    default:
      return { kind: f.kind };
  }
}

function scope(f: PromotionFields) {
  switch (f.scopeType) {
    case 'categories':
      return { type: 'categories', categoryIds: f.categoryIds };
    case 'brands':
      return { type: 'brands', brandIds: f.brandIds };
    case 'products':
      return { type: 'products', productIds: idList(f.productIds) };
    default:
      return { type: 'all' };
  }
}

/** The fields every promotion has, as the API reads them. */
function common(f: PromotionFields) {
  return {
    name: { 'zh-TW': f.nameZh, en: f.nameEn.trim() === '' ? undefined : f.nameEn },
    rule: rule(f),
    scope: scope(f),
    priority: whole(f.priority, 0),
    exclusive: f.exclusive,
    startsAt: taipeiToIso(f.startsAt),
    endsAt: taipeiToIso(f.endsAt),
    totalLimit: whole(f.totalLimit, null),
    perCustomerLimit: whole(f.perCustomerLimit, null),
  };
}

/** Which form field a schema path is about: `rule.tiers.1.amountOff` → `tierOff.1`, `scope.categoryIds` → `scope`. */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  const p = path.map(String);
  if (p[0] === 'name') return p[1] === 'en' ? 'nameEn' : 'nameZh';
  if (p[0] === 'scope') return 'scope';
  if (p[0] !== 'rule') return p[0] ?? 'form';
  const [, key, index, leaf] = p;
  if (key === 'tiers') return index !== undefined ? `${leaf === 'amountOff' ? 'tierOff' : 'tierMin'}.${index}` : 'tiers';
  if (key === 'offers') {
    if (index === undefined || leaf === undefined) return 'offers';
    const names: Record<string, string> = {
      productId: 'offerProduct',
      variantId: 'offerVariant',
      price: 'offerPrice',
      maxPerOrder: 'offerMax',
    };
    return `${names[leaf] ?? 'offerVariant'}.${index}`;
  }
  if (key === 'gift') return index === 'productId' ? 'giftProductId' : index === 'quantity' ? 'giftQuantity' : 'giftVariantId';
  return key ?? 'kind';
}

export interface FieldIssue {
  field: string;
  issue: z.core.$ZodIssue;
}

function issues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: fieldOfPath(issue.path), issue }));
}

/** What the whole form says that no single schema field checks: a coupon of a kind that cannot be one, an end before the start. */
function crossIssues(f: PromotionFields, isCoupon: boolean): FieldIssue[] {
  const found: FieldIssue[] = [];
  const custom = (field: string, message: string): FieldIssue => ({
    field,
    issue: { code: 'custom', path: [field], message, input: undefined },
  });
  if (isCoupon && !COUPON_KINDS.includes(f.kind as PromotionKind)) found.push(custom('isCoupon', 'coupon_kind'));
  const [start, end] = [taipeiToIso(f.startsAt), taipeiToIso(f.endsAt)];
  if (start && end && Date.parse(end) <= Date.parse(start)) found.push(custom('endsAt', 'ends_before_start'));
  return found;
}

/** A new promotion's body, or the issues per form field. */
export function promotionInput(
  f: PromotionFields,
): { body: PromotionInput; issues?: undefined } | { body?: undefined; issues: FieldIssue[] } {
  const parsed = PromotionInput.safeParse({ ...common(f), isCoupon: f.isCoupon });
  const cross = crossIssues(f, f.isCoupon);
  if (parsed.success && cross.length === 0) return { body: parsed.data };
  return { issues: [...(parsed.success ? [] : issues(parsed.error)), ...cross] };
}

/** An edit's body (with the version the editor read), or the issues per form field. */
export function promotionPatch(
  f: PromotionFields,
  version: number,
): { body: PromotionPatch; issues?: undefined } | { body?: undefined; issues: FieldIssue[] } {
  const parsed = PromotionPatch.safeParse({ ...common(f), version });
  const cross = crossIssues(f, false);
  if (parsed.success && cross.length === 0) return { body: parsed.data };
  return { issues: [...(parsed.success ? [] : issues(parsed.error)), ...cross] };
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** A stored promotion as the form's fields. */
export function promotionFields(p: AdminPromotion): PromotionFields {
  const f: PromotionFields = {
    ...blankPromotionFields,
    nameZh: p.name['zh-TW'],
    nameEn: p.name.en ?? '',
    kind: p.kind,
    isCoupon: p.isCoupon,
    priority: String(p.priority),
    exclusive: p.exclusive,
    startsAt: isoToTaipei(p.startsAt),
    endsAt: isoToTaipei(p.endsAt),
    totalLimit: str(p.totalLimit),
    perCustomerLimit: str(p.perCustomerLimit),
    scopeType: p.scope.type,
    categoryIds: p.scope.type === 'categories' ? p.scope.categoryIds : [],
    brandIds: p.scope.type === 'brands' ? p.scope.brandIds : [],
    productIds: p.scope.type === 'products' ? p.scope.productIds.join('\n') : '',
  };
  const r = p.rule;
  switch (r.kind) {
    case 'order_percentage':
      return { ...f, percentOff: basisPointsToPercent(r.percentOff), maxDiscount: str(r.maxDiscount), minSubtotal: str(r.minSubtotal) };
    case 'order_fixed':
      return { ...f, amountOff: str(r.amountOff), minSubtotal: str(r.minSubtotal) };
    case 'free_shipping':
      return { ...f, minSubtotal: str(r.minSubtotal) };
    case 'spend_tiers':
      return { ...f, tierMin: r.tiers.map((t) => str(t.minSubtotal)), tierOff: r.tiers.map((t) => str(t.amountOff)) };
    case 'bundle_price':
      return { ...f, groupSize: str(r.groupSize), groupPrice: str(r.groupPrice) };
    case 'nth_unit_percent':
      return { ...f, nth: str(r.nth), pricePercent: basisPointsToPercent(r.pricePercent), grouping: r.grouping };
    case 'line_percentage':
      return { ...f, percentOff: basisPointsToPercent(r.percentOff) };
    case 'gift_with_purchase':
      return {
        ...f,
        minSubtotal: str(r.minSubtotal),
        giftProductId: r.gift.productId,
        giftVariantId: r.gift.variantId,
        giftQuantity: str(r.gift.quantity),
      };
    case 'add_on':
      return {
        ...f,
        minSubtotal: str(r.minSubtotal),
        offerProduct: r.offers.map((o) => o.productId),
        offerVariant: r.offers.map((o) => o.variantId),
        offerPrice: r.offers.map((o) => str(o.price)),
        offerMax: r.offers.map((o) => str(o.maxPerOrder)),
      };
  }
}

/** The form post as fields. */
export function readPromotionForm(form: FormData): PromotionFields {
  const s = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
  return {
    nameZh: s('nameZh'),
    nameEn: s('nameEn'),
    kind: s('kind'),
    isCoupon: form.get('isCoupon') !== null,
    percentOff: s('percentOff'),
    maxDiscount: s('maxDiscount'),
    minSubtotal: s('minSubtotal'),
    amountOff: s('amountOff'),
    tierMin: all('tierMin'),
    tierOff: all('tierOff'),
    groupSize: s('groupSize'),
    groupPrice: s('groupPrice'),
    nth: s('nth'),
    pricePercent: s('pricePercent'),
    grouping: s('grouping'),
    giftProductId: s('giftProductId'),
    giftVariantId: s('giftVariantId'),
    giftQuantity: s('giftQuantity'),
    offerProduct: all('offerProduct'),
    offerVariant: all('offerVariant'),
    offerPrice: all('offerPrice'),
    offerMax: all('offerMax'),
    scopeType: s('scopeType'),
    categoryIds: all('categoryIds'),
    brandIds: all('brandIds'),
    productIds: s('productIds'),
    priority: s('priority'),
    exclusive: form.get('exclusive') !== null,
    startsAt: s('startsAt'),
    endsAt: s('endsAt'),
    totalLimit: s('totalLimit'),
    perCustomerLimit: s('perCustomerLimit'),
  };
}
