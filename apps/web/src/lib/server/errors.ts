import { ApiError } from '$lib/api/client';

/**
 * What the error page receives for an unexpected error: a generic message, the problem code when
 * an API call failed (so the page can show its copy) and a trace id for support. Never the error's
 * own message or stack.
 */
export function toPublicError(error: unknown, status: number, requestId: string): App.Error {
  if (error instanceof ApiError) return { message: 'API error', code: error.code, traceId: error.traceId };
  return { message: status === 404 ? 'Not Found' : 'Internal Error', traceId: requestId };
}
