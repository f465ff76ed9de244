import {
  AdminLegalPage,
  LegalPage,
  LegalPageInput,
  LegalPageParams,
  PaymentSettings,
  PaymentSettingsInput,
  PublicPaymentSettings,
  PublicStore,
  StoreLocaleQuery,
  StoreSettings,
  StoreSettingsInput,
  type StoreLocale,
} from '@shop/contracts/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { acceptedValues } from '../../platform/accept.js';
import * as service from './store.service.js';
import type { LegalPageView, PaymentSettingsView, StoreSettingsView } from './store.types.js';

/** Shoppers' copies may be a minute old; staff edits show everywhere within that. */
const PUBLIC_CACHE = 'public, max-age=60';

/** `?locale=` wins; then the first zh or en of Accept-Language; else zh-TW. */
function resolveLocale(query: StoreLocale | undefined, acceptLanguage: string | undefined): StoreLocale {
  if (query) return query;
  for (const { value } of acceptedValues(acceptLanguage)) {
    if (value.startsWith('zh')) return 'zh-TW';
    if (value.startsWith('en')) return 'en';
  }
  return 'zh-TW';
}

/** English left empty shows the zh-TW. */
const withFallback = (text: { 'zh-TW': string; en: string }) => ({ 'zh-TW': text['zh-TW'], en: text.en || text['zh-TW'] });

const toAdminSettings = (s: StoreSettingsView): z.output<typeof StoreSettings> => ({ ...s, updatedAt: s.updatedAt?.toISOString() ?? null });

const toPublicStore = (s: StoreSettingsView): z.output<typeof PublicStore> => ({
  name: withFallback(s.name),
  contactEmail: s.contactEmail,
  phone: s.phone,
  serviceLine: s.serviceLine,
  address: s.address,
  businessHours: withFallback(s.businessHours),
  company: { name: s.companyName, taxId: s.taxId, representative: s.representative },
});

const toAdminPayments = (p: PaymentSettingsView): z.output<typeof PaymentSettings> => ({
  ...p,
  updatedAt: p.updatedAt?.toISOString() ?? null,
});

const toPublicPayments = (p: PaymentSettingsView): z.output<typeof PublicPaymentSettings> => ({
  credit: p.credit,
  installments: p.installments,
  applePay: p.applePay,
  atm: p.atm,
  cvs: p.cvs,
  barcode: p.barcode,
  bankTransfer: p.bankTransfer,
  cashOnDelivery: p.cashOnDelivery,
  atmDays: p.atmDays,
  cvsMinutes: p.cvsMinutes,
  barcodeDays: p.barcodeDays,
});

const toAdminPage = (p: LegalPageView): z.output<typeof AdminLegalPage> => ({ ...p, updatedAt: p.updatedAt?.toISOString() ?? null });

/** Sends `body` with a version ETag and a short public cache; 304 when the client has it. */
function cached<T>(req: FastifyRequest, reply: FastifyReply, etag: string, body: T): T | FastifyReply {
  reply.header('etag', etag).header('cache-control', PUBLIC_CACHE).header('vary', 'Accept-Language');
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    return reply.status(304).send();
  }
  return body;
}

/**
 * `GET /store` and `GET /store/pages/:slug` (shoppers) and the staff routes under `/admin/store`.
 * Saves carry the version the editor read: a stale one is 409 VERSION_CONFLICT.
 */
export const storeRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/store',
    {
      schema: {
        tags: ['store'],
        summary: "The shop's name, contact details and company information",
        description: 'What the storefront footer and legal pages show, both languages at once (English left empty falls back to zh-TW).',
        response: { 200: PublicStore },
      },
    },
    async (req, reply) => {
      const store = await service.getPublicStore(db, { actor: req.actor, context: req.accessContext });
      return cached(req, reply, `"store-${store.version}"`, toPublicStore(store));
    },
  );

  app.get(
    '/store/payments',
    {
      schema: {
        tags: ['store'],
        summary: 'The ways to pay checkout offers',
        description:
          'Which methods the shop offers (ECPay card, its installment counts, Apple Pay, ATM, store code, barcode; bank transfer; cash on delivery, for orders that ship) and how long ECPay’s ATM and store codes stay payable. Checkout refuses any other with 422 CHECKOUT_PAYMENT_METHOD_UNAVAILABLE.',
        response: { 200: PublicPaymentSettings },
      },
    },
    async (req, reply) => {
      const settings = await service.getPublicPaymentSettings(db, { actor: req.actor, context: req.accessContext });
      return cached(req, reply, `"payments-${settings.version}"`, toPublicPayments(settings));
    },
  );

  app.get(
    '/store/pages/:slug',
    {
      schema: {
        tags: ['store'],
        summary: 'A legal page: terms, privacy or returns',
        description:
          'The text in `locale`, else the Accept-Language, else zh-TW (English left empty falls back to zh-TW). Plain text: paragraphs separated by blank lines, `## ` headings, `- ` and `1. ` list items; no HTML. 404 LEGAL_PAGE_NOT_FOUND for another slug.',
        params: LegalPageParams,
        querystring: StoreLocaleQuery,
        response: { 200: LegalPage },
      },
    },
    async (req, reply) => {
      const locale = resolveLocale(req.query.locale, req.headers['accept-language']);
      const page = await service.getPublicPage(db, { actor: req.actor, context: req.accessContext, slug: req.params.slug });
      const body = {
        slug: page.slug,
        locale,
        body: page.body[locale] || page.body['zh-TW'],
        version: page.version,
        updatedAt: page.updatedAt?.toISOString() ?? null,
      };
      return cached(req, reply, `"page-${page.slug}-${locale}-${page.version}"`, body);
    },
  );

  const adminRoutes: FastifyPluginAsyncZod = async (admin) => {
    const tags = ['admin: store'];
    admin.addHook('preHandler', admin.authenticate);

    admin.get(
      '/admin/store/settings',
      { schema: { tags, summary: "The shop's details, with the version to save on", response: { 200: StoreSettings } } },
      async (req) => toAdminSettings(await service.getSettings(db, { actor: req.actor, context: req.accessContext })),
    );

    admin.put(
      '/admin/store/settings',
      {
        schema: {
          tags,
          summary: "Replace the shop's details",
          description:
            'Every field; empty optional fields are stored as null. 統一編號 must be 8 digits with a valid check digit (field error `tax_id_checksum`). `version` is the one read: 409 VERSION_CONFLICT (with `currentVersion`) when someone saved in between.',
          body: StoreSettingsInput,
          response: { 200: StoreSettings },
        },
      },
      async (req) => {
        const { version, ...values } = req.body;
        return toAdminSettings(await service.saveSettings(db, { actor: req.actor, context: req.accessContext, version, values }));
      },
    );

    admin.get(
      '/admin/store/payments',
      { schema: { tags, summary: 'The payment settings, with the version to save on', response: { 200: PaymentSettings } } },
      async (req) => toAdminPayments(await service.getPaymentSettings(db, { actor: req.actor, context: req.accessContext })),
    );

    admin.put(
      '/admin/store/payments',
      {
        schema: {
          tags,
          summary: 'Replace the payment settings',
          description:
            'Every switch and deadline. At least one way to pay (field error `no_payment_method`); installments (3, 6, 12) only with the card (`installments_need_card`). ATM 1–60 days, store code 1–43200 minutes, barcode 1–30 days. `version` is the one read: 409 VERSION_CONFLICT (with `currentVersion`) when someone saved in between.',
          body: PaymentSettingsInput,
          response: { 200: PaymentSettings },
        },
      },
      async (req) => {
        const { version, ...values } = req.body;
        return toAdminPayments(await service.savePaymentSettings(db, { actor: req.actor, context: req.accessContext, version, values }));
      },
    );

    admin.get(
      '/admin/store/pages/:slug',
      {
        schema: {
          tags,
          summary: 'A legal page in both languages, with the version to save on',
          params: LegalPageParams,
          response: { 200: AdminLegalPage },
        },
      },
      async (req) => toAdminPage(await service.getPage(db, { actor: req.actor, context: req.accessContext, slug: req.params.slug })),
    );

    admin.put(
      '/admin/store/pages/:slug',
      {
        schema: {
          tags,
          summary: "Replace a legal page's texts",
          description:
            'zh-TW required, English optional (shoppers then see the zh-TW). `version` is the one read: 409 VERSION_CONFLICT (with `currentVersion`) when someone saved in between.',
          params: LegalPageParams,
          body: LegalPageInput,
          response: { 200: AdminLegalPage },
        },
      },
      async (req) =>
        toAdminPage(
          await service.savePage(db, {
            actor: req.actor,
            context: req.accessContext,
            slug: req.params.slug,
            version: req.body.version,
            body: req.body.body,
          }),
        ),
    );
  };
  // Its own context: the authentication hook covers the staff routes only.
  await app.register(adminRoutes);
};
