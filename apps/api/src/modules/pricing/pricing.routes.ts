import {
  AdminPromotion,
  CouponCodeCsvQuery,
  CouponCodeList,
  CouponCodeListQuery,
  CouponCodesCreated,
  CouponCodesInput,
  PricingSettings,
  PricingSettingsInput,
  PromotionInput,
  PromotionList,
  PromotionListQuery,
  PromotionPatch,
  PromotionRule,
  PromotionScope,
  type AdminCouponCode,
} from '@shop/contracts/pricing';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import * as staff from './promotions.service.js';
import type { PromotionAction } from './promotion-status.js';

const IdParams = z.object({ id: z.uuid() });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toPromotion = (p: staff.PromotionView): z.output<typeof AdminPromotion> => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  description: p.description ?? null,
  isCoupon: p.isCoupon,
  // Stored through the same schema; parsing again gives the response its exact type.
  rule: PromotionRule.parse(p.rule),
  scope: PromotionScope.parse(p.scope),
  priority: p.priority,
  exclusive: p.exclusive,
  startsAt: iso(p.startsAt),
  endsAt: iso(p.endsAt),
  status: p.status,
  totalLimit: p.totalLimit,
  perCustomerLimit: p.perCustomerLimit,
  uses: p.uses,
  discountGiven: p.discountGiven,
  remainingUses: p.totalLimit === null ? null : Math.max(0, p.totalLimit - p.uses),
  codeCount: p.codeCount,
  createdBy: p.createdBy,
  updatedBy: p.updatedBy,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
  version: p.version,
});

const toCode = (c: staff.CouponCodeView): z.output<typeof AdminCouponCode> => ({
  id: c.id,
  code: c.code,
  batchId: c.batchId,
  singleUse: c.singleUse,
  uses: c.uses,
  createdAt: c.createdAt.toISOString(),
});

const toSettings = (s: staff.PricingSettingsView) => ({
  stackingPolicy: s.stackingPolicy,
  updatedAt: iso(s.updatedAt),
  updatedBy: s.updatedBy,
});

const TRANSITIONS: Array<{ action: PromotionAction; summary: string }> = [
  { action: 'pause', summary: 'Pause a promotion (active → paused): no longer offered nor redeemed' },
  { action: 'resume', summary: 'Resume a paused promotion (paused → active)' },
  { action: 'archive', summary: 'Archive a promotion (active or paused → archived, final)' },
];

/** Staff routes under `/admin`: promotions, their coupon codes, and the store's stacking policy. */
export const pricingAdminRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['admin: promotions'];
  const deps = { db };
  app.addHook('preHandler', app.authenticate);

  app.get(
    '/admin/promotions',
    {
      schema: {
        tags,
        summary: 'Find promotions by status, kind, coupon or automatic; with uses and money given so far',
        querystring: PromotionListQuery,
        response: { 200: PromotionList },
      },
    },
    async (req) => {
      const { rows, total } = await staff.listPromotions(deps, { actor: req.actor, context: req.accessContext, ...req.query });
      return { items: rows.map(toPromotion), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/admin/promotions',
    {
      schema: {
        tags,
        summary: 'Create a promotion or a coupon',
        description:
          'Each kind has its own fields under `rule`. 400 VALIDATION_FAILED names each bad field, also `endsAt` not after `startsAt` and a coupon of a kind a coupon cannot be.',
        body: PromotionInput,
        response: { 201: AdminPromotion },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(toPromotion(await staff.createPromotion(deps, { actor: req.actor, context: req.accessContext, values: req.body }))),
  );

  app.get(
    '/admin/promotions/:id',
    { schema: { tags, summary: 'One promotion', params: IdParams, response: { 200: AdminPromotion } } },
    async (req) =>
      toPromotion(await staff.getPromotion(deps, { actor: req.actor, context: req.accessContext, promotionId: req.params.id })),
  );

  app.patch(
    '/admin/promotions/:id',
    {
      schema: {
        tags,
        summary: 'Edit a promotion (send the version you read)',
        description:
          'Only the fields sent change. 409 VERSION_CONFLICT (with `currentVersion`) when someone saved in between; 409 PROMOTION_ARCHIVED for an archived one; 400 for another kind or a total limit below the uses counted.',
        params: IdParams,
        body: PromotionPatch,
        response: { 200: AdminPromotion },
      },
    },
    async (req) =>
      toPromotion(
        await staff.updatePromotion(deps, { actor: req.actor, context: req.accessContext, promotionId: req.params.id, patch: req.body }),
      ),
  );

  for (const t of TRANSITIONS) {
    app.post(
      `/admin/promotions/:id/${t.action}`,
      {
        schema: {
          tags,
          summary: t.summary,
          description: '409 PROMOTION_TRANSITION_REFUSED (with `currentStatus` and `action`) from any other status.',
          params: IdParams,
          response: { 200: AdminPromotion },
        },
      },
      async (req) =>
        toPromotion(
          await staff.transitionPromotion(deps, {
            actor: req.actor,
            context: req.accessContext,
            promotionId: req.params.id,
            action: t.action,
          }),
        ),
    );
  }

  app.post(
    '/admin/promotions/:id/codes',
    {
      schema: {
        tags,
        summary: 'Add a named coupon code, or generate a batch of single-use codes',
        description:
          'Codes are stored upper-case and unique in any case (409 COUPON_CODE_TAKEN). Generated codes use letters and digits without 0, O, 1 and I. 409 PROMOTION_NOT_COUPON for an automatic promotion.',
        params: IdParams,
        body: CouponCodesInput,
        response: { 201: CouponCodesCreated },
      },
    },
    async (req, reply) => {
      const created = await staff.addCouponCodes(deps, {
        actor: req.actor,
        context: req.accessContext,
        promotionId: req.params.id,
        codes: req.body,
      });
      return reply.status(201).send({ batchId: created.batchId, items: created.items.map(toCode) });
    },
  );

  app.get(
    '/admin/promotions/:id/codes',
    {
      schema: {
        tags,
        summary: 'The promotion’s coupon codes with their uses (of one batch with batchId)',
        params: IdParams,
        querystring: CouponCodeListQuery,
        response: { 200: CouponCodeList },
      },
    },
    async (req) => {
      const { rows, total } = await staff.listCouponCodes(deps, {
        actor: req.actor,
        context: req.accessContext,
        promotionId: req.params.id,
        ...req.query,
      });
      return { items: rows.map(toCode), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/admin/promotions/:id/codes.csv',
    {
      schema: {
        tags,
        summary: 'Download the promotion’s coupon codes as CSV (of one batch with batchId)',
        params: IdParams,
        querystring: CouponCodeCsvQuery,
      },
    },
    async (req, reply) => {
      const csv = await staff.couponCodesCsv(deps, {
        actor: req.actor,
        context: req.accessContext,
        promotionId: req.params.id,
        batchId: req.query.batchId,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="promotion-${req.params.id}-codes.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/admin/pricing-settings',
    { schema: { tags, summary: 'The store’s stacking policy', response: { 200: PricingSettings } } },
    async (req) => toSettings(await staff.getPricingSettings(deps, { actor: req.actor, context: req.accessContext })),
  );

  app.put(
    '/admin/pricing-settings',
    {
      schema: {
        tags,
        summary: 'Choose how discounts combine',
        description:
          '`best_only`: one order-level discount, the best. `automatic_then_coupon`: one automatic order-level discount, then the coupon. `stack_all`: all of them, in priority order.',
        body: PricingSettingsInput,
        response: { 200: PricingSettings },
      },
    },
    async (req) =>
      toSettings(
        await staff.updatePricingSettings(deps, { actor: req.actor, context: req.accessContext, stackingPolicy: req.body.stackingPolicy }),
      ),
  );
};
