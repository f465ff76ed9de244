import { z } from 'zod';
import { defineEvent } from '../../platform/events.js';

/** Outbox events of staff edits to the shop's details and legal pages (the audit trail, and a signal to drop cached copies). */
export const StoreEvents = {
  settingsUpdated: defineEvent('store.settings_updated', z.object({ actorId: z.uuid().nullable(), version: z.number().int() })),
  legalPageUpdated: defineEvent(
    'store.legal_page_updated',
    z.object({ slug: z.enum(['terms', 'privacy', 'returns']), actorId: z.uuid().nullable(), version: z.number().int() }),
  ),
  paymentSettingsUpdated: defineEvent(
    'store.payment_settings_updated',
    z.object({ actorId: z.uuid().nullable(), version: z.number().int() }),
  ),
} as const;
