/**
 * JSON with object keys sorted at every level and `undefined` members left out, so equal content
 * always gives equal text (content hashes, change detection). Array order is kept (it means
 * something: variants, images); an `undefined` array member becomes `null`, as JSON.stringify does.
 * Dates become their ISO string.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}
