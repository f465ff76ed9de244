import { fail, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { apiFieldErrors, type FieldErrorKey, type FieldErrorOptions, type FieldErrors } from '$lib/forms/field-errors';
import type { FormValues } from '$lib/forms/form-data';
import type { Translate } from '$lib/i18n';
import { loginPath } from './request';

/**
 * What a form action answers when it did not do its job: which form (a page may have several),
 * errors per field, what the user typed (never passwords) and a message for the whole form.
 */
export interface FormFailure {
  form: string;
  errors: FieldErrors;
  values: FormValues;
  message: string | null;
}

/** A form the user must fix: 400 with its field errors. */
export function invalid(form: string, errors: FieldErrors, values: FormValues, message: string | null = null) {
  return fail(400, { form, errors, values, message } satisfies FormFailure);
}

export interface ApiFailureOptions extends FieldErrorOptions {
  form: string;
  values: FormValues;
  t: Translate;
  url: URL;
  /** Problem codes that are about one field (`{ EMAIL_TAKEN: ['email', 'fieldError.emailTaken'] }`): the copy sits next to it. */
  fieldForCode?: Record<string, readonly [field: string, copy: FieldErrorKey]>;
}

/**
 * The failure of a form action whose API call failed. VALIDATION_FAILED maps `body.<field>` to
 * the form's fields; 401 (the session ended) goes to the login page; every other problem gets
 * its copy from problem-copy. Anything that is not an API error is rethrown.
 */
export function apiFailure(err: unknown, options: ApiFailureOptions) {
  if (!(err instanceof ApiError)) throw err;
  const { form, values, t, url } = options;
  if (err.code === 'AUTH_UNAUTHORIZED') redirect(303, loginPath(url));
  const errors = apiFieldErrors(err.problem.errors ?? [], t, options);
  const fieldCopy = options.fieldForCode?.[err.code];
  if (fieldCopy) errors[fieldCopy[0]] ??= t(fieldCopy[1]);
  const status = err.status >= 400 && err.status <= 599 ? err.status : 503;
  return fail(status, { form, errors, values, message: problemCopy(t, err) } satisfies FormFailure);
}
