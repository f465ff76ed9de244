import {
  AdminShippingMethod,
  AdminShippingMethodList,
  ShippingLocaleQuery,
  ShippingMethodInput,
  ShippingMethodList,
  ShippingMethodParams,
  ShippingMethodPatch,
  type ShippingLocale,
} from '@shop/contracts/shipping';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { acceptedValues } from '../../platform/accept.js';
import * as service from './shipping.service.js';
import type { ShippingMethod } from './shipping.types.js';

const NoContent = z.null().describe('No content');

/** `?locale=` wins; then the first zh or en of Accept-Language; else zh-TW. */
function resolveLocale(query: ShippingLocale | undefined, acceptLanguage: string | undefined): ShippingLocale {
  if (query) return query;
  for (const { value } of acceptedValues(acceptLanguage)) {
    if (value.startsWith('zh')) return 'zh-TW';
    if (value.startsWith('en')) return 'en';
  }
  return 'zh-TW';
}

const rules = (m: ShippingMethod) => ({
  id: m.id,
  code: m.code,
  kind: m.kind,
  carrier: m.carrier,
  sortOrder: m.sortOrder,
  fee: m.fee,
  freeShippingThreshold: m.freeShippingThreshold,
  islandSurcharge: m.islandSurcharge,
  maxWeightGrams: m.maxWeightGrams,
  maxSizeCm: m.maxSizeCm,
  minOrderAmount: m.minOrderAmount,
  maxOrderAmount: m.maxOrderAmount,
});

const toAdmin = (m: ShippingMethod): z.output<typeof AdminShippingMethod> => ({
  ...rules(m),
  name: m.name,
  active: m.active,
  unknownItemWeightGrams: m.unknownItemWeightGrams,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

/**
 * `GET /shipping-methods` (shoppers: the active methods, names in the request's language) and the
 * staff routes under `/admin/shipping-methods`. Fees of a cart are quoted on the server only, by the
 * cart with `quoteShipping`: no route takes amounts from a client.
 */
export const shippingRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/shipping-methods',
    {
      schema: {
        tags: ['shipping'],
        summary: 'The active shipping methods and the rules that set their fees',
        description: 'Names in `locale`, else the Accept-Language, else zh-TW. Amounts in TWD.',
        querystring: ShippingLocaleQuery,
        response: { 200: ShippingMethodList },
      },
    },
    async (req) => {
      const locale = resolveLocale(req.query.locale, req.headers['accept-language']);
      const methods = await service.listStorefrontMethods(db, { actor: req.actor, context: req.accessContext });
      return { locale, items: methods.map((m) => ({ ...rules(m), name: m.name[locale] })) };
    },
  );

  const adminRoutes: FastifyPluginAsyncZod = async (admin) => {
    const tags = ['admin: shipping'];
    admin.addHook('preHandler', admin.authenticate);

    admin.get(
      '/admin/shipping-methods',
      { schema: { tags, summary: 'Every shipping method, inactive ones too', response: { 200: AdminShippingMethodList } } },
      async (req) => ({
        items: (await service.listMethods(db, { actor: req.actor, context: req.accessContext })).map(toAdmin),
      }),
    );

    admin.post(
      '/admin/shipping-methods',
      { schema: { tags, summary: 'Add a shipping method', body: ShippingMethodInput, response: { 201: AdminShippingMethod } } },
      async (req, reply) =>
        reply.status(201).send(toAdmin(await service.createMethod(db, { actor: req.actor, context: req.accessContext, values: req.body }))),
    );

    admin.get(
      '/admin/shipping-methods/:id',
      { schema: { tags, summary: 'One shipping method', params: ShippingMethodParams, response: { 200: AdminShippingMethod } } },
      async (req) => toAdmin(await service.getMethod(db, { actor: req.actor, context: req.accessContext, methodId: req.params.id })),
    );

    admin.patch(
      '/admin/shipping-methods/:id',
      {
        schema: {
          tags,
          summary: 'Change some fields of a shipping method',
          description: 'The method with the changes merged is checked as a whole; null clears a nullable field.',
          params: ShippingMethodParams,
          body: ShippingMethodPatch,
          response: { 200: AdminShippingMethod },
        },
      },
      async (req) =>
        toAdmin(await service.updateMethod(db, { actor: req.actor, context: req.accessContext, methodId: req.params.id, patch: req.body })),
    );

    admin.delete(
      '/admin/shipping-methods/:id',
      {
        schema: {
          tags,
          summary: 'Deactivate a shipping method',
          description: 'The method stays (orders refer to it) but leaves the storefront; PATCH `active: true` brings it back.',
          params: ShippingMethodParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        await service.deactivateMethod(db, { actor: req.actor, context: req.accessContext, methodId: req.params.id });
        return reply.status(204).send(null);
      },
    );
  };
  // Its own context: the authentication hook covers the staff routes only.
  await app.register(adminRoutes);
};
