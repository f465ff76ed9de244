// The shop's details and legal pages: staff read and save them (each save on the version it
// read), shoppers read what the storefront shows.
import type { InstallmentCount } from '@shop/contracts/payments';
import { isLegalPageSlug, type LegalPageSlug, type PaymentSettingsValues, type StoreSettingsValues } from '@shop/contracts/store';
import type { Db } from '../../db/client.js';
import { authorize } from '../../platform/access.js';
import { AppError, NotFoundError } from '../../platform/errors.js';
import { appendEvent } from '../../platform/events.js';
import { withTx } from '../../platform/tx.js';
import { DEFAULT_LEGAL_PAGES, DEFAULT_PAYMENT_SETTINGS, DEFAULT_STORE_SETTINGS } from './store.defaults.js';
import { StoreEvents } from './store.events.js';
import * as repo from './store.repo.js';
import type { LegalPageView, PaymentSettingsView, StoreCall, StoreSettingsView } from './store.types.js';

const RESOURCE = 'store_settings';

const conflict = (what: string, currentVersion: number) =>
  new AppError('VERSION_CONFLICT', 409, `Someone saved ${what} after you opened it; reload and apply your changes again.`, {
    currentVersion,
  });

const pageNotFound = (slug: string) => new NotFoundError('legal page', slug, 'LEGAL_PAGE_NOT_FOUND');

function settingsView(row: repo.SettingsRow | undefined): StoreSettingsView {
  if (!row) return { ...DEFAULT_STORE_SETTINGS, version: 0, updatedAt: null };
  return {
    name: row.name,
    contactEmail: row.contactEmail,
    phone: row.phone,
    serviceLine: row.serviceLine,
    address: row.address,
    businessHours: row.businessHours,
    companyName: row.companyName,
    taxId: row.taxId,
    representative: row.representative,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

function pageView(slug: LegalPageSlug, row: repo.LegalPageRow | undefined): LegalPageView {
  if (!row) return { slug, body: { ...DEFAULT_LEGAL_PAGES[slug] }, version: 0, updatedAt: null };
  return { slug, body: row.body, version: row.version, updatedAt: row.updatedAt };
}

const actorId = (call: StoreCall) => call.actor?.userId ?? null;

/** The shop's details for the storefront (anyone may read them, by the default policies). */
export async function getPublicStore(db: Db, call: StoreCall): Promise<StoreSettingsView> {
  await authorize(db, { ...call, action: 'read', resource: { type: RESOURCE, visibility: 'public' } });
  return settingsView(await repo.findSettings(db));
}

/** The shop's details for staff, with the version to save on. */
export async function getSettings(db: Db, call: StoreCall): Promise<StoreSettingsView> {
  await authorize(db, { ...call, action: 'read', resource: { type: RESOURCE } });
  return settingsView(await repo.findSettings(db));
}

/**
 * Replaces the shop's details when `version` is the current one (0: none saved yet); otherwise
 * 409 VERSION_CONFLICT with `currentVersion`. One conditional write and its outbox event.
 */
export async function saveSettings(
  db: Db,
  input: StoreCall & { version: number; values: StoreSettingsValues },
): Promise<StoreSettingsView> {
  await authorize(db, { ...input, action: 'update', resource: { type: RESOURCE } });
  const updatedBy = actorId(input);
  const row = await withTx(db, async (tx) => {
    const values = { ...input.values, updatedBy };
    const saved =
      input.version === 0
        ? (await repo.insertSettingsIfAbsent(tx, values)) && (await repo.findSettings(tx))
        : await repo.updateSettingsAt(tx, input.version, values);
    if (!saved) throw conflict('the shop details', await repo.currentSettingsVersion(tx));
    await appendEvent(tx, StoreEvents.settingsUpdated, {
      aggregateId: 'settings',
      payload: { actorId: updatedBy, version: saved.version },
    });
    return saved;
  });
  return settingsView(row);
}

/** A legal page for shoppers; an unknown slug is 404 LEGAL_PAGE_NOT_FOUND. */
export async function getPublicPage(db: Db, input: StoreCall & { slug: string }): Promise<LegalPageView> {
  await authorize(db, { ...input, action: 'read', resource: { type: RESOURCE, id: input.slug, visibility: 'public' } });
  if (!isLegalPageSlug(input.slug)) throw pageNotFound(input.slug);
  return pageView(input.slug, await repo.findPage(db, input.slug));
}

/** A legal page for staff, both languages and the version to save on. */
export async function getPage(db: Db, input: StoreCall & { slug: string }): Promise<LegalPageView> {
  await authorize(db, { ...input, action: 'read', resource: { type: RESOURCE, id: input.slug } });
  if (!isLegalPageSlug(input.slug)) throw pageNotFound(input.slug);
  return pageView(input.slug, await repo.findPage(db, input.slug));
}

/** Replaces a legal page's texts when `version` is the current one; otherwise 409 VERSION_CONFLICT. */
export async function savePage(
  db: Db,
  input: StoreCall & { slug: string; version: number; body: { 'zh-TW': string; en: string } },
): Promise<LegalPageView> {
  await authorize(db, { ...input, action: 'update', resource: { type: RESOURCE, id: input.slug } });
  const { slug } = input;
  if (!isLegalPageSlug(slug)) throw pageNotFound(slug);
  const updatedBy = actorId(input);
  const row = await withTx(db, async (tx) => {
    const saved =
      input.version === 0
        ? (await repo.insertPageIfAbsent(tx, { slug, body: input.body, updatedBy })) && (await repo.findPage(tx, slug))
        : await repo.updatePageAt(tx, slug, input.version, { body: input.body, updatedBy });
    if (!saved) throw conflict('this page', await repo.currentPageVersion(tx, slug));
    await appendEvent(tx, StoreEvents.legalPageUpdated, {
      aggregateId: slug,
      payload: { slug, actorId: updatedBy, version: saved.version },
    });
    return saved;
  });
  return pageView(slug, row);
}

/**
 * Writes the default details and legal pages that are absent (a shop that saved its own keeps
 * them). Each insert does nothing on an existing row, so starts running at once add each row once.
 * Resolves what it added.
 */
export async function seedStoreDefaults(db: Db): Promise<{ settings: boolean; pages: LegalPageSlug[] }> {
  const settings = await repo.insertSettingsIfAbsent(db, { ...DEFAULT_STORE_SETTINGS, updatedBy: null });
  const pages: LegalPageSlug[] = [];
  for (const slug of Object.keys(DEFAULT_LEGAL_PAGES) as LegalPageSlug[]) {
    if (await repo.insertPageIfAbsent(db, { slug, body: DEFAULT_LEGAL_PAGES[slug] })) pages.push(slug);
  }
  return { settings, pages };
}

// ---------- payment settings ----------

const COUNTS: readonly number[] = [3, 6, 12];

function paymentSettingsView(row: repo.PaymentSettingsRow | undefined): PaymentSettingsView {
  if (!row) return { ...DEFAULT_PAYMENT_SETTINGS, installments: [...DEFAULT_PAYMENT_SETTINGS.installments], version: 0, updatedAt: null };
  return {
    credit: row.credit,
    installments: row.installments.filter((n): n is InstallmentCount => COUNTS.includes(n)).sort((a, b) => a - b),
    applePay: row.applePay,
    atm: row.atm,
    cvs: row.cvs,
    barcode: row.barcode,
    bankTransfer: row.bankTransfer,
    cashOnDelivery: row.cashOnDelivery,
    atmDays: row.atmDays,
    cvsMinutes: row.cvsMinutes,
    barcodeDays: row.barcodeDays,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/**
 * The payment settings as they are now, for checkout and for starting ECPay payments (no access
 * check: the caller's own use case has made it). A plain read, in a transaction when given one.
 */
export async function currentPaymentSettings(db: Parameters<typeof repo.findPaymentSettings>[0]): Promise<PaymentSettingsView> {
  return paymentSettingsView(await repo.findPaymentSettings(db));
}

/** What checkout offers, for the storefront (anyone may read it, by the default policies). */
export async function getPublicPaymentSettings(db: Db, call: StoreCall): Promise<PaymentSettingsView> {
  await authorize(db, { ...call, action: 'read', resource: { type: RESOURCE, id: 'payments', visibility: 'public' } });
  return currentPaymentSettings(db);
}

/** The payment settings for staff, with the version to save on. */
export async function getPaymentSettings(db: Db, call: StoreCall): Promise<PaymentSettingsView> {
  await authorize(db, { ...call, action: 'read', resource: { type: RESOURCE, id: 'payments' } });
  return currentPaymentSettings(db);
}

/**
 * Replaces the payment settings when `version` is the current one (0: none saved yet); otherwise
 * 409 VERSION_CONFLICT with `currentVersion`. One conditional write and its outbox event.
 */
export async function savePaymentSettings(
  db: Db,
  input: StoreCall & { version: number; values: PaymentSettingsValues },
): Promise<PaymentSettingsView> {
  await authorize(db, { ...input, action: 'update', resource: { type: RESOURCE, id: 'payments' } });
  const updatedBy = actorId(input);
  const row = await withTx(db, async (tx) => {
    const values = { ...input.values, installments: [...input.values.installments], updatedBy };
    const saved =
      input.version === 0
        ? (await repo.insertPaymentSettingsIfAbsent(tx, values)) && (await repo.findPaymentSettings(tx))
        : await repo.updatePaymentSettingsAt(tx, input.version, values);
    if (!saved) throw conflict('the payment settings', await repo.currentPaymentSettingsVersion(tx));
    await appendEvent(tx, StoreEvents.paymentSettingsUpdated, {
      aggregateId: 'payments',
      payload: { actorId: updatedBy, version: saved.version },
    });
    return saved;
  });
  return paymentSettingsView(row);
}
