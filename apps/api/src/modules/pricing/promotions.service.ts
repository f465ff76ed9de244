// Staff use cases: promotions, coupon codes and the stacking policy. Each authorizes on the
// `promotion` resource and opens its own transaction.
import { randomUUID } from 'node:crypto';
import { COUPON_KINDS, type CouponCodesInput, type PromotionInput, type PromotionPatch } from '@shop/contracts/pricing';
import type { Db } from '../../db/client.js';
import { authorize, type AccessContext, type ConcreteAction } from '../../platform/access.js';
import type { Actor } from '../../platform/auth-types.js';
import { appendEvent } from '../../platform/events.js';
import { AppError, ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { withTx } from '../../platform/tx.js';
import { codesCsv, normalizeCode, randomCodes } from './coupon-codes.js';
import { PromotionEvents } from './pricing.events.js';
import * as repo from './pricing.repo.js';
import type { PromotionStatus } from './pricing.tables.js';
import type { PromotionKind, StackingPolicy } from './pricing.types.js';
import { PROMOTION_TRANSITIONS, type PromotionAction } from './promotion-status.js';
import { DEFAULT_STACKING_POLICY } from './usage.service.js';

export interface PricingDeps {
  db: Db;
}

/** Who is asking, and from where. */
export interface StaffCall {
  actor: Actor | null;
  context: AccessContext;
}

export type PromotionView = repo.PromotionListRow;
export type CouponCodeView = repo.CouponCodeRow;

const allow = (deps: PricingDeps, call: StaffCall, action: ConcreteAction, id?: string) =>
  authorize(deps.db, { actor: call.actor, context: call.context, action, resource: { type: 'promotion', ...(id ? { id } : {}) } });

const notFound = (id: string) => new NotFoundError('promotion', id, 'PROMOTION_NOT_FOUND');
const archived = () => new ConflictError('PROMOTION_ARCHIVED', 'An archived promotion cannot change; create a new one.');
const actorOf = (call: StaffCall) => call.actor?.userId ?? null;

const toDate = (iso: string | null) => (iso === null ? null : new Date(iso));

/** The checks across fields that the request schema cannot make alone, on the values as they will be stored. */
function crossFieldIssues(v: { isCoupon: boolean; kind: PromotionKind; startsAt: Date | null; endsAt: Date | null }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) {
    issues.push({ path: 'body.endsAt', code: 'dates_out_of_order', message: 'The end comes after the start.' });
  }
  if (v.isCoupon && !COUPON_KINDS.includes(v.kind)) {
    issues.push({ path: 'body.rule.kind', code: 'not_a_coupon_kind', message: `A coupon is one of: ${COUPON_KINDS.join(', ')}.` });
  }
  return issues;
}

// ---------- promotions ----------

export async function listPromotions(
  deps: PricingDeps,
  input: StaffCall & {
    status?: PromotionStatus | undefined;
    kind?: PromotionKind | undefined;
    type?: 'coupon' | 'automatic' | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: PromotionView[]; total: number }> {
  await allow(deps, input, 'read');
  return repo.listPromotions(deps.db, {
    status: input.status,
    kind: input.kind,
    isCoupon: input.type === undefined ? undefined : input.type === 'coupon',
    page: input.page,
    pageSize: input.pageSize,
  });
}

export async function getPromotion(deps: PricingDeps, input: StaffCall & { promotionId: string }): Promise<PromotionView> {
  await allow(deps, input, 'read', input.promotionId);
  const row = await repo.findPromotion(deps.db, input.promotionId);
  if (!row) throw notFound(input.promotionId);
  return row;
}

/** Creates a promotion (400 naming the field for out-of-order dates or a kind a coupon cannot be); emits promotion.created. */
export async function createPromotion(deps: PricingDeps, input: StaffCall & { values: PromotionInput }): Promise<PromotionView> {
  await allow(deps, input, 'create');
  const v = input.values;
  const startsAt = toDate(v.startsAt);
  const endsAt = toDate(v.endsAt);
  const issues = crossFieldIssues({ isCoupon: v.isCoupon, kind: v.rule.kind, startsAt, endsAt });
  if (issues.length > 0) throw new ValidationError(issues);
  const actorId = actorOf(input);
  const id = await withTx(deps.db, async (tx) => {
    const row = await repo.insertPromotion(tx, {
      kind: v.rule.kind,
      name: v.name,
      description: v.description,
      rule: v.rule,
      scope: v.scope,
      priority: v.priority,
      exclusive: v.exclusive,
      startsAt,
      endsAt,
      status: v.status,
      isCoupon: v.isCoupon,
      totalLimit: v.totalLimit,
      perCustomerLimit: v.perCustomerLimit,
      createdBy: actorId,
      updatedBy: actorId,
    });
    await appendEvent(tx, PromotionEvents.created, {
      aggregateId: row.id,
      payload: { promotionId: row.id, actorId, kind: row.kind, isCoupon: row.isCoupon },
    });
    return row.id;
  });
  return (await repo.findPromotion(deps.db, id))!;
}

/**
 * Applies an edit made on `version` (stale: 409 VERSION_CONFLICT with `currentVersion`). The kind
 * and whether it is a coupon stay; the total limit cannot go below the uses counted; an archived
 * promotion is 409 PROMOTION_ARCHIVED. Counted uses never move the version. Emits promotion.updated.
 */
export async function updatePromotion(
  deps: PricingDeps,
  input: StaffCall & { promotionId: string; patch: PromotionPatch },
): Promise<PromotionView> {
  await allow(deps, input, 'update', input.promotionId);
  const { version, ...p } = input.patch;
  const actorId = actorOf(input);
  await withTx(deps.db, async (tx) => {
    const row = await repo.lockPromotion(tx, input.promotionId);
    if (!row) throw notFound(input.promotionId);
    if (row.version !== version) {
      throw new AppError(
        'VERSION_CONFLICT',
        409,
        'Someone saved this promotion after you opened it; reload and apply your changes again.',
        { currentVersion: row.version },
      );
    }
    if (row.status === 'archived') throw archived();
    const startsAt = p.startsAt === undefined ? row.startsAt : toDate(p.startsAt);
    const endsAt = p.endsAt === undefined ? row.endsAt : toDate(p.endsAt);
    const totalLimit = p.totalLimit === undefined ? row.totalLimit : p.totalLimit;
    const issues = crossFieldIssues({ isCoupon: row.isCoupon, kind: row.kind, startsAt, endsAt });
    if (p.rule && p.rule.kind !== row.kind) {
      issues.push({
        path: 'body.rule.kind',
        code: 'kind_fixed',
        message: `This promotion is ${row.kind}; create a new promotion for another kind.`,
      });
    }
    if (totalLimit !== null && totalLimit < row.uses) {
      issues.push({ path: 'body.totalLimit', code: 'below_uses', message: `${row.uses} uses are already counted.` });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    await repo.updatePromotion(tx, row.id, {
      ...(p.name === undefined ? {} : { name: p.name }),
      ...(p.description === undefined ? {} : { description: p.description }),
      ...(p.rule === undefined ? {} : { rule: p.rule }),
      ...(p.scope === undefined ? {} : { scope: p.scope }),
      ...(p.priority === undefined ? {} : { priority: p.priority }),
      ...(p.exclusive === undefined ? {} : { exclusive: p.exclusive }),
      ...(p.perCustomerLimit === undefined ? {} : { perCustomerLimit: p.perCustomerLimit }),
      startsAt,
      endsAt,
      totalLimit,
      updatedBy: actorId,
    });
    await appendEvent(tx, PromotionEvents.updated, {
      aggregateId: row.id,
      payload: { promotionId: row.id, actorId, fields: Object.keys(p).sort() },
    });
  });
  return (await repo.findPromotion(deps.db, input.promotionId))!;
}

const EVENT_OF = { pause: PromotionEvents.paused, resume: PromotionEvents.resumed, archive: PromotionEvents.archived } as const;

/**
 * Pauses, resumes or archives a promotion along PROMOTION_TRANSITIONS, in one conditional
 * statement (409 PROMOTION_TRANSITION_REFUSED with `currentStatus` and `action` otherwise). A paused or
 * archived promotion is neither offered nor redeemed; uses already counted stay (release still
 * gives them back). Emits promotion.paused/resumed/archived.
 */
export async function transitionPromotion(
  deps: PricingDeps,
  input: StaffCall & { promotionId: string; action: PromotionAction },
): Promise<PromotionView> {
  await allow(deps, input, 'update', input.promotionId);
  const t = PROMOTION_TRANSITIONS[input.action];
  const actorId = actorOf(input);
  await withTx(deps.db, async (tx) => {
    const before = await repo.lockPromotion(tx, input.promotionId);
    if (!before) throw notFound(input.promotionId);
    const row = await repo.setStatus(tx, { id: before.id, from: t.from, to: t.to, actorId });
    if (!row) {
      throw new ConflictError('PROMOTION_TRANSITION_REFUSED', `A promotion that is ${before.status} cannot ${input.action}.`, {
        currentStatus: before.status,
        action: input.action,
      });
    }
    await appendEvent(tx, EVENT_OF[input.action], {
      aggregateId: row.id,
      payload: { promotionId: row.id, actorId, from: before.status, to: row.status },
    });
  });
  return (await repo.findPromotion(deps.db, input.promotionId))!;
}

// ---------- coupon codes ----------

/** Attempts at drawing codes no other coupon holds yet; with 32^6 or more per code, one nearly always does. */
const DRAWS = 5;

/**
 * Adds one named code (409 COUPON_CODE_TAKEN when any coupon already has it, in any case) or a batch
 * of `count` distinct single-use codes sharing a new batch id, to a coupon promotion (409
 * PROMOTION_NOT_COUPON for an automatic one, PROMOTION_ARCHIVED for an archived one).
 */
export async function addCouponCodes(
  deps: PricingDeps,
  input: StaffCall & { promotionId: string; codes: CouponCodesInput },
): Promise<{ batchId: string | null; items: CouponCodeView[] }> {
  await allow(deps, input, 'update', input.promotionId);
  const actorId = actorOf(input);
  const c = input.codes;
  return withTx(deps.db, async (tx) => {
    const promotion = await repo.lockPromotion(tx, input.promotionId);
    if (!promotion) throw notFound(input.promotionId);
    if (!promotion.isCoupon) throw new ConflictError('PROMOTION_NOT_COUPON', 'Only a coupon has codes; this promotion applies by itself.');
    if (promotion.status === 'archived') throw archived();
    const base = { promotionId: promotion.id, createdBy: actorId };
    let result: { batchId: string | null; items: CouponCodeView[] };
    if (c.type === 'single') {
      const code = normalizeCode(c.code);
      const [row] = await repo.insertCodes(tx, [{ ...base, batchId: null, code, singleUse: c.singleUse }]);
      if (!row) throw new ConflictError('COUPON_CODE_TAKEN', `The code ${code} is taken.`, { code });
      result = { batchId: null, items: [row] };
    } else {
      const batchId = randomUUID();
      const items: CouponCodeView[] = [];
      const tried = new Set<string>();
      for (let draw = 0; draw < DRAWS && items.length < c.count; draw++) {
        const codes = randomCodes({ count: c.count - items.length, length: c.length, prefix: c.prefix, avoid: tried });
        for (const code of codes) tried.add(code);
        items.push(
          ...(await repo.insertCodes(
            tx,
            codes.map((code) => ({ ...base, batchId, code, singleUse: true })),
          )),
        );
      }
      if (items.length < c.count)
        throw new ConflictError('COUPON_CODE_TAKEN', 'Too many of the drawn codes are taken; use a longer length or another prefix.');
      result = { batchId, items };
    }
    await appendEvent(tx, PromotionEvents.updated, {
      aggregateId: promotion.id,
      payload: { promotionId: promotion.id, actorId, fields: ['codes'] },
    });
    return result;
  });
}

async function existing(deps: PricingDeps, promotionId: string) {
  if (!(await repo.findPromotions(deps.db, [promotionId])).length) throw notFound(promotionId);
}

export async function listCouponCodes(
  deps: PricingDeps,
  input: StaffCall & { promotionId: string; batchId?: string | undefined; page: number; pageSize: number },
): Promise<{ rows: CouponCodeView[]; total: number }> {
  await allow(deps, input, 'read', input.promotionId);
  await existing(deps, input.promotionId);
  return repo.listCodes(deps.db, { promotionId: input.promotionId, batchId: input.batchId, page: input.page, pageSize: input.pageSize });
}

/** Every code of the promotion (or of one batch) as CSV. */
export async function couponCodesCsv(
  deps: PricingDeps,
  input: StaffCall & { promotionId: string; batchId?: string | undefined },
): Promise<string> {
  await allow(deps, input, 'read', input.promotionId);
  await existing(deps, input.promotionId);
  return codesCsv(await repo.allCodes(deps.db, { promotionId: input.promotionId, batchId: input.batchId }));
}

// ---------- settings ----------

export interface PricingSettingsView {
  stackingPolicy: StackingPolicy;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export async function getPricingSettings(deps: PricingDeps, input: StaffCall): Promise<PricingSettingsView> {
  await allow(deps, input, 'read');
  const row = await repo.readSettings(deps.db);
  return row
    ? { stackingPolicy: row.stackingPolicy, updatedAt: row.updatedAt, updatedBy: row.updatedBy }
    : { stackingPolicy: DEFAULT_STACKING_POLICY, updatedAt: null, updatedBy: null };
}

export async function updatePricingSettings(
  deps: PricingDeps,
  input: StaffCall & { stackingPolicy: StackingPolicy },
): Promise<PricingSettingsView> {
  await allow(deps, input, 'update');
  const row = await withTx(deps.db, (tx) => repo.writeSettings(tx, { stackingPolicy: input.stackingPolicy, updatedBy: actorOf(input) }));
  return { stackingPolicy: row.stackingPolicy, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}
