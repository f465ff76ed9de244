import { ProductInput, type ProductStatus } from '@shop/contracts/catalog';
import type { AdminProduct } from '@shop/contracts/catalog-admin';
import type { z } from 'zod';
import { minorUnitDigits } from '$lib/format';
import type { Translate } from '$lib/i18n';
import { shopSettings } from '$lib/shop-settings';
import { zodFieldErrors, type FieldErrors } from '$lib/forms/field-errors';
import type { FormValues } from '$lib/forms/form-data';

/**
 * The product editor's fields are named by their path in `ProductInput` (`name.zh-TW`,
 * `variants.0.sku`, `basicAttributes.material`, `variants.1.salesAttributes.size`), so the errors of
 * the contract schema and of the API's VALIDATION_FAILED land on the right inputs unchanged.
 * Prices are typed in whole currency units (NT$) and sent in minor units.
 */

/** What the editor needs of an attribute definition. */
export interface AttributeField {
  code: string;
  kind: 'basic' | 'sales';
  type: 'text' | 'number' | 'boolean' | 'enum';
  required: boolean;
  allowedValues: { value: string }[] | null;
}

const digits = () => minorUnitDigits(shopSettings.currency);
const toMinor = (major: string): number => Math.round(Number(major) * 10 ** digits());
const toMajor = (minor: number): string => (minor / 10 ** digits()).toFixed(digits());

/** The row numbers of the variant rows in `values`, in order (rows may have gaps after a removal). */
export function variantRows(values: FormValues): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = /^variants\.(\d+)\./.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/**
 * The product's cart flags, each a checkbox named after its `ProductInput` field (`on` when ticked).
 * A new product starts as the API makes one: order-level discounts apply, store pickup is offered.
 */
export const productFlags = ['excludedFromOrderDiscounts', 'storePickupEligible', 'coolingOffExempt'] as const;
export type ProductFlag = (typeof productFlags)[number];

export function emptyProductValues(categoryId = ''): FormValues {
  return { primaryCategoryId: categoryId, storePickupEligible: 'on', 'variants.0.sku': '', 'variants.0.priceMinor': '' };
}

export function productToValues(product: AdminProduct): FormValues {
  const values: FormValues = {
    'name.zh-TW': product.name['zh-TW'],
    'name.en': product.name.en ?? '',
    'description.zh-TW': product.description?.['zh-TW'] ?? '',
    'description.en': product.description?.en ?? '',
    slug: product.slug,
    primaryCategoryId: product.primaryCategoryId ?? '',
    brandId: product.brandId ?? '',
    type: product.type,
    // Older answers may lack the flags: the API's defaults then.
    excludedFromOrderDiscounts: product.excludedFromOrderDiscounts === true ? 'on' : '',
    storePickupEligible: product.storePickupEligible === false ? '' : 'on',
    coolingOffExempt: product.coolingOffExempt === true ? 'on' : '',
    version: String(product.version),
  };
  for (const [code, value] of Object.entries(product.basicAttributes)) {
    if (typeof value === 'object') {
      // Text in both languages: the English one in its own field.
      values[`basicAttributes.${code}`] = value['zh-TW'];
      values[`basicAttributes.${code}.en`] = value.en ?? '';
    } else values[`basicAttributes.${code}`] = typeof value === 'boolean' ? (value ? 'on' : '') : String(value);
  }
  product.variants.forEach((variant, i) => {
    values[`variants.${i}.id`] = variant.id;
    values[`variants.${i}.sku`] = variant.sku;
    values[`variants.${i}.priceMinor`] = toMajor(variant.priceMinor);
    values[`variants.${i}.compareAtMinor`] = variant.compareAtMinor === null ? '' : toMajor(variant.compareAtMinor);
    values[`variants.${i}.status`] = variant.status;
    values[`variants.${i}.weightGrams`] = variant.weightGrams === null ? '' : String(variant.weightGrams);
    for (const [code, value] of Object.entries(variant.salesAttributes)) values[`variants.${i}.salesAttributes.${code}`] = value;
  });
  return values;
}

/** Every posted text field (files and repeated names aside), as typed. */
export function postedValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string' && !key.startsWith('$') && key !== 'op') values[key] = value;
  }
  return values;
}

/**
 * The values with variant rows renumbered 0…n-1 (so the schema's paths match the inputs shown
 * again), optionally a row added or one removed.
 */
export function renumberRows(values: FormValues, change: { add?: boolean; remove?: number } = {}): FormValues {
  const out: FormValues = {};
  for (const [key, value] of Object.entries(values)) if (!key.startsWith('variants.')) out[key] = value;
  const rows = variantRows(values).filter((row) => row !== change.remove);
  rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(values)) {
      const prefix = `variants.${row}.`;
      if (key.startsWith(prefix)) out[`variants.${i}.${key.slice(prefix.length)}`] = value;
    }
  });
  if (change.add) {
    out[`variants.${rows.length}.sku`] = '';
    out[`variants.${rows.length}.priceMinor`] = '';
  }
  return out;
}

const blank = (value: string | undefined) => value === undefined || value.trim() === '';

/** The values as the input `ProductInput` validates, typed by the category's attribute definitions. */
export function productInputFrom(values: FormValues, fields: readonly AttributeField[]): Record<string, unknown> {
  const basicAttributes: Record<string, unknown> = {};
  for (const field of fields.filter((f) => f.kind === 'basic')) {
    const raw = values[`basicAttributes.${field.code}`];
    if (field.type === 'boolean') {
      if (raw === 'on') basicAttributes[field.code] = true;
      else if (field.required) basicAttributes[field.code] = false;
    } else if (field.type === 'text') {
      const en = values[`basicAttributes.${field.code}.en`];
      if (!blank(en)) basicAttributes[field.code] = { 'zh-TW': (raw ?? '').trim(), en: (en as string).trim() };
      else if (!blank(raw)) basicAttributes[field.code] = (raw as string).trim();
    } else if (!blank(raw)) {
      basicAttributes[field.code] = field.type === 'number' ? Number(raw) : (raw as string).trim();
    }
  }
  const salesCodes = fields.filter((f) => f.kind === 'sales').map((f) => f.code);
  const variants = variantRows(values).map((row) => {
    const at = (name: string) => values[`variants.${row}.${name}`];
    const salesAttributes: Record<string, string> = {};
    for (const code of salesCodes) {
      const value = at(`salesAttributes.${code}`);
      if (!blank(value)) salesAttributes[code] = (value as string).trim();
    }
    return {
      ...(blank(at('id')) ? {} : { id: at('id') }),
      sku: (at('sku') ?? '').trim(),
      salesAttributes,
      priceMinor: blank(at('priceMinor')) ? undefined : toMinor(at('priceMinor') as string),
      compareAtMinor: blank(at('compareAtMinor')) ? null : toMinor(at('compareAtMinor') as string),
      status: at('status') === 'inactive' ? 'inactive' : 'active',
      weightGrams: blank(at('weightGrams')) ? null : Number(at('weightGrams')),
    };
  });
  const hasDescription = !blank(values['description.zh-TW']) || !blank(values['description.en']);
  return {
    name: { 'zh-TW': values['name.zh-TW'] ?? '', ...(blank(values['name.en']) ? {} : { en: values['name.en'] }) },
    ...(hasDescription
      ? {
          description: {
            'zh-TW': values['description.zh-TW'] ?? '',
            ...(blank(values['description.en']) ? {} : { en: values['description.en'] }),
          },
        }
      : {}),
    ...(blank(values.slug) ? {} : { slug: values.slug?.trim() }),
    brandId: blank(values.brandId) ? null : values.brandId,
    primaryCategoryId: values.primaryCategoryId ?? '',
    // Sent back as it was: the editor does not change it, and an omitted type would reset it to physical.
    ...(values.type === 'physical' || values.type === 'virtual' ? { type: values.type } : {}),
    // Checkboxes: an unticked one is not posted at all, so every flag is always sent.
    excludedFromOrderDiscounts: values.excludedFromOrderDiscounts === 'on',
    storePickupEligible: values.storePickupEligible === 'on',
    coolingOffExempt: values.coolingOffExempt === 'on',
    basicAttributes,
    variants,
    ...(blank(values.version) ? {} : { version: Number(values.version) }),
  };
}

// ---------- stock ----------

/** What the editor shows of a variant's stock (a `StockLevel` of the stock API). */
export interface StockFigures {
  onHand: number;
  reserved: number;
  available: number;
  unlimited: boolean;
}

/**
 * The values with each saved variant's stock: `variants.N.stock` (the editable on-hand figure) and
 * `variants.N.stockWas` (the figure as shown, to tell a change). A variant without a stock row has 0
 * on hand; an unlimited one gets no stock fields (there is nothing to count).
 */
export function withStock(values: FormValues, levels: Readonly<Record<string, StockFigures>>): FormValues {
  const out: FormValues = { ...values };
  for (const row of variantRows(values)) {
    const id = values[`variants.${row}.id`];
    if (blank(id)) continue;
    const level = levels[id as string];
    if (level?.unlimited) continue;
    out[`variants.${row}.stock`] = String(level?.onHand ?? 0);
    out[`variants.${row}.stockWas`] = String(level?.onHand ?? 0);
  }
  return out;
}

/** A stock figure typed in the editor that differs from the one shown: set on hand to `set`. */
export interface StockChange {
  row: number;
  /** Null for a variant the save creates (found by its SKU in the save's answer). */
  variantId: string | null;
  sku: string;
  set: number;
}

/** The largest on-hand figure the stock API takes. */
const STOCK_MAX = 1_000_000_000;

/**
 * The stock figures staff changed, and the rows whose figure is not a whole number from 0 up
 * (`variants.N.stock` → message key). A blank figure changes nothing; so does 0 on a new variant,
 * which starts with nothing on hand.
 */
export function readStockChanges(values: FormValues): {
  changes: StockChange[];
  errors: Record<string, 'admin.stock.setNegative'>;
} {
  const changes: StockChange[] = [];
  const errors: Record<string, 'admin.stock.setNegative'> = {};
  for (const row of variantRows(values)) {
    const raw = (values[`variants.${row}.stock`] ?? '').trim();
    if (raw === '') continue;
    const set = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(set) || set > STOCK_MAX) {
      errors[`variants.${row}.stock`] = 'admin.stock.setNegative';
      continue;
    }
    const was = (values[`variants.${row}.stockWas`] ?? '').trim();
    if (set === (was === '' ? 0 : Number(was))) continue;
    const id = values[`variants.${row}.id`];
    changes.push({ row, variantId: blank(id) ? null : (id as string), sku: (values[`variants.${row}.sku`] ?? '').trim(), set });
  }
  return { changes, errors };
}

/**
 * The variant each change is for, from the saved product's variants: by id, or a new variant by its
 * SKU. A change whose variant is not there (a new variant waiting in a pending revision) has none.
 */
export function stockTargets(
  changes: readonly StockChange[],
  variants: ReadonlyArray<{ id: string; sku: string }>,
): Array<StockChange & { target: string | null }> {
  const ids = new Set(variants.map((v) => v.id));
  const bySku = new Map(variants.map((v) => [v.sku.toLowerCase(), v.id]));
  return changes.map((change) => ({
    ...change,
    target: change.variantId ? (ids.has(change.variantId) ? change.variantId : null) : (bySku.get(change.sku.toLowerCase()) ?? null),
  }));
}

/** Where a stock problem is told in the editor: by variant id, or by SKU for a variant not saved yet. */
export const stockProblemKey = (variantId: string | null, sku: string) => variantId ?? `sku:${sku.toLowerCase()}`;

/** Pattern mismatches with their own copy. */
export const productFormats = { slug: 'fieldError.slug', variants: 'fieldError.sku' } as const;

export function checkProductForm(
  values: FormValues,
  fields: readonly AttributeField[],
  t: Translate,
): { ok: true; input: z.output<typeof ProductInput> } | { ok: false; errors: FieldErrors } {
  const parsed = ProductInput.safeParse(productInputFrom(values, fields));
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: zodFieldErrors(parsed.error, t, { formats: productFormats }) };
}

// ---------- lifecycle ----------

export type StaffAction =
  'submit' | 'approve' | 'reject' | 'put_on_shelf' | 'take_off_shelf' | 'freeze' | 'unfreeze' | 'delete' | 'restore';

const live = ['draft', 'pending_review', 'approved', 'rejected', 'on_shelf', 'off_shelf', 'sold_out'] as const;

/** The product lifecycle as the API enforces it (its `lifecycle.ts`): which action from which status. */
const from: Record<StaffAction, readonly ProductStatus[]> = {
  submit: ['draft', 'rejected'],
  approve: ['pending_review'],
  reject: ['pending_review'],
  put_on_shelf: ['approved', 'off_shelf'],
  take_off_shelf: ['on_shelf', 'sold_out'],
  freeze: live,
  unfreeze: ['frozen'],
  delete: [...live, 'frozen'],
  restore: ['deleted'],
};

/** Buttons to show for a product: approving and rejecting are the admins'. */
export function allowedActions(status: ProductStatus, admin: boolean): StaffAction[] {
  return (Object.keys(from) as StaffAction[]).filter(
    (action) => from[action].includes(status) && (admin || (action !== 'approve' && action !== 'reject')),
  );
}
