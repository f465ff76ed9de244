import { canonicalJson } from '../../platform/canonical-json.js';

/** One changed field in the operation log: `{ before, after }` (null for created or removed). */
export type FieldDiff = Record<string, { before: unknown; after: unknown }>;

/**
 * The top-level fields whose values differ, compared as canonical JSON (so key order in jsonb
 * does not count as a change). `before` null means a creation: every present field is listed.
 */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldDiff {
  const out: FieldDiff = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of [...keys].sort()) {
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) out[k] = { before: b, after: a };
  }
  return out;
}
