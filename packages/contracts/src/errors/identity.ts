/** Problem codes of the identity module: accounts, sign-in, sessions, profiles, addresses, staff user admin. */
export const IdentityErrorCodes = [
  'AUTH_INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'EMAIL_TAKEN',
  'PHONE_TAKEN',
  'TOKEN_INVALID',
  'USER_NOT_FOUND',
  /** Someone else's profile, hidden as not found. */
  'PROFILE_NOT_FOUND',
  'ADDRESS_NOT_FOUND',
  'SESSION_NOT_FOUND',
  'LAST_ADMIN',
  'CANNOT_DISABLE_SELF',
] as const;
export type IdentityErrorCode = (typeof IdentityErrorCodes)[number];
