import { and, arrayOverlaps, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { abacPolicies } from './access.tables.js';

export type PolicyRow = typeof abacPolicies.$inferSelect;
export type PolicyValues = Pick<PolicyRow, 'name' | 'description' | 'effect' | 'actions' | 'resourceTypes' | 'conditions' | 'enabled'>;

/** Enabled policies that can apply to a resource type. */
export async function enabledPoliciesFor(db: Db, resourceType: string): Promise<PolicyRow[]> {
  return enabledPoliciesForAny(db, [resourceType]);
}

/** Enabled policies that can apply to any of the resource types. */
export async function enabledPoliciesForAny(db: Db, resourceTypes: readonly string[]): Promise<PolicyRow[]> {
  return db
    .select()
    .from(abacPolicies)
    .where(and(eq(abacPolicies.enabled, true), arrayOverlaps(abacPolicies.resourceTypes, [...resourceTypes, '*'])));
}

export async function listPolicies(db: Db): Promise<PolicyRow[]> {
  return db.select().from(abacPolicies).orderBy(asc(abacPolicies.createdAt), asc(abacPolicies.name));
}

export async function findPolicy(db: Db, id: string): Promise<PolicyRow | undefined> {
  const [row] = await db.select().from(abacPolicies).where(eq(abacPolicies.id, id));
  return row;
}

export async function insertPolicy(db: Db, v: PolicyValues): Promise<PolicyRow> {
  const [row] = await db.insert(abacPolicies).values(v).returning();
  return row!;
}

export async function updatePolicy(db: Db, id: string, v: PolicyValues): Promise<PolicyRow | undefined> {
  const [row] = await db
    .update(abacPolicies)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(abacPolicies.id, id))
    .returning();
  return row;
}

export async function deletePolicy(db: Db, id: string): Promise<number> {
  const rows = await db
    .delete(abacPolicies)
    .where(and(eq(abacPolicies.id, id), eq(abacPolicies.builtIn, false)))
    .returning({ id: abacPolicies.id });
  return rows.length;
}
