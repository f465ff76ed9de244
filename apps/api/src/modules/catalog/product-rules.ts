/**
 * Attribute validation of a product against its category's definitions. Pure: the service
 * loads the definitions of the primary category and its ancestors and reports every issue at once.
 */
import type { FieldIssue } from '../../platform/errors.js';

export interface AttributeDef {
  code: string;
  kind: 'basic' | 'sales';
  type: 'text' | 'number' | 'boolean' | 'enum';
  required: boolean;
  allowedValues: Array<{ value: string }> | null;
  /** Depth of the defining category: a subcategory may redefine an inherited code. */
  depth: number;
}

export interface ProductAttributes {
  basicAttributes: Record<string, string | number | boolean | { 'zh-TW': string; en?: string | undefined }>;
  variants: Array<{ salesAttributes: Record<string, string>; status: 'active' | 'inactive'; sku: string }>;
}

/** The definitions in force for a category: own and inherited, the nearest definition of a code winning. */
export function effectiveDefinitions(defs: readonly AttributeDef[]): AttributeDef[] {
  const byCode = new Map<string, AttributeDef>();
  for (const d of [...defs].sort((a, b) => a.depth - b.depth)) byCode.set(d.code, d);
  return [...byCode.values()];
}

const issue = (path: string, code: string, message: string): FieldIssue => ({ path, code, message });

function checkValue(def: AttributeDef, value: unknown, path: string): FieldIssue | undefined {
  switch (def.type) {
    case 'text':
      // Basic text may come in both languages; sales values are always one string (an option's code).
      if (typeof value === 'string' || (def.kind === 'basic' && isTranslated(value))) return undefined;
      return issue(path, 'INVALID_TYPE', `${def.code} must be text.`);
    case 'number':
      // Sales attribute values are strings on the wire: "42" is a number there.
      if (typeof value === 'number' && Number.isFinite(value)) return undefined;
      if (def.kind === 'sales' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return undefined;
      return issue(path, 'INVALID_TYPE', `${def.code} must be a number.`);
    case 'boolean':
      if (typeof value === 'boolean') return undefined;
      if (def.kind === 'sales' && (value === 'true' || value === 'false')) return undefined;
      return issue(path, 'INVALID_TYPE', `${def.code} must be true or false.`);
    case 'enum': {
      const allowed = (def.allowedValues ?? []).map((v) => v.value);
      if (typeof value === 'string' && allowed.includes(value)) return undefined;
      return issue(path, 'VALUE_NOT_ALLOWED', `${def.code} must be one of ${allowed.join(', ')}.`);
    }
  }
}

const isTranslated = (v: unknown): v is { 'zh-TW': string } =>
  typeof v === 'object' && v !== null && typeof (v as { 'zh-TW'?: unknown })['zh-TW'] === 'string';
const isBlank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (isTranslated(v) && v['zh-TW'].trim() === '');

/**
 * Every attribute issue of the product, with paths as the request body names them:
 * required basic attributes present, values of the right type and allowed, no unknown codes; each
 * active variant carries every sales attribute with an allowed value; no two active variants share
 * a combination of sales attribute values; SKUs distinct within the request.
 */
export function validateProductAttributes(defs: readonly AttributeDef[], input: ProductAttributes): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const effective = effectiveDefinitions(defs);
  const basic = new Map(effective.filter((d) => d.kind === 'basic').map((d) => [d.code, d]));
  const sales = effective.filter((d) => d.kind === 'sales').sort((a, b) => a.code.localeCompare(b.code));
  const salesCodes = new Map(sales.map((d) => [d.code, d]));

  for (const d of basic.values()) {
    const v = input.basicAttributes[d.code];
    const path = `body.basicAttributes.${d.code}`;
    if (isBlank(v)) {
      if (d.required) issues.push(issue(path, 'REQUIRED', `${d.code} is required in this category.`));
      continue;
    }
    const bad = checkValue(d, v, path);
    if (bad) issues.push(bad);
  }
  for (const code of Object.keys(input.basicAttributes)) {
    if (!basic.has(code))
      issues.push(issue(`body.basicAttributes.${code}`, 'UNKNOWN_ATTRIBUTE', `${code} is not a basic attribute of this category.`));
  }

  const combos = new Map<string, number>();
  const skus = new Map<string, number>();
  input.variants.forEach((variant, i) => {
    const base = `body.variants.${i}`;
    const skuKey = variant.sku.toLowerCase();
    if (skus.has(skuKey))
      issues.push(issue(`${base}.sku`, 'DUPLICATE_SKU', `SKU ${variant.sku} is used by variant ${skus.get(skuKey)} too.`));
    else skus.set(skuKey, i);

    for (const code of Object.keys(variant.salesAttributes)) {
      if (!salesCodes.has(code))
        issues.push(issue(`${base}.salesAttributes.${code}`, 'UNKNOWN_ATTRIBUTE', `${code} is not a sales attribute of this category.`));
    }
    for (const d of sales) {
      const v = variant.salesAttributes[d.code];
      const path = `${base}.salesAttributes.${d.code}`;
      if (isBlank(v)) {
        // Inactive variants are not sold; they may be incomplete.
        if (variant.status === 'active') issues.push(issue(path, 'REQUIRED', `Every variant needs a ${d.code}.`));
        continue;
      }
      const bad = checkValue(d, v, path);
      if (bad) issues.push(bad);
    }
    if (variant.status !== 'active') return;
    const combo = JSON.stringify(sales.map((d) => variant.salesAttributes[d.code] ?? null));
    const first = combos.get(combo);
    if (first !== undefined) {
      issues.push(
        issue(
          `${base}.salesAttributes`,
          'DUPLICATE_COMBINATION',
          `Variant ${first} has the same ${sales.map((d) => d.code).join('/') || 'sales attributes'}.`,
        ),
      );
    } else combos.set(combo, i);
  });
  return issues;
}
