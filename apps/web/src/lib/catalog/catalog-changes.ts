// The catalog's operation log and pending revisions in words: action labels and field-level
// changes ("價格（TEE-S）：$199 → $179") instead of codes and field names.
import { formatMoney } from '$lib/format';
import type { Locale, Translate } from '$lib/i18n';

const OPERATIONS = [
  'create',
  'update',
  'import',
  'submit',
  'approve',
  'reject',
  'put_on_shelf',
  'take_off_shelf',
  'freeze',
  'unfreeze',
  'delete',
  'restore',
  'sell_out',
  'restock',
  'image_add',
  'image_reorder',
  'image_delete',
  'revision_propose',
  'revision_approve',
  'revision_reject',
] as const;
type Operation = (typeof OPERATIONS)[number];

const FIELDS = [
  'name',
  'description',
  'slug',
  'brandId',
  'primaryCategoryId',
  'categoryIds',
  'type',
  'excludedFromOrderDiscounts',
  'storePickupEligible',
  'coolingOffExempt',
  'basicAttributes',
  'status',
  'variants',
  'prices',
  'reason',
  'image',
  'images',
] as const;
type Field = (typeof FIELDS)[number];

const STATUSES = ['draft', 'pending_review', 'approved', 'rejected', 'on_shelf', 'off_shelf', 'sold_out', 'frozen', 'deleted'] as const;

/** The log's action in words; an action this build does not know shows as its code. */
export function operationLabel(operation: string, t: Translate): string {
  return (OPERATIONS as readonly string[]).includes(operation) ? t(`admin.review.ops.${operation as Operation}`) : operation;
}

interface Change {
  before: unknown;
  after: unknown;
}
type Row = Record<string, unknown>;

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const rows = (v: unknown): Row[] => (Array.isArray(v) ? v.filter(isRow) : []);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

/** Each changed field of an operation-log diff (or a revision's changes) as one or more lines. */
export function describeChanges(diff: Record<string, unknown>, t: Translate, locale: Locale): string[] {
  const money = (v: unknown) => {
    const n = num(v);
    return n === null ? t('admin.review.empty') : formatMoney(n, { locale });
  };
  const text = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('admin.review.empty');
    if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
    if (isRow(v) && typeof v['zh-TW'] === 'string') return (locale === 'en' && typeof v.en === 'string' && v.en) || (v['zh-TW'] as string);
    if (isRow(v))
      return (
        Object.entries(v)
          .map(([k, x]) => `${k}=${String(x)}`)
          .join(', ') || t('admin.review.empty')
      );
    return String(v);
  };
  const status = (v: unknown) =>
    (STATUSES as readonly unknown[]).includes(v) ? t(`admin.catalog.statuses.${v as (typeof STATUSES)[number]}`) : text(v);
  const variantStatus = (v: unknown) => (v === 'inactive' ? t('admin.catalog.variantInactive') : t('admin.catalog.variantActive'));
  const grams = (v: unknown) => (num(v) === null ? t('admin.review.empty') : t('admin.review.grams', { n: num(v) }));

  const lines: string[] = [];
  for (const [key, raw] of Object.entries(diff)) {
    const change: Change = isRow(raw) ? { before: raw.before ?? null, after: raw.after ?? null } : { before: null, after: raw };
    const field = (FIELDS as readonly string[]).includes(key) ? t(`admin.review.fields.${key as Field}`) : key;
    switch (key) {
      case 'status':
        lines.push(t('admin.review.change', { field, before: status(change.before), after: status(change.after) }));
        break;
      case 'reason':
        lines.push(`${field}${locale === 'en' ? ': ' : '：'}${text(change.after)}`);
        break;
      case 'image':
        lines.push(t(change.before === null ? 'admin.review.ops.image_add' : 'admin.review.ops.image_delete'));
        break;
      case 'images': {
        // A revision's proposed list ([{ id, url }]) or a reorder's ids: what was added, removed, moved.
        const ids = (v: unknown) => (Array.isArray(v) ? v.map((x) => String(isRow(x) ? x.id : x)) : []);
        const [was, now] = [ids(change.before), ids(change.after)];
        const added = now.filter((id) => !was.includes(id)).length;
        const removed = was.filter((id) => !now.includes(id)).length;
        if (added) lines.push(t('admin.review.imagesAdded', { n: added }));
        if (removed) lines.push(t('admin.review.imagesRemoved', { n: removed }));
        const kept = now.filter((id) => was.includes(id));
        if (kept.join() !== was.filter((id) => now.includes(id)).join() || (!added && !removed))
          lines.push(t('admin.review.ops.image_reorder'));
        break;
      }
      case 'prices':
      case 'variants':
        lines.push(...variantLines(rows(change.before), rows(change.after), key === 'variants'));
        break;
      case 'brandId':
      case 'primaryCategoryId':
      case 'categoryIds':
        lines.push(t('admin.review.changed', { field }));
        break;
      default:
        lines.push(t('admin.review.change', { field, before: text(change.before), after: text(change.after) }));
    }
  }
  return lines;

  /** Variants paired by id (prices by SKU): what changed of each, which were added and removed. */
  function variantLines(before: Row[], after: Row[], byId: boolean): string[] {
    const keyOf = (v: Row) => String(byId ? (v.id ?? v.sku) : v.sku);
    const was = new Map(before.map((v) => [keyOf(v), v]));
    const out: string[] = [];
    for (const v of after) {
      const sku = String(v.sku ?? '');
      const old = was.get(keyOf(v));
      was.delete(keyOf(v));
      if (!old) {
        out.push(t('admin.review.variantAdded', { sku, price: money(v.priceMinor) }));
        continue;
      }
      if (old.sku !== v.sku) out.push(t('admin.review.skuChanged', { before: String(old.sku), after: sku }));
      if (old.priceMinor !== v.priceMinor)
        out.push(t('admin.review.price', { sku, before: money(old.priceMinor), after: money(v.priceMinor) }));
      if ((old.compareAtMinor ?? null) !== (v.compareAtMinor ?? null))
        out.push(t('admin.review.compareAt', { sku, before: money(old.compareAtMinor), after: money(v.compareAtMinor) }));
      if (byId && (old.weightGrams ?? null) !== (v.weightGrams ?? null))
        out.push(t('admin.review.weight', { sku, before: grams(old.weightGrams), after: grams(v.weightGrams) }));
      if (byId && old.status !== v.status)
        out.push(t('admin.review.variantStatus', { sku, before: variantStatus(old.status), after: variantStatus(v.status) }));
    }
    if (byId) for (const old of was.values()) out.push(t('admin.review.variantRemoved', { sku: String(old.sku ?? '') }));
    return out;
  }
}
