// A text query's terms as the postings know them: a Latin prefix's completions, and corrections of
// a word that matched nothing (one edit away, or two for long words by trigram candidates).
import editDistance from 'damerau-levenshtein';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { arrayParam, executePrepared } from '../../../db/pg.js';

import type { Dimension, SearchCriteria } from './search.types.js';

const textArray = (xs: string[]) => arrayParam(xs, 'text');
/** An integer written into the statement (a prepared statement's plan depends on its LIMITs). */
export const int = (n: number) => sql.raw(String(Math.max(0, Math.trunc(n))));

/** Completions of a Latin prefix kept (the exact word first, then the commonest). */
const PREFIX_EXPANSIONS = 24;
/** Corrections kept for a word that matched nothing. */
const CORRECTIONS = 5;
/** Trigram similarity a correction more than one edit away needs ("xylophone" is not "phone"). */
const TYPO_SIMILARITY = 0.5;
/** Words this long may be two edits off (`tshrit`, `tshrt` → `tshirts`); shorter ones one at most. */
export const TWO_EDIT_MIN_LENGTH = 5;
/**
 * Trigram similarity a two-edit candidate needs to be fetched at all: two edits leave few trigrams in
 * common (`tshrt`/`tshirts` share 3 of 11, 0.27), so the index only narrows, the edit distance decides.
 */
export const TWO_EDIT_SIMILARITY = 0.2;
/** Two-edit candidates read from the trigram index, most similar first. */
const TWO_EDIT_CANDIDATES = 50;

/** Terms OR-ed; every group must match (AND). `docs` sums their document counts (an upper bound). */
export interface TermGroup {
  terms: string[];
  docs: number;
  dimension?: Dimension | undefined;
}

const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Every string one edit away (delete, swap, replace, insert): the typo candidates of a word. */
export function editsOf(word: string): string[] {
  const c = [...word];
  const out = new Set<string>();
  for (let i = 0; i <= c.length; i++) {
    if (i < c.length) out.add([...c.slice(0, i), ...c.slice(i + 1)].join(''));
    if (i + 1 < c.length) out.add([...c.slice(0, i), c[i + 1], c[i], ...c.slice(i + 2)].join(''));
    for (const ch of CHARS) {
      if (i < c.length) out.add([...c.slice(0, i), ch, ...c.slice(i + 1)].join(''));
      out.add([...c.slice(0, i), ch, ...c.slice(i)].join(''));
    }
  }
  out.delete(word);
  return [...out];
}

/**
 * Vocabulary words within two edits of `word` (an adjacent swap is one edit), nearest first, then
 * commonest: the corrections of a word that neither completes nor is one edit from any term.
 */
export function twoEditCorrections(word: string, candidates: ReadonlyArray<{ term: string; docs: number }>): string[] {
  if ([...word].length < TWO_EDIT_MIN_LENGTH) return [];
  return candidates
    .filter((c) => /^[\p{L}\p{N}]+$/u.test(c.term))
    .map((c) => ({ ...c, distance: editDistance(word, c.term.toLowerCase()).steps }))
    .filter((c) => c.distance <= 2)
    .sort((a, b) => a.distance - b.distance || b.docs - a.docs || (a.term < b.term ? -1 : 1))
    .slice(0, CORRECTIONS)
    .map((c) => c.term);
}

/**
 * The terms trigram-similar to `word` at `TWO_EDIT_SIMILARITY`, through the trigram index on
 * `lower(term)`. `%` compares against `pg_trgm.similarity_threshold`, so run it in a transaction
 * that sets that threshold locally (`twoEditThreshold`).
 */
export const twoEditCandidatesSql = (word: string) => sql`SELECT term, doc_count AS docs FROM search_terms
  WHERE lower(term) % ${word} AND doc_count > 0
  ORDER BY similarity(lower(term), ${word}) DESC, doc_count DESC, term LIMIT ${int(TWO_EDIT_CANDIDATES)}`;
/** Sets the `%` threshold for the rest of the current transaction only. */
export const twoEditThreshold = sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(TWO_EDIT_SIMILARITY)}, true)`;

interface TermRow {
  k: number;
  term: string;
  docs: number;
}

/**
 * The term groups of a query and its filters: one per CJK gram, one per Latin word (its
 * completions; a word with none gets its typo corrections), one per category/brand filter and
 * attribute code. `null` when some group matches nothing: the search has no result.
 */
export async function termGroups(db: Db, c: SearchCriteria): Promise<{ groups: TermGroup[]; corrections: Map<string, string[]> } | null> {
  const fixed: Array<{ terms: string[]; dimension?: Dimension }> = [];
  for (const g of c.plan?.grams ?? []) fixed.push({ terms: [g] });
  if (c.categoryId) fixed.push({ terms: [`c:${c.categoryId}`], dimension: 'category' });
  if (c.brandId) fixed.push({ terms: [`b:${c.brandId}`], dimension: 'brand' });
  for (const values of c.attributes.values()) fixed.push({ terms: values.map((v) => `a:${v}`), dimension: 'attributes' });
  const words = c.plan?.words.map((w) => w.word) ?? [];

  // One statement for every group's terms (one shape whatever the query: the groups' terms and the
  // words come as arrays); then, only for words without completions, their corrections (words one
  // edit away, or close by trigrams, each completed like a typed prefix). Both prepared: planning
  // them, the typo one especially, cost more than running them.
  const completions = (w: SQL) => sql`SELECT term, doc_count FROM search_terms
    WHERE term >= ${w} AND term < ${w} || chr(1114111) AND doc_count > 0
    ORDER BY term = ${w} DESC, doc_count DESC, term LIMIT ${int(PREFIX_EXPANSIONS)}`;
  const rows = await executePrepared<TermRow & { fix: string | null }>(
    db,
    sql`
    SELECT f.k, t.term, t.doc_count AS docs, NULL AS fix
      FROM unnest(${arrayParam(
        fixed.flatMap((f, k) => f.terms.map(() => k)),
        'int',
      )}, ${textArray(fixed.flatMap((f) => f.terms))}) AS f(k, term)
      JOIN search_terms t ON t.term = f.term AND t.doc_count > 0
    UNION ALL
    SELECT w.k, x.term, x.doc_count, NULL
      FROM unnest(${arrayParam(
        words.map((_, i) => fixed.length + i),
        'int',
      )}, ${textArray(words)}) AS w(k, word)
      CROSS JOIN LATERAL (${completions(sql`w.word`)}) x`,
  );
  const run = async (parts: SQL[]) =>
    parts.length ? await executePrepared<TermRow & { fix: string | null }>(db, sql.join(parts, sql` UNION ALL `)) : [];
  const uncorrected = words.flatMap((w, i) =>
    c.plan?.words[i]?.fuzzy && !rows.some((r) => r.k === fixed.length + i) ? [[w, i] as const] : [],
  );
  rows.push(
    ...(await run(
      uncorrected.map(
        ([w, i]) => sql`(SELECT ${fixed.length + i}::int AS k, x.term, x.doc_count AS docs, fix.term AS fix FROM (
        SELECT term FROM (
          (SELECT term, 1 AS pri, 1::real AS sim, doc_count FROM search_terms
            WHERE term = ANY(${textArray(editsOf(w))}) AND doc_count > 0)
          UNION ALL
          (SELECT term, 2, similarity(lower(term), ${w}), doc_count FROM search_terms
            WHERE lower(term) % ${w} AND similarity(lower(term), ${w}) >= ${TYPO_SIMILARITY} AND doc_count > 0
            ORDER BY 3 DESC LIMIT ${int(CORRECTIONS)})
        ) f ORDER BY pri, sim DESC, doc_count DESC, term LIMIT ${int(CORRECTIONS)}
      ) fix CROSS JOIN LATERAL (${completions(sql`fix.term`)}) x)`,
      ),
    )),
  );
  // Still nothing for a long word: two edits away, candidates by a looser trigram match, decided by
  // edit distance. Only on this path (the query found nothing), so the common path never pays for it.
  const stillNone = uncorrected.filter(([w, i]) => [...w].length >= TWO_EDIT_MIN_LENGTH && !rows.some((r) => r.k === fixed.length + i));
  if (stillNone.length > 0) {
    const fixes = await db.transaction(async (tx) => {
      await tx.execute(twoEditThreshold);
      const out: Array<{ k: number; fix: string }> = [];
      for (const [w, i] of stillNone) {
        const found = await tx.execute<{ term: string; docs: number }>(twoEditCandidatesSql(w));
        for (const fix of twoEditCorrections(w, found.rows)) out.push({ k: fixed.length + i, fix });
      }
      return out;
    });
    if (fixes.length > 0) {
      rows.push(
        ...(await executePrepared<TermRow & { fix: string | null }>(
          db,
          sql`SELECT f.k, x.term, x.doc_count AS docs, f.fix
          FROM unnest(${arrayParam(
            fixes.map((f) => f.k),
            'int',
          )}, ${textArray(fixes.map((f) => f.fix))}) WITH ORDINALITY AS f(k, fix, n)
          CROSS JOIN LATERAL (${completions(sql`f.fix`)}) x
          ORDER BY f.n, x.term = f.fix DESC, x.doc_count DESC, x.term`,
        )),
      );
    }
  }
  const byK = new Map<number, Array<TermRow & { fix: string | null }>>();
  for (const r of rows) byK.set(r.k, [...(byK.get(r.k) ?? []), r]);

  const groups: TermGroup[] = [];
  for (const [k, f] of fixed.entries()) {
    const found = byK.get(k) ?? [];
    if (found.length === 0) return null;
    groups.push({ terms: found.map((r) => r.term), docs: found.reduce((s, r) => s + r.docs, 0), dimension: f.dimension });
  }
  const corrections = new Map<string, string[]>();
  for (const [i, w] of words.entries()) {
    const seen = new Set<string>();
    const found = (byK.get(fixed.length + i) ?? []).filter((r) => !seen.has(r.term) && seen.add(r.term)).slice(0, PREFIX_EXPANSIONS);
    if (found.length === 0) return null;
    const fixes = [...new Set(found.map((r) => r.fix).filter((x): x is string => x !== null))];
    if (fixes.length > 0) corrections.set(w, fixes);
    groups.push({ terms: found.map((r) => r.term), docs: found.reduce((s, r) => s + r.docs, 0) });
  }
  return { groups, corrections };
}
