import type { FormValues } from '$lib/forms/form-data';
import { variantRows } from './product-form';

/** The options ticked for one sales attribute, in the definition's order. */
export interface MatrixChoice {
  code: string;
  values: string[];
}

/** Every combination of the chosen values, the first attribute varying slowest (black/S, black/M, navy/S …). */
export function combinations(choices: readonly MatrixChoice[]): Record<string, string>[] {
  const used = choices.filter((c) => c.values.length > 0);
  if (used.length === 0) return [];
  return used.reduce<Record<string, string>[]>(
    (acc, c) => acc.flatMap((combo) => c.values.map((value) => ({ ...combo, [c.code]: value }))),
    [{}],
  );
}

/** A SKU from the prefix and the option codes: `TEE-BLACK-M`, only the characters a SKU may have. */
export function matrixSku(prefix: string, combo: Record<string, string>): string {
  return [prefix.trim(), ...Object.values(combo)]
    .map((part) => part.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('-')
    .toUpperCase()
    .slice(0, 64);
}

/**
 * The editor's values with one variant row per combination of the chosen options that no row has
 * yet (rows already there, with their prices and ids, stay as they are). An untouched blank row is
 * replaced. New rows get the SKU `matrixSku(prefix, …)`, the price and the weight given.
 */
export function addMatrixRows(
  values: FormValues,
  choices: readonly MatrixChoice[],
  defaults: { skuPrefix: string; price: string; weightGrams: string },
): FormValues {
  const combos = combinations(choices);
  if (combos.length === 0) return values;
  const codes = choices.filter((c) => c.values.length > 0).map((c) => c.code);
  const blankRow = (row: number) =>
    Object.entries(values).every(([key, value]) => !key.startsWith(`variants.${row}.`) || key.endsWith('.status') || value.trim() === '');
  const kept = variantRows(values).filter((row) => !blankRow(row));
  // The other fields as they are, the kept rows renumbered 0…n-1.
  const base: FormValues = {};
  for (const [key, value] of Object.entries(values)) if (!key.startsWith('variants.')) base[key] = value;
  kept.forEach((row, i) => {
    for (const [key, value] of Object.entries(values)) {
      if (key.startsWith(`variants.${row}.`)) base[`variants.${i}.${key.slice(`variants.${row}.`.length)}`] = value;
    }
  });
  const has = (combo: Record<string, string>) =>
    kept.some((row) => codes.every((code) => (values[`variants.${row}.salesAttributes.${code}`] ?? '') === combo[code]));
  let next = kept.length;
  for (const combo of combos) {
    if (has(combo)) continue;
    const p = `variants.${next}`;
    base[`${p}.sku`] = matrixSku(defaults.skuPrefix, combo);
    base[`${p}.priceMinor`] = defaults.price.trim();
    base[`${p}.weightGrams`] = defaults.weightGrams.trim();
    base[`${p}.status`] = 'active';
    for (const [code, value] of Object.entries(combo)) base[`${p}.salesAttributes.${code}`] = value;
    next += 1;
  }
  return base;
}
