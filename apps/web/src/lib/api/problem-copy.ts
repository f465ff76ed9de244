import type { ErrorCode } from '@shop/contracts/errors';
import type { Translate } from '$lib/i18n';
import zhTW from '$lib/i18n/messages/zh-TW.json';
import { ApiError } from './client';

export type ProblemCopyCode = Exclude<keyof typeof zhTW.problem, 'generic'>;

/**
 * Codes with copy that the API does not answer with: the client's own (`NETWORK_ERROR`, and
 * `CONFLICT` for a 409 without a problem document), and those of the cart, order and payment
 * modules, written ahead of them.
 */
type WebOnlyCode = 'NETWORK_ERROR' | 'CONFLICT' | 'CART_EMPTY' | 'PAYMENT_FAILED' | 'ORDER_NOT_FOUND';

/** Copy keys that are neither an API code nor listed above: must be none. */
type UnknownCopyCode = Exclude<ProblemCopyCode, ErrorCode | WebOnlyCode>;
/** A misspelt code in the messages, or one the API no longer has, makes this fail the type check (naming it). */
const everyCopyCodeIsKnown: [UnknownCopyCode] extends [never] ? true : UnknownCopyCode = true;
void everyCopyCodeIsKnown;

const codes = new Set(Object.keys(zhTW.problem).filter((code) => code !== 'generic'));

function isCopyCode(code: string): code is ProblemCopyCode {
  return codes.has(code);
}

/** Message key of the user copy for a problem code; unknown codes get the generic copy. */
export function problemCopyKey(code: string): `problem.${ProblemCopyCode | 'generic'}` {
  return isCopyCode(code) ? `problem.${code}` : 'problem.generic';
}

/** Problem members that are not the problem's own facts, and names i18next reads as options (`count` pluralises). */
const notParams = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'code',
  'traceId',
  'count',
  'context',
  'lng',
  'ns',
  'defaultValue',
  'ordinal',
  'keyPrefix',
]);

/** Whole minutes left of a problem's `retryAfter` seconds (ACCOUNT_LOCKED), at least one. */
function minutesLeft(error: ApiError): number | undefined {
  const retryAfter = (error.document as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof retryAfter === 'number' && retryAfter > 0 ? Math.max(1, Math.ceil(retryAfter / 60)) : undefined;
}

/**
 * What to tell the user about a failed call (or anything thrown): translated, never internals. The
 * problem's own number and text members (`{ products: 3, value: 'navy' }`) fill the copy's
 * placeholders (`{{products}}`), and `retryAfter` as `{{minutes}}`.
 */
export function problemCopy(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return t(problemCopyKey('INTERNAL'));
  const params: Record<string, string | number> = {};
  const doc = error.document;
  if (doc && typeof doc === 'object') {
    for (const [key, value] of Object.entries(doc)) {
      if ((typeof value === 'number' || typeof value === 'string') && !notParams.has(key)) params[key] = value;
    }
  }
  const minutes = minutesLeft(error);
  if (minutes !== undefined) params.minutes = minutes;
  return t(problemCopyKey(error.code), params);
}
