import { PolicyInput, type Policy } from '@shop/contracts/access';
import type { Translate } from '$lib/i18n';
import { zodFieldErrors, type FieldErrors } from './field-errors';
import { checked, optionalText, text, type FormValues } from './form-data';

/** The policy form as typed: actions comma-joined, conditions as the JSON text. */
export interface PolicyFormValues extends FormValues {
  name: string;
  description: string;
  effect: string;
  actions: string;
  resourceTypes: string;
  conditions: string;
  enabled: string;
}

export const emptyPolicyValues: PolicyFormValues = {
  name: '',
  description: '',
  effect: 'allow',
  actions: '',
  resourceTypes: '',
  conditions: '[]',
  enabled: 'on',
};

export function policyToValues(policy: Policy): PolicyFormValues {
  return {
    name: policy.name,
    description: policy.description,
    effect: policy.effect,
    actions: policy.actions.join(','),
    resourceTypes: policy.resourceTypes.join(', '),
    conditions: JSON.stringify(policy.conditions, null, 2),
    enabled: policy.enabled ? 'on' : '',
  };
}

export interface PolicyForm {
  values: PolicyFormValues;
  /** Input for `PolicyInput.safeParse`. */
  input: Record<string, unknown>;
  /** The conditions text is not JSON (the input then has no conditions). */
  conditionsNotJson: boolean;
}

/** `order, address ,*` → `['order', 'address', '*']`. */
export function splitList(value: string): string[] {
  return value
    .split(/[,，\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Reads a posted policy form into the shape `PolicyInput` validates. */
export function readPolicyForm(form: FormData): PolicyForm {
  const actions = form.getAll('actions').filter((v): v is string => typeof v === 'string');
  const conditionsText = text(form, 'conditions');
  const values: PolicyFormValues = {
    name: text(form, 'name'),
    description: text(form, 'description'),
    effect: text(form, 'effect'),
    actions: actions.join(','),
    resourceTypes: text(form, 'resourceTypes'),
    conditions: conditionsText,
    enabled: checked(form, 'enabled') ? 'on' : '',
  };
  const input: Record<string, unknown> = {
    name: values.name,
    description: values.description,
    effect: values.effect,
    actions,
    resourceTypes: splitList(values.resourceTypes),
    enabled: checked(form, 'enabled'),
  };
  let conditionsNotJson = false;
  if (conditionsText.trim() !== '') {
    try {
      input.conditions = JSON.parse(conditionsText) as unknown;
    } catch {
      conditionsNotJson = true;
    }
  }
  return { values, input, conditionsNotJson };
}

/** Pattern mismatches in the policy form that have their own copy. */
export const policyFormats = { resourceTypes: 'fieldError.resourceType', conditions: 'fieldError.conditionFormat' } as const;

/**
 * Reads and checks a posted policy form with the contract's `PolicyInput`, as the API will:
 * the input to send, or the field errors (`conditions.0.value`, …) and what was typed.
 */
export function checkPolicyForm(
  form: FormData,
  t: Translate,
): { ok: true; input: PolicyInput; values: PolicyFormValues } | { ok: false; errors: FieldErrors; values: PolicyFormValues } {
  const { values, input, conditionsNotJson } = readPolicyForm(form);
  const parsed = PolicyInput.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error, t, { formats: policyFormats });
  if (conditionsNotJson) errors.conditions = t('fieldError.json');
  if (!parsed.success || conditionsNotJson) return { ok: false, errors, values };
  return { ok: true, input: parsed.data, values };
}

/**
 * `2026-03-01T14:30` from a `datetime-local` input, read as Taipei time → `2026-03-01T14:30:00+08:00`.
 * Taiwan keeps UTC+8 all year (no daylight saving), so the offset is fixed. Anything else is
 * returned as typed, for the schema to reject.
 */
export function taipeiLocalToIso(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  if (!match) return value;
  return `${match[1]}T${match[2]}${match[3] ?? ':00'}+08:00`;
}

export const decisionFields = [
  'userId',
  'action',
  'resource.type',
  'resource.id',
  'resource.ownerId',
  'resource.status',
  'resource.visibility',
  'resource.deleted',
  'context.ip',
  'context.time',
  'context.source',
] as const;

/**
 * Reads the "test a decision" form into the shape `DecisionRequest` validates. Field names are
 * the schema's paths (`resource.type`), so its errors land on the right inputs.
 */
export function readDecisionForm(form: FormData): Record<string, unknown> {
  const deleted = text(form, 'resource.deleted');
  const resource = {
    type: text(form, 'resource.type').trim(),
    id: optionalText(form, 'resource.id')?.trim(),
    ownerId: optionalText(form, 'resource.ownerId')?.trim(),
    status: optionalText(form, 'resource.status')?.trim(),
    visibility: optionalText(form, 'resource.visibility')?.trim(),
    deleted: deleted === 'true' ? true : deleted === 'false' ? false : undefined,
  };
  const time = optionalText(form, 'context.time');
  const context = {
    ip: optionalText(form, 'context.ip')?.trim(),
    time: time === undefined ? undefined : taipeiLocalToIso(time),
    source: optionalText(form, 'context.source')?.trim(),
  };
  const hasContext = Object.values(context).some((v) => v !== undefined);
  return {
    userId: optionalText(form, 'userId')?.trim() ?? null,
    action: text(form, 'action'),
    resource,
    ...(hasContext ? { context } : {}),
  };
}
