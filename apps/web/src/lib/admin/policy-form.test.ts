import { DecisionRequest, type Condition } from '@shop/contracts/access';
import { describe, expect, it } from 'vitest';
import { getTranslator } from '$lib/i18n';
import {
  checkPolicyForm,
  conditionToRow,
  emptyPolicyValues,
  policyToValues,
  readDecisionForm,
  readPolicyForm,
  rowToCondition,
  splitList,
  taipeiLocalToIso,
  userWithEmail,
} from './policy-form';

const en = getTranslator('en');

function policyForm(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  return form;
}

const valid = {
  name: 'Owners read their orders',
  description: '',
  effect: 'allow',
  actions: ['read', 'update'],
  resourceTypes: 'order, address',
  conditions: '[{"attr": "resource.ownerId", "op": "eq", "ref": "subject.userId"}]',
  enabled: 'on',
};

describe('the policy form', () => {
  it('turns a valid post into PolicyInput', () => {
    const checked = checkPolicyForm(policyForm(valid), en);

    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.input).toEqual({
      name: 'Owners read their orders',
      description: '',
      effect: 'allow',
      actions: ['read', 'update'],
      resourceTypes: ['order', 'address'],
      conditions: [{ attr: 'resource.ownerId', op: 'eq', ref: 'subject.userId' }],
      enabled: true,
    });
    expect(checked.values.actions).toBe('read,update');
  });

  it('reports conditions that are not JSON, next to the other errors', () => {
    const checked = checkPolicyForm(policyForm({ ...valid, name: '', conditions: '[{"attr": }' }), en);

    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      name: 'This field is required',
      conditions: 'This is not valid JSON; check brackets, quotes and commas',
    });
    expect(checked.values.conditions).toBe('[{"attr": }');
  });

  it('puts schema errors inside the conditions on their paths', () => {
    const checked = checkPolicyForm(
      policyForm({ ...valid, conditions: '[{"attr": "context.time", "op": "between", "value": ["9:00", "18:00"]}]' }),
      en,
    );

    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      'conditions.0.value.0': "This doesn't look right (times as HH:MM, IP ranges as a CIDR like 10.0.0.0/8)",
    });
  });

  it('explains the shape of a resource type', () => {
    const checked = checkPolicyForm(policyForm({ ...valid, resourceTypes: 'Order' }), en);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({ 'resourceTypes.0': 'Use lower-case letters and underscores (like order), or *' });
  });

  it('treats empty conditions as none, and a missing enabled box as disabled', () => {
    const { input } = readPolicyForm(policyForm({ ...valid, conditions: '  ', enabled: [] }));
    expect(input.conditions).toBeUndefined();
    expect(input.enabled).toBe(false);
  });

  it('fills the edit form from a policy, and round-trips it', () => {
    const policy = {
      id: '00000000-0000-4000-8000-000000000002',
      name: 'Staff',
      description: 'd',
      effect: 'deny' as const,
      actions: ['admin' as const],
      resourceTypes: ['*'],
      conditions: [{ attr: 'subject.roles' as const, op: 'contains' as const, value: 'ops' }],
      enabled: false,
      builtIn: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const values = policyToValues(policy);
    expect(values).toMatchObject({ effect: 'deny', actions: 'admin', resourceTypes: '*', enabled: '' });

    const checked = checkPolicyForm(policyForm({ ...values, actions: values.actions.split(','), enabled: [] }), en);
    expect(checked.ok && checked.input.conditions).toEqual(policy.conditions);
    expect(emptyPolicyValues.conditions).toBe('[]');
  });

  it('splits lists on commas (also full-width) and spaces', () => {
    expect(splitList(' order,address，user  profile ,')).toEqual(['order', 'address', 'user', 'profile']);
  });
});

describe('conditions as rows of fields', () => {
  const rowsForm = (rows: Array<Record<string, string>>) => {
    const fields: Record<string, string | string[]> = { ...valid, conditionsMode: 'form', conditions: 'ignored in rows mode' };
    rows.forEach((row, i) => {
      for (const [field, value] of Object.entries(row)) fields[`cond.${i}.${field}`] = value;
    });
    return policyForm(fields);
  };

  it('turns rows into conditions without any JSON, skipping the blank row', () => {
    const checked = checkPolicyForm(
      rowsForm([
        { attr: 'subject.roles', op: 'contains', value: 'ops', ref: '', timeZone: '' },
        { attr: 'resource.ownerId', op: 'eq', value: '', ref: 'subject.userId', timeZone: '' },
        { attr: 'resource.status', op: 'in', value: 'draft, pending_review', ref: '', timeZone: '' },
        { attr: 'subject.active', op: 'eq', value: 'false', ref: '', timeZone: '' },
        { attr: 'context.time', op: 'between', value: '09:00 - 18:00', ref: '', timeZone: '' },
        { attr: 'context.ip', op: 'inCidr', value: '10.0.0.0/8, 192.168.0.0/16', ref: '', timeZone: '' },
        { attr: 'resource.id', op: 'exists', value: '', ref: '', timeZone: '' },
        { attr: '', op: 'eq', value: '', ref: '', timeZone: '' },
      ]),
      en,
    );

    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.input.conditions).toEqual([
      { attr: 'subject.roles', op: 'contains', value: 'ops' },
      { attr: 'resource.ownerId', op: 'eq', ref: 'subject.userId' },
      { attr: 'resource.status', op: 'in', value: ['draft', 'pending_review'] },
      { attr: 'subject.active', op: 'eq', value: false },
      { attr: 'context.time', op: 'between', value: ['09:00', '18:00'], timeZone: 'Asia/Taipei' },
      { attr: 'context.ip', op: 'inCidr', value: ['10.0.0.0/8', '192.168.0.0/16'] },
      { attr: 'resource.id', op: 'exists' },
    ]);
    // The JSON view shows what the rows made.
    expect(JSON.parse(checked.values.conditions)).toHaveLength(7);
  });

  it('puts a bad row’s error on that row, counting blank rows', () => {
    const checked = checkPolicyForm(
      rowsForm([
        { attr: '', op: 'eq', value: '', ref: '', timeZone: '' },
        { attr: 'context.ip', op: 'inCidr', value: '10.0.0.0/33', ref: '', timeZone: '' },
      ]),
      en,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors)).toEqual(['cond.1']);
    expect(checked.values['cond.1.value']).toBe('10.0.0.0/33');
  });

  it('shows each stored condition as a row and reads it back the same', () => {
    const conditions: Condition[] = [
      { attr: 'subject.roles', op: 'contains', value: 'support' },
      { attr: 'resource.ownerId', op: 'ne', ref: 'subject.userId' },
      { attr: 'resource.deleted', op: 'notIn', value: [true] },
      { attr: 'context.time', op: 'between', value: ['22:00', '06:00'], timeZone: 'Asia/Tokyo' },
    ];
    for (const c of conditions) expect(rowToCondition(conditionToRow(c))).toEqual(c);
  });

  it('opens a policy in the JSON view when a row could not show a condition as it is', () => {
    const base = {
      id: '00000000-0000-4000-8000-000000000003',
      name: 'n',
      description: '',
      effect: 'allow' as const,
      actions: ['read' as const],
      resourceTypes: ['order'],
      enabled: true,
      builtIn: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(policyToValues({ ...base, conditions: [{ attr: 'resource.status', op: 'eq', value: 3 }] }).conditionsMode).toBe('json');
    expect(policyToValues({ ...base, conditions: [{ attr: 'resource.status', op: 'eq', value: 'paid' }] })).toMatchObject({
      conditionsMode: 'form',
      'cond.0.attr': 'resource.status',
      'cond.0.op': 'eq',
      'cond.0.value': 'paid',
    });
  });
});

describe('picking the tested user by email', () => {
  it('takes the user whose whole address matches, in any case, not a partial match', () => {
    const users = [{ email: 'ann.lee@example.tw' }, { email: 'ann@example.tw' }];
    expect(userWithEmail(users, ' ANN@example.tw ')).toBe(users[1]);
    expect(userWithEmail(users, 'ann@example')).toBeUndefined();
  });
});

describe('the decision test form', () => {
  it('builds a DecisionRequest, leaving out what was not given', () => {
    const input = readDecisionForm(
      policyForm({
        userId: '',
        action: 'read',
        'resource.type': 'order',
        'resource.ownerId': ' u-1 ',
        'resource.deleted': 'false',
        'context.time': '2026-03-01T14:30',
      }),
    );

    expect(input).toEqual({
      userId: null,
      action: 'read',
      resource: { type: 'order', id: undefined, ownerId: 'u-1', status: undefined, visibility: undefined, deleted: false },
      context: { ip: undefined, time: '2026-03-01T14:30:00+08:00', source: undefined },
    });
    expect(DecisionRequest.safeParse(input).success).toBe(true);
  });

  it('sends no context when none was given', () => {
    expect(readDecisionForm(policyForm({ action: 'read', 'resource.type': 'order' }))).not.toHaveProperty('context');
  });
});

describe('Taipei local time', () => {
  it.each([
    ['2026-03-01T14:30', '2026-03-01T14:30:00+08:00'],
    ['2026-03-01T14:30:15', '2026-03-01T14:30:15+08:00'],
  ])('reads %s as %s', (local, iso) => {
    expect(taipeiLocalToIso(local)).toBe(iso);
  });

  it('leaves anything else for the schema to refuse', () => {
    expect(taipeiLocalToIso('tomorrow')).toBe('tomorrow');
  });
});
