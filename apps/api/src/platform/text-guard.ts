// Text PostgreSQL cannot store: a NUL character (refused by `text` and `jsonb`) or an unpaired
// UTF-16 surrogate (a `\ud800` JSON escape, refused by `jsonb`). Such text is never meant, so it
// is refused at the edge for every string of a request (keys included), before route validation,
// instead of each contract's string type having to remember it.
import type { FastifyRequest } from 'fastify';
import { ValidationError, type FieldIssue } from './errors.js';

const MESSAGE = 'Text may not contain NUL characters or unpaired surrogates.';
/** Enough to show the caller where; a body full of bad text needs no thousand entries. */
const MAX_ISSUES = 20;

// In a `u` regex a surrogate pair reads as one code point, so only unpaired halves match \p{Cs}.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** A child's path; past a few hundred characters (deep nesting) it stops growing. */
const join = (at: string, key: string | number) => (at.length < 300 ? `${at}.${key}` : at.endsWith('.…') ? at : `${at}.…`);

export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);

/**
 * Every string in `value` (object keys too) that PostgreSQL cannot store, as field issues under
 * `root` (`body.name.zh-TW`). Walks with its own stack: a deeply nested body cannot overflow it.
 */
export function unstorableText(value: unknown, root: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) issues.push({ path: at, code: 'invalid_text', message: MESSAGE });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(at, i)]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v)) {
        if (!isStorableText(k)) issues.push({ path: at, code: 'invalid_text', message: `A key: ${MESSAGE}` });
        else stack.push([child, join(at, k)]);
      }
    }
  }
  return issues;
}

/**
 * preValidation hook: 400 VALIDATION_FAILED when the path parameters, query, headers or parsed body
 * carry unstorable text. Multipart fields arrive later (in the handler); check them with
 * `unstorableText` there.
 */
export function refuseUnstorableText(req: FastifyRequest, _reply: unknown, done: (err?: Error) => void): void {
  const issues = [
    ...unstorableText(req.params, 'params'),
    ...unstorableText(req.query, 'querystring'),
    ...unstorableText(req.headers, 'headers'),
    ...unstorableText(req.body, 'body'),
  ];
  done(issues.length > 0 ? new ValidationError(issues) : undefined);
}
