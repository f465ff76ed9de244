import { PolicyInput, type Condition, type Policy } from '@shop/contracts/access';
import type { Translate } from '$lib/i18n';
import { zodFieldErrors, type FieldErrors } from '$lib/forms/field-errors';
import { checked, optionalText, text, type FormValues } from '$lib/forms/form-data';

/**
 * The policy form as typed: actions comma-joined; conditions either as rows of fields
 * (`cond.0.attr`, `cond.0.op`, `cond.0.value`, `cond.0.ref`, `cond.0.timeZone`; `conditionsMode`
 * `form`) or as the JSON text (`conditions`; `conditionsMode` `json`, for power users).
 */
export interface PolicyFormValues extends FormValues {
  name: string;
  description: string;
  effect: string;
  actions: string;
  resourceTypes: string;
  conditions: string;
  conditionsMode: string;
  enabled: string;
}

export const emptyPolicyValues: PolicyFormValues = {
  name: '',
  description: '',
  effect: 'allow',
  actions: '',
  resourceTypes: '',
  conditions: '[]',
  conditionsMode: 'form',
  enabled: 'on',
};

export function policyToValues(policy: Policy): PolicyFormValues {
  const rows = policy.conditions.every(fitsRow) ? policy.conditions.map(conditionToRow) : undefined;
  return {
    name: policy.name,
    description: policy.description,
    effect: policy.effect,
    actions: policy.actions.join(','),
    resourceTypes: policy.resourceTypes.join(', '),
    conditions: JSON.stringify(policy.conditions, null, 2),
    // A condition the rows cannot show as it is (a number compared) opens in JSON.
    conditionsMode: rows ? 'form' : 'json',
    ...(rows ? rowsToValues(rows) : {}),
    enabled: policy.enabled ? 'on' : '',
  };
}

// ---------- conditions as rows of fields ----------

/** The operators, in the order the form offers them. */
export const conditionOps = ['eq', 'ne', 'in', 'notIn', 'contains', 'exists', 'between', 'inCidr'] as const;

/** One condition as the form shows it: every value as text. `ref` (eq/ne) compares with another attribute instead. */
export interface ConditionRow {
  attr: string;
  op: string;
  value: string;
  ref: string;
  timeZone: string;
}

export const emptyConditionRow: ConditionRow = { attr: '', op: 'eq', value: '', ref: '', timeZone: '' };
const rowFields = ['attr', 'op', 'value', 'ref', 'timeZone'] as const;

/** Attributes whose values are true/false rather than text. */
const booleanAttrs = new Set(['subject.active', 'resource.deleted']);

function fitsRow(c: Condition): boolean {
  if (c.op !== 'eq' && c.op !== 'ne' && c.op !== 'in' && c.op !== 'notIn') return true;
  const values = c.op === 'in' || c.op === 'notIn' ? c.value : c.value === undefined ? [] : [c.value];
  return values.every((v) => (booleanAttrs.has(c.attr) ? typeof v === 'boolean' : typeof v === 'string'));
}

export function conditionToRow(c: Condition): ConditionRow {
  const row = { ...emptyConditionRow, attr: c.attr, op: c.op };
  switch (c.op) {
    case 'eq':
    case 'ne':
      return c.ref !== undefined ? { ...row, ref: c.ref } : { ...row, value: String(c.value ?? '') };
    case 'in':
    case 'notIn':
    case 'inCidr':
      return { ...row, value: c.value.map(String).join(', ') };
    case 'contains':
      return { ...row, value: c.value };
    case 'exists':
      return row;
    case 'between':
      return { ...row, value: `${c.value[0]}-${c.value[1]}`, timeZone: c.timeZone };
  }
}

/**
 * A row as the condition `Condition` validates, or undefined for a row left without an attribute
 * (the blank row at the end, or one the user cleared to remove it).
 */
export function rowToCondition(row: ConditionRow): Record<string, unknown> | undefined {
  if (row.attr.trim() === '') return undefined;
  const scalar = (text: string) => (booleanAttrs.has(row.attr) && (text === 'true' || text === 'false') ? text === 'true' : text);
  const value = row.value.trim();
  const base = { attr: row.attr, op: row.op };
  switch (row.op) {
    case 'eq':
    case 'ne':
      return row.ref !== '' ? { ...base, ref: row.ref } : { ...base, ...(value === '' ? {} : { value: scalar(value) }) };
    case 'in':
    case 'notIn':
      return { ...base, value: splitList(value).map(scalar) };
    case 'inCidr':
      return { ...base, value: splitList(value) };
    case 'between':
      return { ...base, value: value.split(/\s*[-–~～]\s*/), ...(row.timeZone.trim() ? { timeZone: row.timeZone.trim() } : {}) };
    case 'exists':
      return base;
    default:
      return { ...base, value };
  }
}

export function rowsToValues(rows: readonly ConditionRow[]): FormValues {
  const values: FormValues = {};
  rows.forEach((row, i) => {
    for (const field of rowFields) values[`cond.${i}.${field}`] = row[field];
  });
  return values;
}

/** The rows in posted form fields or in form values (`cond.<i>.<field>`), in index order. */
export function rowsFrom(source: FormData | FormValues): ConditionRow[] {
  const get = (key: string) => {
    const v = source instanceof FormData ? source.get(key) : source[key];
    return typeof v === 'string' ? v : undefined;
  };
  const keys = source instanceof FormData ? [...source.keys()] : Object.keys(source);
  const indexes = [
    ...new Set(
      keys
        .map((k) => /^cond\.(\d{1,2})\./.exec(k)?.[1])
        .filter((i) => i !== undefined)
        .map(Number),
    ),
  ].sort((a, b) => a - b);
  return indexes.map((i) => {
    const row = { ...emptyConditionRow };
    for (const field of rowFields) row[field] = get(`cond.${i}.${field}`) ?? '';
    return row;
  });
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
  const rowsMode = text(form, 'conditionsMode') === 'form';
  // In rows mode the JSON is made from the rows, so switching to the JSON view shows what was sent.
  const rows = rowsMode ? rowsFrom(form) : [];
  const fromRows = rows.map(rowToCondition).filter((c) => c !== undefined);
  const conditionsText = rowsMode ? JSON.stringify(fromRows, null, 2) : text(form, 'conditions');
  const values: PolicyFormValues = {
    name: text(form, 'name'),
    description: text(form, 'description'),
    effect: text(form, 'effect'),
    actions: actions.join(','),
    resourceTypes: text(form, 'resourceTypes'),
    conditions: conditionsText,
    conditionsMode: rowsMode ? 'form' : 'json',
    ...rowsToValues(rows),
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
  let errors: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error, t, { formats: policyFormats });
  if (values.conditionsMode === 'form') errors = errorsOnRows(errors, rowsFrom(values));
  if (conditionsNotJson) errors.conditions = t('fieldError.json');
  if (!parsed.success || conditionsNotJson) return { ok: false, errors, values };
  return { ok: true, input: parsed.data, values };
}

/**
 * Moves errors of `conditions.<k>…` (the k-th condition sent) onto the row it came from
 * (`cond.<i>`, blank rows being skipped), one message per row.
 */
function errorsOnRows(errors: FieldErrors, rows: readonly ConditionRow[]): FieldErrors {
  const rowOf = rows.flatMap((row, i) => (rowToCondition(row) ? [i] : []));
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^conditions\.(\d+)(\.|$)/.exec(key);
    const row = m ? rowOf[Number(m[1])] : undefined;
    if (row === undefined) out[key] = message;
    else out[`cond.${row}`] ??= message;
  }
  return out;
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
  'userEmail',
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

/**
 * The user a "test a decision" email names: the one whose address matches whole, in any case
 * (the user search also finds partial matches in names and phones).
 */
export function userWithEmail<T extends { email: string }>(candidates: readonly T[], email: string): T | undefined {
  const wanted = email.trim().toLowerCase();
  return candidates.find((user) => user.email.toLowerCase() === wanted);
}
