import { DeadEventList } from '@shop/contracts/admin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { authorize } from './access.js';
import { listDeadEvents, requeueDeadEvent } from './outbox.js';

/** Staff view of events that failed for good, and a way to send them again. */
export const outboxAdminRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['admin: events'];
  app.get(
    '/admin/outbox/dead',
    {
      preHandler: app.authenticate,
      schema: { tags, summary: 'Dead events with their last error, oldest first', response: { 200: DeadEventList } },
    },
    async (req) => {
      await authorize(db, { actor: req.actor, context: req.accessContext, action: 'admin', resource: { type: 'outbox' } });
      const rows = await listDeadEvents(db, { limit: 200 });
      return {
        items: rows.map((r) => ({
          id: r.id,
          eventType: r.eventType,
          aggregateType: r.aggregateType,
          aggregateId: r.aggregateId,
          attempts: r.attempts,
          lastError: r.lastError,
          createdAt: r.createdAt.toISOString(),
          payload: r.payload,
        })),
      };
    },
  );

  app.post(
    '/admin/outbox/:id/requeue',
    {
      preHandler: app.authenticate,
      schema: { tags, summary: 'Put a dead event back to pending', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await authorize(db, { actor: req.actor, context: req.accessContext, action: 'admin', resource: { type: 'outbox' } });
      await requeueDeadEvent(db, { eventId: req.params.id });
      return reply.status(204).send(null);
    },
  );
};
