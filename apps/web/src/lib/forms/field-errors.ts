import type { FieldError as ApiFieldError } from '@shop/contracts/problem';
import type { z } from 'zod';
import type { Translate } from '$lib/i18n';
import type zhTW from '$lib/i18n/messages/zh-TW.json';

/**
 * Field errors of a form, keyed by the field's path (`email`, `conditions.0.value`), already
 * translated. The key `form` holds an error that belongs to no single field.
 */
export type FieldErrors = Record<string, string>;

export type FieldErrorKey = `fieldError.${Exclude<keyof typeof zhTW.fieldError, 'custom' | 'tooShort' | 'tooLong' | 'tooFew' | 'tooMany'>}`;

export interface FieldErrorOptions {
  /**
   * Copy for a pattern mismatch per top-level field (`{ phone: 'fieldError.mobile' }`): a regex
   * alone cannot tell the user what shape is wanted.
   */
  formats?: Record<string, FieldErrorKey>;
}

/** `['conditions', 0, 'value']` → `conditions.0.value`; the empty path is the whole form. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'form' : path.map(String).join('.');
}

function formatKey(path: string, options: FieldErrorOptions): FieldErrorKey {
  const field = path.split('.')[0] ?? path;
  return options.formats?.[field] ?? 'fieldError.format';
}

/** Reasons the contracts' refinements give in `params.code` (the API sends them as the field error's code). */
const refinementKeys: Record<string, FieldErrorKey> = {
  unknown_city: 'fieldError.unknownCity',
  district_not_in_city: 'fieldError.districtNotInCity',
  postal_code_mismatch: 'fieldError.postalCodeMismatch',
  tax_id_checksum: 'fieldError.taxIdChecksum',
};

/** The translated message of one Zod issue. */
export function issueMessage(issue: z.core.$ZodIssue, t: Translate, options: FieldErrorOptions = {}): string {
  const path = issuePath(issue.path);
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('fieldError.required') : t('fieldError.tooShort', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return t('fieldError.tooFew', { min });
      return t('fieldError.tooSmall');
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('fieldError.tooLong', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return t('fieldError.tooMany', { max });
      return t('fieldError.tooBig');
    }
    case 'invalid_format':
      if (issue.format === 'email') return t('fieldError.email');
      if (issue.format === 'uuid' || issue.format === 'guid') return t('fieldError.uuid');
      if (issue.format === 'datetime') return t('fieldError.datetime');
      return t(formatKey(path, options));
    case 'invalid_value':
      return t('fieldError.choose');
    case 'invalid_type':
      // Forms send strings; a missing value is the usual cause.
      return issue.message.includes('received undefined') ? t('fieldError.required') : t('fieldError.invalid');
    case 'custom': {
      const reason = (issue.params as { code?: unknown } | undefined)?.code;
      const key = typeof reason === 'string' ? refinementKeys[reason] : undefined;
      return key ? t(key) : t('fieldError.custom', { detail: issue.message });
    }
    default:
      return t('fieldError.invalid');
  }
}

/** Field errors of a failed `safeParse`, the first issue per field winning. */
export function zodFieldErrors(error: z.ZodError, t: Translate, options: FieldErrorOptions = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issuePath(issue.path);
    errors[path] ??= issueMessage(issue, t, options);
  }
  return errors;
}

/** Codes the API adds to Zod's own in VALIDATION_FAILED field errors. */
const apiCodeKeys: Record<string, FieldErrorKey> = {
  password_too_common: 'fieldError.passwordTooCommon',
  password_mismatch: 'fieldError.passwordMismatch',
  password_unchanged: 'fieldError.passwordUnchanged',
  phone_taken: 'fieldError.phoneTaken',
  too_small: 'fieldError.tooSmall',
  too_big: 'fieldError.tooBig',
  invalid_value: 'fieldError.choose',
  invalid_type: 'fieldError.invalid',
  invalid_union: 'fieldError.invalid',
  ...refinementKeys,
};

/**
 * Field errors of the API's VALIDATION_FAILED problem: `body.email` becomes the form's `email`.
 * Errors outside the body (query, params) belong to the whole form.
 */
export function apiFieldErrors(items: readonly ApiFieldError[], t: Translate, options: FieldErrorOptions = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const item of items) {
    const path = item.path === 'body' ? 'form' : item.path.startsWith('body.') ? item.path.slice('body.'.length) : 'form';
    let message: string;
    if (item.code === 'invalid_format') message = t(formatKey(path, options));
    else if (item.code === 'custom') message = t('fieldError.custom', { detail: item.message });
    else message = t(apiCodeKeys[item.code] ?? 'fieldError.invalid');
    errors[path] ??= message;
  }
  return errors;
}

/**
 * The message to show next to the field `name`: its own error, or the errors of its parts
 * (`conditions.0.value` under `conditions`), each prefixed with where it is (`[0].value`).
 */
export function errorFor(errors: FieldErrors | null | undefined, name: string): string | undefined {
  if (!errors) return undefined;
  const own = errors[name];
  const nested = Object.entries(errors)
    .filter(([path]) => path.startsWith(`${name}.`))
    .map(([path, message]) => `${describePath(path.slice(name.length + 1))}: ${message}`);
  const all = [own, ...nested].filter((m): m is string => Boolean(m));
  return all.length > 0 ? all.join('; ') : undefined;
}

/** `0.value.1` → `[0].value[1]`, as one would write it in JavaScript. */
function describePath(path: string): string {
  return path
    .split('.')
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}
