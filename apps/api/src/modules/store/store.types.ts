import type { AdminLegalPage, LegalPageSlug, PaymentSettings, StoreSettings } from '@shop/contracts/store';
import type { AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth-types.js';

/** Who is asking, and from where: every use case authorizes with these. */
export interface StoreCall {
  actor: Actor | null;
  context: AccessContext;
}

/** The shop's details; `version` 0 and no `updatedAt` while only the built-in defaults exist. */
export type StoreSettingsView = Omit<StoreSettings, 'updatedAt'> & { updatedAt: Date | null };

/** A legal page in both languages; `version` 0 while it has the built-in text and no row. */
export type LegalPageView = Omit<AdminLegalPage, 'updatedAt'> & { slug: LegalPageSlug; updatedAt: Date | null };

/** The payment settings; `version` 0 and no `updatedAt` while only the built-in defaults exist. */
export type PaymentSettingsView = Omit<PaymentSettings, 'updatedAt'> & { updatedAt: Date | null };
