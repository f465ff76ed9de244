import { MailList, MailMessage } from '@shop/contracts/admin';
import type { ApiClient, QueryValue } from '$lib/api/client';
import { id } from './http';

/** The mailbox: the emails the shop has sent, for staff to read. */
export function mailboxEndpoints(api: ApiClient) {
  return {
    mailbox: (query: Record<string, QueryValue>) => api.get('/api/admin/mailbox', { query, schema: MailList }),
    mail: (mailId: string) => api.get(`/api/admin/mailbox/${id(mailId)}`, { schema: MailMessage }),
  };
}
