// EXPLAIN (ANALYZE, BUFFERS) of the statement `GET /api/products?q=…` spends its time in: the
// window over the postings (search.repo.ts `windowQuery`, sort=relevance, page 1 of 24).
import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/api/src/db/client.js';
import { planQuery, searchWindowSql } from './internals.js';

export async function explainSlowest(db: Db, q: string): Promise<string> {
  const stmt = await searchWindowSql(db, { plan: planQuery(q), attributes: new Map(), inStockOnly: false });
  if (!stmt) return 'no term of the query is in search_terms: answered without a window statement';
  const r = await db.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${stmt}`);
  return r.rows.map((x) => x['QUERY PLAN']).join('\n');
}
