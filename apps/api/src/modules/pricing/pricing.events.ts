import { z } from 'zod';
import { defineEvent } from '../../platform/events.js';

const Who = { promotionId: z.uuid(), actorId: z.uuid().nullable() };
const Move = z.object({ ...Who, from: z.enum(['active', 'paused', 'archived']), to: z.enum(['active', 'paused', 'archived']) });

/** Outbox events of staff changes to promotions (the audit trail next to `created_by`/`updated_by`). */
export const PromotionEvents = {
  created: defineEvent('promotion.created', z.object({ ...Who, kind: z.string(), isCoupon: z.boolean() })),
  /** `fields`: what the edit sent (`codes` when coupon codes were added). */
  updated: defineEvent('promotion.updated', z.object({ ...Who, fields: z.array(z.string()) })),
  paused: defineEvent('promotion.paused', Move),
  resumed: defineEvent('promotion.resumed', Move),
  archived: defineEvent('promotion.archived', Move),
} as const;
