import type { Condition, ConditionAttribute } from '@shop/contracts/access';

/** Who asks. Anonymous callers have no userId and no roles. */
export interface Subject {
  userId: string | null;
  roles: readonly string[];
  active: boolean;
}

/** What is asked about. `type` is required; the rest is whatever the service knows. */
export interface ResourceAttrs {
  type: string;
  id?: string | undefined;
  ownerId?: string | undefined;
  status?: string | undefined;
  visibility?: string | undefined;
  deleted?: boolean | undefined;
}

export interface ContextAttrs {
  ip?: string | undefined;
  time: Date;
  source?: string | undefined;
}

export type ConcreteAction = 'read' | 'create' | 'update' | 'delete' | 'approve' | 'refund' | 'admin';

export interface PolicyRule {
  id: string;
  name: string;
  effect: 'allow' | 'deny';
  actions: readonly string[];
  resourceTypes: readonly string[];
  conditions: readonly Condition[];
}

export interface AccessRequest {
  subject: Subject;
  action: ConcreteAction;
  resource: ResourceAttrs;
  context: ContextAttrs;
}

export interface Decision {
  decision: 'allow' | 'deny';
  matched: Array<Pick<PolicyRule, 'id' | 'name' | 'effect'>>;
}

type Value = string | number | boolean | null | undefined | readonly string[];

function attribute(req: AccessRequest, attr: ConditionAttribute): Value {
  switch (attr) {
    case 'subject.userId':
      return req.subject.userId;
    case 'subject.roles':
      return req.subject.roles;
    case 'subject.active':
      return req.subject.active;
    case 'resource.type':
      return req.resource.type;
    case 'resource.id':
      return req.resource.id;
    case 'resource.ownerId':
      return req.resource.ownerId;
    case 'resource.status':
      return req.resource.status;
    case 'resource.visibility':
      return req.resource.visibility;
    case 'resource.deleted':
      return req.resource.deleted;
    case 'context.ip':
      return req.context.ip;
    case 'context.time':
      return req.context.time.toISOString();
    case 'context.source':
      return req.context.source;
  }
}

const present = (v: Value) => v !== undefined && v !== null;

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.replace(/^::ffff:/, ''));
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const addr = ipv4ToInt(ip);
  const net = ipv4ToInt(base ?? '');
  if (addr === undefined || net === undefined || !/^\d{1,2}$/.test(bitsText ?? '')) return false;
  const bits = Number(bitsText);
  if (bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (addr & mask) === (net & mask);
}

/** Minutes since midnight of `time` in `timeZone`. */
function minuteOfDay(time: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(time);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

const hhmm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export function conditionHolds(req: AccessRequest, c: Condition): boolean {
  const actual = attribute(req, c.attr);
  switch (c.op) {
    case 'exists':
      return present(actual) && !(Array.isArray(actual) && actual.length === 0);
    case 'eq':
    case 'ne': {
      const expected = c.ref !== undefined ? attribute(req, c.ref) : c.value;
      // Comparing against something absent never matches, so "ownerId == userId" fails for anonymous.
      const equal = present(actual) && present(expected) && actual === expected;
      return c.op === 'eq' ? equal : present(actual) && present(expected) && !equal;
    }
    case 'in':
      return present(actual) && (c.value as readonly unknown[]).includes(actual);
    case 'notIn':
      return present(actual) && !(c.value as readonly unknown[]).includes(actual);
    case 'contains':
      return Array.isArray(actual) && actual.includes(c.value);
    case 'between': {
      const now = minuteOfDay(req.context.time, c.timeZone);
      const [from, to] = [hhmm(c.value[0]), hhmm(c.value[1])];
      return from <= to ? now >= from && now < to : now >= from || now < to;
    }
    case 'inCidr':
      return typeof actual === 'string' && c.value.some((cidr) => ipInCidr(actual, cidr));
  }
}

function applies(p: PolicyRule, req: AccessRequest): boolean {
  const actionOk = p.actions.includes('*') || p.actions.includes(req.action);
  const typeOk = p.resourceTypes.includes('*') || p.resourceTypes.includes(req.resource.type);
  return actionOk && typeOk && p.conditions.every((c) => conditionHolds(req, c));
}

/** Deny wins; without a matching allow, the answer is deny. */
export function evaluate(policies: readonly PolicyRule[], req: AccessRequest): Decision {
  const matched = policies.filter((p) => applies(p, req));
  const decision = matched.length > 0 && matched.every((p) => p.effect === 'allow') ? 'allow' : 'deny';
  return { decision, matched: matched.map(({ id, name, effect }) => ({ id, name, effect })) };
}
