import { MailboxQuery, MailList, MailMessage } from '@shop/contracts/admin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { getMail, listMail } from './notifications.service.js';

const MailParams = z.object({ id: z.uuid() });

/** The dev mailbox / delivery log for staff. Register under `/api`. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/admin/mailbox',
    {
      schema: { tags: ['admin'], summary: 'Sent mail, newest first', querystring: MailboxQuery, response: { 200: MailList } },
      preHandler: app.authenticate,
    },
    async (req) => listMail(db, { actor: req.actor, context: req.accessContext, ...req.query }),
  );

  app.get(
    '/admin/mailbox/:id',
    {
      schema: { tags: ['admin'], summary: 'One sent mail', params: MailParams, response: { 200: MailMessage } },
      preHandler: app.authenticate,
    },
    async (req) => getMail(db, { actor: req.actor, context: req.accessContext, id: req.params.id }),
  );
};
