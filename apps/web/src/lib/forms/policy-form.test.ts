import { DecisionRequest } from '@shop/contracts/access';
import { describe, expect, it } from 'vitest';
import { getTranslator } from '$lib/i18n';
import { checkPolicyForm, emptyPolicyValues, policyToValues, readDecisionForm, readPolicyForm, splitList, taipeiLocalToIso } from './policy-form';

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
    expect(checked.errors).toEqual({ name: 'This field is required', conditions: 'This is not valid JSON; check brackets, quotes and commas' });
    expect(checked.values.conditions).toBe('[{"attr": }');
  });

  it('puts schema errors inside the conditions on their paths', () => {
    const checked = checkPolicyForm(
      policyForm({ ...valid, conditions: '[{"attr": "context.time", "op": "between", "value": ["9:00", "18:00"]}]' }),
      en,
    );

    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({ 'conditions.0.value.0': "This doesn't look right (times as HH:MM, IP ranges as a CIDR like 10.0.0.0/8)" });
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
