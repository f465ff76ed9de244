import { z } from 'zod';

/** What a policy may be about. `*` matches any. */
export const Actions = ['read', 'create', 'update', 'delete', 'approve', 'refund', 'admin', '*'] as const;
export const Action = z.enum(Actions);
export type Action = z.infer<typeof Action>;

/** Attributes a condition may test. */
export const ConditionAttribute = z.enum([
  'subject.userId',
  'subject.roles',
  'subject.active',
  'resource.type',
  'resource.id',
  'resource.ownerId',
  'resource.status',
  'resource.visibility',
  'resource.deleted',
  'context.ip',
  'context.time',
  'context.source',
]);
export type ConditionAttribute = z.infer<typeof ConditionAttribute>;

const Scalar = z.union([z.string().max(200), z.number(), z.boolean()]);
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Use HH:MM, 24-hour.' });
const Octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const Cidr = z
  .string()
  .regex(new RegExp(`^(${Octet}\\.){3}${Octet}\\/(\\d|[12]\\d|3[0-2])$`), { error: 'Use an IPv4 CIDR like 10.0.0.0/8.' });
const TimeZone = z
  .string()
  .min(1)
  .max(60)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'Use an IANA time zone like Asia/Taipei.' },
  );

/**
 * One test on an attribute. `ref` compares with another attribute instead of a constant
 * (e.g. resource.ownerId eq ref subject.userId).
 */
export const Condition = z.discriminatedUnion('op', [
  z
    .object({ attr: ConditionAttribute, op: z.literal('eq'), value: Scalar.optional(), ref: ConditionAttribute.optional() })
    .refine((c) => (c.value === undefined) !== (c.ref === undefined), { error: 'Give either value or ref.' }),
  z
    .object({ attr: ConditionAttribute, op: z.literal('ne'), value: Scalar.optional(), ref: ConditionAttribute.optional() })
    .refine((c) => (c.value === undefined) !== (c.ref === undefined), { error: 'Give either value or ref.' }),
  z.object({ attr: ConditionAttribute, op: z.literal('in'), value: z.array(Scalar).min(1).max(50) }),
  z.object({ attr: ConditionAttribute, op: z.literal('notIn'), value: z.array(Scalar).min(1).max(50) }),
  /** subject.roles contains the value. */
  z.object({ attr: z.literal('subject.roles'), op: z.literal('contains'), value: z.string().min(1).max(40) }),
  /** Attribute is present (not null/undefined). */
  z.object({ attr: ConditionAttribute, op: z.literal('exists') }),
  /** context.time of day within [from, to) in the time zone; wraps past midnight when from > to. */
  z.object({
    attr: z.literal('context.time'),
    op: z.literal('between'),
    value: z.tuple([HHMM, HHMM]),
    timeZone: TimeZone.default('Asia/Taipei'),
  }),
  /** context.ip inside one of the IPv4 ranges. */
  z.object({ attr: z.literal('context.ip'), op: z.literal('inCidr'), value: z.array(Cidr).min(1).max(50) }),
]);
export type Condition = z.infer<typeof Condition>;

export const PolicyInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).optional().default(''),
  effect: z.enum(['allow', 'deny']),
  actions: z.array(Action).min(1).max(10),
  /** Resource types (user, profile, address, order, …) or `*`. */
  resourceTypes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^(\*|[a-z][a-z_]{0,39})$/),
    )
    .min(1)
    .max(20),
  /** All must hold. Empty: always. */
  conditions: z.array(Condition).max(20).default([]),
  enabled: z.boolean().optional().default(true),
});
export type PolicyInput = z.infer<typeof PolicyInput>;

export const Policy = PolicyInput.extend({
  id: z.uuid(),
  builtIn: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Policy = z.infer<typeof Policy>;
export const PolicyList = z.object({ items: z.array(Policy) });

export const DecisionRequest = z.object({
  userId: z.uuid().nullable(),
  action: Action.exclude(['*']),
  resource: z.object({
    type: z.string().min(1).max(40),
    id: z.string().max(100).optional(),
    ownerId: z.string().max(100).optional(),
    status: z.string().max(40).optional(),
    visibility: z.string().max(40).optional(),
    deleted: z.boolean().optional(),
  }),
  context: z
    .object({ ip: z.string().max(64).optional(), time: z.iso.datetime({ offset: true }).optional(), source: z.string().max(20).optional() })
    .optional(),
});
export type DecisionRequest = z.infer<typeof DecisionRequest>;
export const DecisionResponse = z.object({
  decision: z.enum(['allow', 'deny']),
  /** The policies whose action, type and conditions all matched. */
  matched: z.array(z.object({ id: z.uuid(), name: z.string(), effect: z.enum(['allow', 'deny']) })),
});
