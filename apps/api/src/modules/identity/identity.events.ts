import { z } from 'zod';
import { defineEvent, type EventPayload } from '../../platform/events.js';

/** Outbox events of the identity module. */
export const IdentityEvents = {
  /** Someone asked for a reset link for `email` (which may name no account) at `requestedAt` (ISO). */
  passwordResetRequested: defineEvent(
    'password_reset.requested',
    z.object({
      email: z.string().min(1),
      requestedAt: z.iso.datetime(),
    }),
  ),
} as const;

export type PasswordResetRequestedPayload = EventPayload<typeof IdentityEvents.passwordResetRequested>;
