import { Condition, type PolicyInput } from '@shop/contracts/access';
import { isErrorCode } from '@shop/contracts/errors';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { evaluate, type ConcreteAction, type Decision, type PolicyRule, type ResourceAttrs, type Subject } from './abac.js';
import * as repo from './access.repo.js';
import type { Actor } from './auth-types.js';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from './errors.js';

export type { ConcreteAction, Decision, ResourceAttrs, Subject } from './abac.js';

const StoredConditions = z.array(Condition);

function toRule(row: repo.PolicyRow): PolicyRule {
  // Rows were validated on the way in; a row edited by hand into nonsense matches nothing.
  const parsed = StoredConditions.safeParse(row.conditions);
  return {
    id: row.id,
    name: row.name,
    effect: row.effect,
    actions: row.actions,
    resourceTypes: row.resourceTypes,
    conditions: parsed.success ? parsed.data : [{ attr: 'subject.userId', op: 'eq', value: '\u0000never' }],
  };
}

/** Where and when the request happens: what `context.*` conditions test. Routes take it from `req.accessContext`. */
export interface AccessContext {
  ip: string | undefined;
  time: Date;
  source?: string | undefined;
}

export interface AuthorizeInput {
  actor: Actor | null;
  action: ConcreteAction;
  resource: ResourceAttrs;
  context: AccessContext;
  /** Answer 404 instead of 403, for a resource that exists but is not the caller's. */
  hideAs404?: boolean;
}

export function subjectOf(actor: Actor | null): Subject {
  return actor ? { userId: actor.userId, roles: actor.roles, active: true } : { userId: null, roles: [], active: true };
}

/** Evaluates the stored policies for one request. */
export async function decide(
  db: Db,
  input: { subject: Subject; action: ConcreteAction; resource: ResourceAttrs; context: AccessContext },
): Promise<Decision> {
  const policies = (await repo.enabledPoliciesFor(db, input.resource.type)).map(toRule);
  return evaluate(policies, {
    subject: input.subject,
    action: input.action,
    resource: input.resource,
    context: input.context,
  });
}

/**
 * Several decisions for one subject at once (one read of the policies): what a menu of actions
 * may offer. The answers are in the order of `asks`.
 */
export async function decideEach(
  db: Db,
  input: { subject: Subject; context: AccessContext; asks: ReadonlyArray<{ action: ConcreteAction; resource: ResourceAttrs }> },
): Promise<Decision[]> {
  const types = [...new Set(input.asks.map((a) => a.resource.type))];
  const policies = (await repo.enabledPoliciesForAny(db, types)).map(toRule);
  return input.asks.map((ask) =>
    evaluate(policies, { subject: input.subject, action: ask.action, resource: ask.resource, context: input.context }),
  );
}

/**
 * The access check every service makes before touching data. Resolves when allowed; otherwise
 * throws 401 for an anonymous caller, 404 when `hideAs404` (someone else's resource), else 403.
 */
export async function authorize(db: Db, input: AuthorizeInput): Promise<void> {
  const { decision } = await decide(db, { ...input, subject: subjectOf(input.actor) });
  if (decision === 'allow') return;
  if (!input.actor) throw new UnauthorizedError();
  if (input.hideAs404) {
    // `<TYPE>_NOT_FOUND` (PROFILE_NOT_FOUND, ADDRESS_NOT_FOUND); a type without such a listed code answers NOT_FOUND.
    const code = `${input.resource.type.toUpperCase()}_NOT_FOUND`;
    throw new NotFoundError(input.resource.type, input.resource.id, isErrorCode(code) ? code : 'NOT_FOUND');
  }
  throw new ForbiddenError();
}

export type PolicyRow = repo.PolicyRow;

export async function listPolicies(db: Db): Promise<PolicyRow[]> {
  return repo.listPolicies(db);
}

export async function createPolicy(db: Db, input: PolicyInput): Promise<PolicyRow> {
  return repo.insertPolicy(db, input);
}

/** The built-in policy that keeps the admin console reachable; changing it could lock every admin out. */
const PROTECTED_POLICY = 'admin-everything';

export async function updatePolicy(db: Db, input: { id: string; values: PolicyInput }): Promise<PolicyRow> {
  const current = await repo.findPolicy(db, input.id);
  if (current?.builtIn && current.name === PROTECTED_POLICY) {
    throw new ConflictError('POLICY_PROTECTED', 'The admin-everything policy keeps the admin console reachable and cannot be changed.');
  }
  const row = await repo.updatePolicy(db, input.id, input.values);
  if (!row) throw new NotFoundError('policy', input.id, 'POLICY_NOT_FOUND');
  return row;
}

export async function deletePolicy(db: Db, input: { id: string }): Promise<void> {
  if ((await repo.deletePolicy(db, input.id)) > 0) return;
  const row = await repo.findPolicy(db, input.id);
  if (!row) throw new NotFoundError('policy', input.id, 'POLICY_NOT_FOUND');
  throw new ConflictError('POLICY_BUILT_IN', 'Built-in policies can be disabled but not deleted.');
}
