import { z } from 'zod';
import { Paged } from './common.js';

export const DeadEvent = z.object({
  id: z.uuid(),
  eventType: z.string(),
  aggregateType: z.string(),
  aggregateId: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
});
export const DeadEventList = z.object({ items: z.array(DeadEvent) });

export const MailMessage = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  template: z.string(),
  locale: z.string(),
  transport: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type MailMessage = z.infer<typeof MailMessage>;
export const MailboxQuery = z.object({
  to: z.string().trim().max(254).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const MailList = Paged(MailMessage);

/** The parts of the admin console, each one a page the menu and the dashboard link to. */
export const AdminSection = z.enum([
  'orders',
  'users',
  'products',
  'review',
  'categories',
  'brands',
  'attributes',
  'stock',
  'promotions',
  'shipping',
  'store',
  'policies',
  'mailbox',
  'outbox',
]);
export type AdminSection = z.infer<typeof AdminSection>;
/** What the signed-in staff member may open in the admin console, decided by the access policies. */
export const AdminConsole = z.object({ sections: z.array(AdminSection) });
export type AdminConsole = z.infer<typeof AdminConsole>;
