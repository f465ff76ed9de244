// The catalog's outbox events, each defined once with the schema of its payload: `appendEvent`
// checks every payload against it, and handlers receive it parsed.
import { z } from 'zod';
import { defineEvent } from '../../platform/events.js';
import { productStatuses } from './catalog.tables.js';

const Id = z.guid();
const ActorId = z.guid().nullable();
const Status = z.enum(productStatuses);

/** A lifecycle step: the status before and after, who moved it (null: the system), and why (reject). */
const Transitioned = z.object({ productId: Id, from: Status, to: Status, actorId: ActorId, reason: z.string().optional() });
const transition = <const T extends string>(type: T) => defineEvent(type, Transitioned);

export const ProductEvents = {
  created: defineEvent('product.created', z.object({ productId: Id, actorId: ActorId })),
  /** Content, variants or images changed; `fields` are the operation log's changed fields. */
  updated: defineEvent(
    'product.updated',
    z.object({ productId: Id, actorId: ActorId, fields: z.array(z.string()), from: Status, to: Status }),
  ),
  submitted: transition('product.submitted'),
  approved: transition('product.approved'),
  rejected: transition('product.rejected'),
  published: transition('product.published'),
  unpublished: transition('product.unpublished'),
  soldOut: transition('product.sold_out'),
  backInStock: transition('product.back_in_stock'),
  frozen: transition('product.frozen'),
  unfrozen: transition('product.unfrozen'),
  deleted: transition('product.deleted'),
  restored: transition('product.restored'),
  /** An edit of approved live content by someone who may not approve, waiting for an approver. */
  revisionProposed: defineEvent('product.revision_proposed', z.object({ productId: Id, actorId: ActorId, fields: z.array(z.string()) })),
  revisionApproved: defineEvent('product.revision_approved', z.object({ productId: Id, actorId: ActorId, proposedBy: ActorId })),
  revisionRejected: defineEvent(
    'product.revision_rejected',
    z.object({ productId: Id, actorId: ActorId, proposedBy: ActorId, reason: z.string().optional() }),
  ),
} as const;

export type ProductEvent = (typeof ProductEvents)[keyof typeof ProductEvents];
