/**
 * Problem codes the platform itself answers with: request parsing and validation, routing,
 * authentication and access checks, rate limits, access policies and the outbox's staff routes.
 */
export const PlatformErrorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_BODY',
  'MALFORMED_URL',
  'BAD_REQUEST',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'HOST_NOT_ALLOWED',
  'RATE_LIMITED',
  'AUTH_UNAUTHORIZED',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'PASSWORD_CHANGE_REQUIRED',
  'POLICY_NOT_FOUND',
  'POLICY_PROTECTED',
  'POLICY_BUILT_IN',
  'OUTBOX_EVENT_NOT_DEAD',
  'BUSY',
  // Shared by modules: an edit made on a stale version; a bulk import refused as a whole.
  'VERSION_CONFLICT',
  'IMPORT_INVALID',
  'INTERNAL',
] as const;
export type PlatformErrorCode = (typeof PlatformErrorCodes)[number];
