/** Outbox event types of the identity module. */
export const IdentityEvents = { passwordResetRequested: 'password_reset.requested' } as const;

/** Someone asked for a reset link for `email` (which may name no account) at `requestedAt` (ISO). */
export interface PasswordResetRequestedPayload {
  email: string;
  requestedAt: string;
}
