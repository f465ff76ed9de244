import { Condition, PolicyInput } from '@shop/contracts/access';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  conditionHolds,
  evaluate,
  ipInCidr,
  type AccessRequest,
  type ConcreteAction,
  type ContextAttrs,
  type PolicyRule,
  type ResourceAttrs,
  type Subject,
} from './abac.js';

// 12:00 in Asia/Taipei (UTC+08:00, no daylight saving).
const NOON_TAIPEI = new Date('2026-03-02T04:00:00Z');

const ALICE = 'a1a1a1a1-0000-4000-8000-000000000001';
const BOB = 'b2b2b2b2-0000-4000-8000-000000000002';

interface RequestShape {
  subject?: Partial<Subject>;
  action?: ConcreteAction;
  resource?: Partial<ResourceAttrs>;
  context?: Partial<ContextAttrs>;
}

function request(r: RequestShape = {}): AccessRequest {
  return {
    subject: { userId: ALICE, roles: ['customer'], active: true, ...r.subject },
    action: r.action ?? 'read',
    resource: { type: 'address', ...r.resource },
    context: { time: NOON_TAIPEI, ...r.context },
  };
}

const anonymous: Partial<Subject> = { userId: null, roles: [] };

/** Conditions go through the contract schema, as stored ones do (it fills in the time zone). */
const cond = (c: z.input<typeof Condition>): Condition => Condition.parse(c);

function policy(
  name: string,
  p: Partial<Omit<PolicyRule, 'id' | 'name' | 'conditions'>> & { conditions?: Array<z.input<typeof Condition>> } = {},
): PolicyRule {
  return {
    id: `id-${name}`,
    name,
    effect: p.effect ?? 'allow',
    actions: p.actions ?? ['*'],
    resourceTypes: p.resourceTypes ?? ['*'],
    conditions: (p.conditions ?? []).map(cond),
  };
}

// The shape of the built-in policies (migrations/0002_default_policies.sql).
const denyInactive = policy('deny-inactive', { effect: 'deny', conditions: [{ attr: 'subject.active', op: 'eq', value: false }] });
const adminEverything = policy('admin-everything', { conditions: [{ attr: 'subject.roles', op: 'contains', value: 'admin' }] });
const customerOwnsOwn = policy('customer-owns-own', {
  actions: ['read', 'create', 'update', 'delete'],
  resourceTypes: ['profile', 'address', 'session', 'cart', 'order', 'ticket', 'refund_request'],
  conditions: [
    { attr: 'subject.userId', op: 'exists' },
    { attr: 'resource.ownerId', op: 'eq', ref: 'subject.userId' },
  ],
});
const supportReadsCustomers = policy('support-reads-customers', {
  actions: ['read'],
  resourceTypes: ['user', 'order', 'address'],
  conditions: [{ attr: 'subject.roles', op: 'contains', value: 'support' }],
});
const defaults = [denyInactive, adminEverything, customerOwnsOwn, supportReadsCustomers];

describe('evaluate: combining policies', () => {
  const allowAll = policy('allow-all');
  const denyAll = policy('deny-all', { effect: 'deny' });
  const allowReadAddress = policy('allow-read-address', { actions: ['read'], resourceTypes: ['address'] });

  it.each<{ case: string; policies: PolicyRule[]; req: RequestShape; decision: 'allow' | 'deny'; matched: string[] }>([
    { case: 'no policies at all deny', policies: [], req: {}, decision: 'deny', matched: [] },
    { case: 'no matching policy denies', policies: [allowReadAddress], req: { action: 'update' }, decision: 'deny', matched: [] },
    {
      case: 'a policy for another resource type does not apply',
      policies: [allowReadAddress],
      req: { resource: { type: 'order' } },
      decision: 'deny',
      matched: [],
    },
    { case: 'a matching allow allows', policies: [allowReadAddress], req: {}, decision: 'allow', matched: ['allow-read-address'] },
    {
      case: 'two matching allows allow, both named',
      policies: [allowAll, allowReadAddress],
      req: {},
      decision: 'allow',
      matched: ['allow-all', 'allow-read-address'],
    },
    {
      case: 'deny wins over allow',
      policies: [allowReadAddress, denyAll],
      req: {},
      decision: 'deny',
      matched: ['allow-read-address', 'deny-all'],
    },
    { case: 'deny wins whatever the order', policies: [denyAll, allowAll], req: {}, decision: 'deny', matched: ['deny-all', 'allow-all'] },
    { case: 'a deny alone denies', policies: [denyAll], req: {}, decision: 'deny', matched: ['deny-all'] },
    {
      case: 'a deny that does not match leaves the allow',
      policies: [allowAll, policy('deny-refunds', { effect: 'deny', actions: ['refund'] })],
      req: {},
      decision: 'allow',
      matched: ['allow-all'],
    },
    {
      case: 'action * matches any action',
      policies: [policy('any-action', { resourceTypes: ['order'] })],
      req: { action: 'refund', resource: { type: 'order' } },
      decision: 'allow',
      matched: ['any-action'],
    },
    {
      case: 'resource type * matches any type',
      policies: [policy('any-type', { actions: ['approve'] })],
      req: { action: 'approve', resource: { type: 'whatever_new_thing' } },
      decision: 'allow',
      matched: ['any-type'],
    },
    {
      case: 'a listed action does not stand for others',
      policies: [policy('reads', { actions: ['read'] })],
      req: { action: 'delete' },
      decision: 'deny',
      matched: [],
    },
    {
      case: 'a policy applies only when all its conditions hold',
      policies: [
        policy('two-conds', {
          conditions: [
            { attr: 'subject.userId', op: 'exists' },
            { attr: 'resource.status', op: 'eq', value: 'open' },
          ],
        }),
      ],
      req: { resource: { status: 'closed' } },
      decision: 'deny',
      matched: [],
    },
  ])('$case', ({ policies, req, decision, matched }) => {
    const result = evaluate(policies, request(req));
    expect(result.decision).toBe(decision);
    expect(result.matched.map((m) => m.name)).toEqual(matched);
  });

  it('names each matched policy with its id, name and effect, and nothing else', () => {
    expect(evaluate([allowReadAddress, denyAll], request()).matched).toEqual([
      { id: 'id-allow-read-address', name: 'allow-read-address', effect: 'allow' },
      { id: 'id-deny-all', name: 'deny-all', effect: 'deny' },
    ]);
  });
});

describe('evaluate: the built-in policies', () => {
  it.each<{ case: string; req: RequestShape; decision: 'allow' | 'deny'; matched: string[] }>([
    {
      case: 'a customer reads their own address',
      req: { resource: { ownerId: ALICE } },
      decision: 'allow',
      matched: ['customer-owns-own'],
    },
    {
      case: 'a customer deletes their own address',
      req: { action: 'delete', resource: { ownerId: ALICE } },
      decision: 'allow',
      matched: ['customer-owns-own'],
    },
    {
      case: 'a customer may not approve their own order',
      req: { action: 'approve', resource: { type: 'order', ownerId: ALICE } },
      decision: 'deny',
      matched: [],
    },
    { case: 'a customer reads someone else’s address', req: { resource: { ownerId: BOB } }, decision: 'deny', matched: [] },
    {
      case: 'a customer reads an address that does not exist (no owner)',
      req: { resource: { ownerId: undefined } },
      decision: 'deny',
      matched: [],
    },
    {
      case: 'anonymous reads an address owned by someone',
      req: { subject: anonymous, resource: { ownerId: ALICE } },
      decision: 'deny',
      matched: [],
    },
    {
      case: 'anonymous reads an address without owner (absent never equals absent)',
      req: { subject: anonymous, resource: { ownerId: undefined } },
      decision: 'deny',
      matched: [],
    },
    { case: 'a customer reads user records', req: { resource: { type: 'user', id: BOB } }, decision: 'deny', matched: [] },
    {
      case: 'support reads a user',
      req: { subject: { roles: ['customer', 'support'] }, resource: { type: 'user', id: BOB } },
      decision: 'allow',
      matched: ['support-reads-customers'],
    },
    {
      case: 'support updates a user',
      req: { subject: { roles: ['customer', 'support'] }, action: 'update', resource: { type: 'user', id: BOB } },
      decision: 'deny',
      matched: [],
    },
    {
      case: 'support reads someone’s address',
      req: { subject: { roles: ['support'] }, resource: { ownerId: BOB } },
      decision: 'allow',
      matched: ['support-reads-customers'],
    },
    {
      case: 'admin administers policies',
      req: { subject: { roles: ['admin'] }, action: 'admin', resource: { type: 'policy' } },
      decision: 'allow',
      matched: ['admin-everything'],
    },
    {
      case: 'a disabled admin may do nothing',
      req: { subject: { roles: ['admin'], active: false }, action: 'admin', resource: { type: 'policy' } },
      decision: 'deny',
      matched: ['deny-inactive', 'admin-everything'],
    },
    {
      case: 'a disabled customer may not read their own address',
      req: { subject: { active: false }, resource: { ownerId: ALICE } },
      decision: 'deny',
      matched: ['deny-inactive', 'customer-owns-own'],
    },
  ])('$case → $decision', ({ req, decision, matched }) => {
    const result = evaluate(defaults, request(req));
    expect(result.decision).toBe(decision);
    expect(result.matched.map((m) => m.name)).toEqual(matched);
  });
});

describe('conditionHolds', () => {
  describe('subject attributes', () => {
    it.each<{ case: string; c: z.input<typeof Condition>; subject: Partial<Subject>; resource?: Partial<ResourceAttrs>; holds: boolean }>([
      { case: 'userId exists for a signed-in user', c: { attr: 'subject.userId', op: 'exists' }, subject: {}, holds: true },
      { case: 'userId exists not for anonymous', c: { attr: 'subject.userId', op: 'exists' }, subject: anonymous, holds: false },
      { case: 'roles exists not for an empty role list', c: { attr: 'subject.roles', op: 'exists' }, subject: { roles: [] }, holds: false },
      {
        case: 'roles contains a held role',
        c: { attr: 'subject.roles', op: 'contains', value: 'admin' },
        subject: { roles: ['customer', 'admin'] },
        holds: true,
      },
      {
        case: 'roles contains not a missing role',
        c: { attr: 'subject.roles', op: 'contains', value: 'admin' },
        subject: { roles: ['customer', 'ops'] },
        holds: false,
      },
      {
        case: 'roles contains not for anonymous',
        c: { attr: 'subject.roles', op: 'contains', value: 'customer' },
        subject: anonymous,
        holds: false,
      },
      {
        case: 'roles contains is exact, not a substring',
        c: { attr: 'subject.roles', op: 'contains', value: 'admin' },
        subject: { roles: ['superadmin'] },
        holds: false,
      },
      {
        case: 'active eq false holds for a disabled account',
        c: { attr: 'subject.active', op: 'eq', value: false },
        subject: { active: false },
        holds: true,
      },
      {
        case: 'active eq false holds not for an active account',
        c: { attr: 'subject.active', op: 'eq', value: false },
        subject: { active: true },
        holds: false,
      },
      {
        case: 'ownerId eq ref userId: the owner',
        c: { attr: 'resource.ownerId', op: 'eq', ref: 'subject.userId' },
        subject: {},
        resource: { ownerId: ALICE },
        holds: true,
      },
      {
        case: 'ownerId eq ref userId: someone else',
        c: { attr: 'resource.ownerId', op: 'eq', ref: 'subject.userId' },
        subject: {},
        resource: { ownerId: BOB },
        holds: false,
      },
      {
        case: 'ownerId eq ref userId: anonymous on an owned resource',
        c: { attr: 'resource.ownerId', op: 'eq', ref: 'subject.userId' },
        subject: anonymous,
        resource: { ownerId: ALICE },
        holds: false,
      },
      {
        case: 'ownerId eq ref userId: anonymous on an unowned resource',
        c: { attr: 'resource.ownerId', op: 'eq', ref: 'subject.userId' },
        subject: anonymous,
        resource: { ownerId: undefined },
        holds: false,
      },
      {
        case: 'userId eq ref ownerId (either direction): the owner',
        c: { attr: 'subject.userId', op: 'eq', ref: 'resource.ownerId' },
        subject: {},
        resource: { ownerId: ALICE },
        holds: true,
      },
      {
        case: 'ownerId ne ref userId: someone else',
        c: { attr: 'resource.ownerId', op: 'ne', ref: 'subject.userId' },
        subject: {},
        resource: { ownerId: BOB },
        holds: true,
      },
      {
        case: 'ownerId ne ref userId: the owner',
        c: { attr: 'resource.ownerId', op: 'ne', ref: 'subject.userId' },
        subject: {},
        resource: { ownerId: ALICE },
        holds: false,
      },
      {
        case: 'ownerId ne ref userId: anonymous',
        c: { attr: 'resource.ownerId', op: 'ne', ref: 'subject.userId' },
        subject: anonymous,
        resource: { ownerId: ALICE },
        holds: false,
      },
    ])('$case → $holds', ({ c, subject, resource, holds }) => {
      expect(conditionHolds(request({ subject, resource }), cond(c))).toBe(holds);
    });
  });

  describe('resource attributes', () => {
    it.each<{ case: string; c: z.input<typeof Condition>; resource: Partial<ResourceAttrs>; holds: boolean }>([
      { case: 'ownerId eq a constant', c: { attr: 'resource.ownerId', op: 'eq', value: ALICE }, resource: { ownerId: ALICE }, holds: true },
      { case: 'ownerId eq a constant, absent', c: { attr: 'resource.ownerId', op: 'eq', value: ALICE }, resource: {}, holds: false },
      { case: 'ownerId in', c: { attr: 'resource.ownerId', op: 'in', value: [BOB, ALICE] }, resource: { ownerId: ALICE }, holds: true },
      { case: 'ownerId notIn', c: { attr: 'resource.ownerId', op: 'notIn', value: [BOB] }, resource: { ownerId: ALICE }, holds: true },
      {
        case: 'status eq, same',
        c: { attr: 'resource.status', op: 'eq', value: 'published' },
        resource: { status: 'published' },
        holds: true,
      },
      {
        case: 'status eq, other',
        c: { attr: 'resource.status', op: 'eq', value: 'published' },
        resource: { status: 'draft' },
        holds: false,
      },
      {
        case: 'status eq is case-sensitive',
        c: { attr: 'resource.status', op: 'eq', value: 'published' },
        resource: { status: 'Published' },
        holds: false,
      },
      {
        case: 'status ne, other',
        c: { attr: 'resource.status', op: 'ne', value: 'published' },
        resource: { status: 'draft' },
        holds: true,
      },
      {
        case: 'status ne, same',
        c: { attr: 'resource.status', op: 'ne', value: 'published' },
        resource: { status: 'published' },
        holds: false,
      },
      {
        case: 'status ne, absent (absent never compares)',
        c: { attr: 'resource.status', op: 'ne', value: 'published' },
        resource: {},
        holds: false,
      },
      {
        case: 'status in, listed',
        c: { attr: 'resource.status', op: 'in', value: ['on_shelf', 'sold_out'] },
        resource: { status: 'sold_out' },
        holds: true,
      },
      {
        case: 'status in, not listed',
        c: { attr: 'resource.status', op: 'in', value: ['on_shelf', 'sold_out'] },
        resource: { status: 'frozen' },
        holds: false,
      },
      { case: 'status in, absent', c: { attr: 'resource.status', op: 'in', value: ['on_shelf'] }, resource: {}, holds: false },
      {
        case: 'status notIn, not listed',
        c: { attr: 'resource.status', op: 'notIn', value: ['frozen', 'deleted'] },
        resource: { status: 'on_shelf' },
        holds: true,
      },
      {
        case: 'status notIn, listed',
        c: { attr: 'resource.status', op: 'notIn', value: ['frozen', 'deleted'] },
        resource: { status: 'frozen' },
        holds: false,
      },
      { case: 'status notIn, absent', c: { attr: 'resource.status', op: 'notIn', value: ['frozen'] }, resource: {}, holds: false },
      {
        case: 'visibility eq public',
        c: { attr: 'resource.visibility', op: 'eq', value: 'public' },
        resource: { visibility: 'public' },
        holds: true,
      },
      {
        case: 'visibility ne public on a private one',
        c: { attr: 'resource.visibility', op: 'ne', value: 'public' },
        resource: { visibility: 'private' },
        holds: true,
      },
      {
        case: 'visibility in',
        c: { attr: 'resource.visibility', op: 'in', value: ['public', 'unlisted'] },
        resource: { visibility: 'unlisted' },
        holds: true,
      },
      {
        case: 'visibility notIn',
        c: { attr: 'resource.visibility', op: 'notIn', value: ['private'] },
        resource: { visibility: 'private' },
        holds: false,
      },
      {
        case: 'deleted eq true on a deleted one',
        c: { attr: 'resource.deleted', op: 'eq', value: true },
        resource: { deleted: true },
        holds: true,
      },
      {
        case: 'deleted eq true on a live one',
        c: { attr: 'resource.deleted', op: 'eq', value: true },
        resource: { deleted: false },
        holds: false,
      },
      {
        case: 'deleted eq false on a live one',
        c: { attr: 'resource.deleted', op: 'eq', value: false },
        resource: { deleted: false },
        holds: true,
      },
      {
        case: 'deleted ne true on a live one',
        c: { attr: 'resource.deleted', op: 'ne', value: true },
        resource: { deleted: false },
        holds: true,
      },
      { case: 'deleted ne true when unknown', c: { attr: 'resource.deleted', op: 'ne', value: true }, resource: {}, holds: false },
      { case: 'deleted in [true]', c: { attr: 'resource.deleted', op: 'in', value: [true] }, resource: { deleted: true }, holds: true },
      {
        case: 'deleted notIn [true]',
        c: { attr: 'resource.deleted', op: 'notIn', value: [true] },
        resource: { deleted: false },
        holds: true,
      },
      {
        case: 'deleted eq the string "true" is not the boolean',
        c: { attr: 'resource.deleted', op: 'eq', value: 'true' },
        resource: { deleted: true },
        holds: false,
      },
      { case: 'type eq', c: { attr: 'resource.type', op: 'eq', value: 'address' }, resource: {}, holds: true },
    ])('$case → $holds', ({ c, resource, holds }) => {
      expect(conditionHolds(request({ resource }), cond(c))).toBe(holds);
    });
  });

  describe('context.ip inCidr', () => {
    it.each<{ ip: string | undefined; cidrs: [string, ...string[]]; holds: boolean }>([
      { ip: '10.1.2.3', cidrs: ['10.0.0.0/8'], holds: true },
      { ip: '10.255.255.255', cidrs: ['10.0.0.0/8'], holds: true },
      { ip: '11.0.0.0', cidrs: ['10.0.0.0/8'], holds: false },
      { ip: '9.255.255.255', cidrs: ['10.0.0.0/8'], holds: false },
      { ip: '192.168.1.77', cidrs: ['192.168.1.0/24'], holds: true },
      { ip: '192.168.2.1', cidrs: ['192.168.1.0/24'], holds: false },
      { ip: '203.0.113.7', cidrs: ['203.0.113.7/32'], holds: true },
      { ip: '203.0.113.8', cidrs: ['203.0.113.7/32'], holds: false },
      { ip: '8.8.8.8', cidrs: ['0.0.0.0/0'], holds: true },
      { ip: '255.255.255.255', cidrs: ['0.0.0.0/0'], holds: true },
      { ip: '::ffff:10.1.2.3', cidrs: ['10.0.0.0/8'], holds: true },
      { ip: '::ffff:11.1.2.3', cidrs: ['10.0.0.0/8'], holds: false },
      { ip: '172.16.0.1', cidrs: ['10.0.0.0/8', '172.16.0.0/12'], holds: true },
      { ip: 'not-an-ip', cidrs: ['0.0.0.0/0'], holds: false },
      { ip: '10.1.2', cidrs: ['0.0.0.0/0'], holds: false },
      { ip: '10.1.2.300', cidrs: ['0.0.0.0/0'], holds: false },
      { ip: '::1', cidrs: ['0.0.0.0/0'], holds: false },
      { ip: '', cidrs: ['0.0.0.0/0'], holds: false },
      { ip: undefined, cidrs: ['0.0.0.0/0'], holds: false },
    ])('$ip in $cidrs → $holds', ({ ip, cidrs, holds }) => {
      expect(conditionHolds(request({ context: { ip } }), cond({ attr: 'context.ip', op: 'inCidr', value: cidrs }))).toBe(holds);
    });
  });

  describe('context.time between, Asia/Taipei (UTC+08:00)', () => {
    const office = cond({ attr: 'context.time', op: 'between', value: ['09:00', '18:00'], timeZone: 'Asia/Taipei' });
    const night = cond({ attr: 'context.time', op: 'between', value: ['22:00', '06:00'] }); // time zone defaults to Asia/Taipei

    it.each([
      { utc: '2026-03-02T01:00:00Z', taipei: '09:00', holds: true },
      { utc: '2026-03-02T00:59:00Z', taipei: '08:59', holds: false },
      { utc: '2026-03-02T04:00:00Z', taipei: '12:00', holds: true },
      { utc: '2026-03-02T09:59:00Z', taipei: '17:59', holds: true },
      { utc: '2026-03-02T10:00:00Z', taipei: '18:00 (end is exclusive)', holds: false },
      // 17:00 UTC on 1 March is 01:00 on 2 March in Taipei: read the clock there, not in UTC.
      { utc: '2026-03-01T17:00:00Z', taipei: '01:00 next day', holds: false },
    ])('09:00–18:00 at $utc ($taipei Taipei) → $holds', ({ utc, holds }) => {
      expect(conditionHolds(request({ context: { time: new Date(utc) } }), office)).toBe(holds);
    });

    it.each([
      { utc: '2026-03-02T14:00:00Z', taipei: '22:00 (start is inclusive)', holds: true },
      { utc: '2026-03-02T13:59:00Z', taipei: '21:59', holds: false },
      { utc: '2026-03-02T15:30:00Z', taipei: '23:30', holds: true },
      { utc: '2026-03-02T16:00:00Z', taipei: '00:00 next day', holds: true },
      { utc: '2026-03-02T18:00:00Z', taipei: '02:00 next day', holds: true },
      { utc: '2026-03-02T21:59:00Z', taipei: '05:59 next day', holds: true },
      { utc: '2026-03-02T22:00:00Z', taipei: '06:00 (end is exclusive)', holds: false },
      { utc: '2026-03-02T04:00:00Z', taipei: '12:00', holds: false },
      // 23:00 UTC is 07:00 in Taipei, but inside the window if read as UTC.
      { utc: '2026-03-02T23:00:00Z', taipei: '07:00 next day', holds: false },
    ])('22:00–06:00 (wraps midnight) at $utc ($taipei Taipei) → $holds', ({ utc, holds }) => {
      expect(conditionHolds(request({ context: { time: new Date(utc) } }), night)).toBe(holds);
    });

    it('reads the clock in the condition’s own time zone', () => {
      const utcOffice = cond({ attr: 'context.time', op: 'between', value: ['09:00', '18:00'], timeZone: 'UTC' });
      const at = request({ context: { time: new Date('2026-03-02T02:00:00Z') } }); // 02:00 UTC, 10:00 Taipei
      expect(conditionHolds(at, office)).toBe(true);
      expect(conditionHolds(at, utcOffice)).toBe(false);
    });
  });

  describe('context.source', () => {
    it.each([
      { source: 'web', holds: true },
      { source: 'api', holds: false },
      { source: undefined, holds: false },
    ])('source $source eq web → $holds', ({ source, holds }) => {
      expect(conditionHolds(request({ context: { source } }), cond({ attr: 'context.source', op: 'eq', value: 'web' }))).toBe(holds);
    });
  });
});

describe('ipInCidr', () => {
  it.each([
    { ip: '10.0.0.1', cidr: '10.0.0.0/8', inside: true },
    { ip: '10.0.0.1', cidr: '10.0.0.1/32', inside: true },
    { ip: '10.0.0.2', cidr: '10.0.0.1/32', inside: false },
    { ip: '1.2.3.4', cidr: '0.0.0.0/0', inside: true },
    // The base's host bits do not matter: 10.9.9.9/8 is 10.0.0.0/8.
    { ip: '10.1.1.1', cidr: '10.9.9.9/8', inside: true },
    { ip: '128.0.0.1', cidr: '128.0.0.0/1', inside: true },
    { ip: '127.255.255.255', cidr: '128.0.0.0/1', inside: false },
    // A range that cannot be read contains nothing, rather than everything.
    { ip: '10.0.0.1', cidr: '10.0.0.0', inside: false },
    { ip: '10.0.0.1', cidr: '10.0.0.0/33', inside: false },
    { ip: '10.0.0.1', cidr: '10.0.0.0/-1', inside: false },
    { ip: '10.0.0.1', cidr: 'ten/8', inside: false },
    { ip: '10.0.0.1', cidr: '300.0.0.0/8', inside: false },
    { ip: '8.8.8.8', cidr: '10.0.0.0/', inside: false },
  ])('$ip in $cidr → $inside', ({ ip, cidr, inside }) => {
    expect(ipInCidr(ip, cidr)).toBe(inside);
  });
});

describe('PolicyInput', () => {
  const good = { name: 'no-night-refunds', effect: 'deny', actions: ['refund'], resourceTypes: ['order'] } as const;

  it('accepts a policy and fills in its defaults', () => {
    const parsed = PolicyInput.parse({ ...good, conditions: [{ attr: 'context.time', op: 'between', value: ['22:00', '06:00'] }] });
    expect(parsed).toEqual({
      ...good,
      description: '',
      enabled: true,
      conditions: [{ attr: 'context.time', op: 'between', value: ['22:00', '06:00'], timeZone: 'Asia/Taipei' }],
    });
  });

  it.each<{ case: string; input: Record<string, unknown>; path: Array<string | number> }>([
    {
      case: 'an unknown attribute',
      input: { conditions: [{ attr: 'subject.email', op: 'eq', value: 'a@b.tw' }] },
      path: ['conditions', 0, 'attr'],
    },
    {
      case: 'an unknown operator',
      input: { conditions: [{ attr: 'subject.userId', op: 'like', value: 'a' }] },
      path: ['conditions', 0, 'op'],
    },
    {
      case: 'between with 25:00',
      input: { conditions: [{ attr: 'context.time', op: 'between', value: ['09:00', '25:00'] }] },
      path: ['conditions', 0, 'value', 1],
    },
    {
      case: 'between with 9:00 (no leading zero)',
      input: { conditions: [{ attr: 'context.time', op: 'between', value: ['9:00', '18:00'] }] },
      path: ['conditions', 0, 'value', 0],
    },
    {
      case: 'between on another attribute',
      input: { conditions: [{ attr: 'context.ip', op: 'between', value: ['09:00', '18:00'] }] },
      path: ['conditions', 0, 'attr'],
    },
    {
      case: 'between in an unknown time zone',
      input: { conditions: [{ attr: 'context.time', op: 'between', value: ['09:00', '18:00'], timeZone: 'Mars/Olympus' }] },
      path: ['conditions', 0, 'timeZone'],
    },
    {
      case: 'inCidr with /33',
      input: { conditions: [{ attr: 'context.ip', op: 'inCidr', value: ['10.0.0.0/33'] }] },
      path: ['conditions', 0, 'value', 0],
    },
    {
      case: 'inCidr with an octet above 255',
      input: { conditions: [{ attr: 'context.ip', op: 'inCidr', value: ['10.0.0.0/8', '10.0.0.256/32'] }] },
      path: ['conditions', 0, 'value', 1],
    },
    {
      case: 'inCidr with no range',
      input: { conditions: [{ attr: 'context.ip', op: 'inCidr', value: [] }] },
      path: ['conditions', 0, 'value'],
    },
    {
      case: 'contains on something other than roles',
      input: { conditions: [{ attr: 'resource.status', op: 'contains', value: 'x' }] },
      path: ['conditions', 0, 'attr'],
    },
    {
      case: 'eq with both value and ref',
      input: { conditions: [{ attr: 'resource.ownerId', op: 'eq', value: 'x', ref: 'subject.userId' }] },
      path: ['conditions', 0],
    },
    { case: 'eq with neither value nor ref', input: { conditions: [{ attr: 'resource.ownerId', op: 'eq' }] }, path: ['conditions', 0] },
    { case: 'ne with neither value nor ref', input: { conditions: [{ attr: 'resource.ownerId', op: 'ne' }] }, path: ['conditions', 0] },
    {
      case: 'in with an empty list',
      input: { conditions: [{ attr: 'resource.status', op: 'in', value: [] }] },
      path: ['conditions', 0, 'value'],
    },
    {
      case: 'the second condition bad',
      input: {
        conditions: [
          { attr: 'subject.userId', op: 'exists' },
          { attr: 'resource.status', op: 'eq' },
        ],
      },
      path: ['conditions', 1],
    },
    { case: 'empty actions', input: { actions: [] }, path: ['actions'] },
    { case: 'an unknown action', input: { actions: ['read', 'steal'] }, path: ['actions', 1] },
    { case: 'empty resource types', input: { resourceTypes: [] }, path: ['resourceTypes'] },
    { case: 'a resource type with capitals', input: { resourceTypes: ['Order'] }, path: ['resourceTypes', 0] },
    { case: 'an unknown effect', input: { effect: 'maybe' }, path: ['effect'] },
    { case: 'a blank name', input: { name: '   ' }, path: ['name'] },
  ])('refuses $case, naming the field', ({ input, path }) => {
    const result = PolicyInput.safeParse({ ...good, ...input });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(path);
  });
});
