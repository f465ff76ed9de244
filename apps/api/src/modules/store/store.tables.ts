import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

type Localized = { 'zh-TW': string; en: string };

/**
 * The shop's own details: one row (id 1). Shoppers see the name, contact and company details in
 * the footer and on the legal pages. `version` goes up by one on every save (edits made on an
 * older version are refused).
 */
export const storeSettings = pgTable(
  'store_settings',
  {
    id: smallint().primaryKey().default(1),
    name: jsonb().$type<Localized>().notNull(),
    contactEmail: text(),
    phone: text(),
    serviceLine: text(),
    address: text(),
    businessHours: jsonb().$type<Localized>().notNull(),
    companyName: text(),
    /** 統一編號, checked on the way in. */
    taxId: text(),
    representative: text(),
    version: integer().notNull().default(1),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('store_settings_single_row', sql`${t.id} = 1`),
    check('store_settings_tax_id_ck', sql`${t.taxId} IS NULL OR ${t.taxId} ~ '^[0-9]{8}$'`),
    check('store_settings_version_ck', sql`${t.version} >= 1`),
  ],
);

/** The legal pages (terms, privacy, returns): their text in both languages, versioned like the settings. */
export const legalPages = pgTable(
  'legal_pages',
  {
    slug: text({ enum: ['terms', 'privacy', 'returns'] }).primaryKey(),
    body: jsonb().$type<Localized>().notNull(),
    version: integer().notNull().default(1),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('legal_pages_slug_ck', sql`${t.slug} IN ('terms', 'privacy', 'returns')`),
    check('legal_pages_version_ck', sql`${t.version} >= 1`),
  ],
);

/**
 * How shoppers may pay: one row (id 1), versioned like the shop's details. The switches say which
 * methods checkout offers (installment counts: a subset of 3, 6, 12; empty for none); the deadlines
 * are what ECPay's offline codes are issued with (ATM days, CVS minutes, barcode days).
 */
export const paymentSettings = pgTable(
  'payment_settings',
  {
    id: smallint().primaryKey().default(1),
    credit: boolean().notNull(),
    installments: smallint().array().notNull(),
    applePay: boolean().notNull(),
    atm: boolean().notNull(),
    cvs: boolean().notNull(),
    barcode: boolean().notNull(),
    bankTransfer: boolean().notNull(),
    cashOnDelivery: boolean().notNull(),
    atmDays: smallint().notNull(),
    cvsMinutes: integer().notNull(),
    barcodeDays: smallint().notNull(),
    version: integer().notNull().default(1),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('payment_settings_single_row', sql`${t.id} = 1`),
    check(
      'payment_settings_installments_ck',
      sql`${t.installments} <@ ARRAY[3, 6, 12]::smallint[] AND (cardinality(${t.installments}) = 0 OR ${t.credit})`,
    ),
    check(
      'payment_settings_any_method_ck',
      sql`${t.credit} OR ${t.applePay} OR ${t.atm} OR ${t.cvs} OR ${t.barcode} OR ${t.bankTransfer} OR ${t.cashOnDelivery}`,
    ),
    check('payment_settings_atm_days_ck', sql`${t.atmDays} BETWEEN 1 AND 60`),
    check('payment_settings_cvs_minutes_ck', sql`${t.cvsMinutes} BETWEEN 1 AND 43200`),
    check('payment_settings_barcode_days_ck', sql`${t.barcodeDays} BETWEEN 1 AND 30`),
    check('payment_settings_version_ck', sql`${t.version} >= 1`),
  ],
);
