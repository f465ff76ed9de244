import { DeadEventList } from '@shop/contracts/admin';
import type { ApiClient } from '$lib/api/client';
import { id } from './http';

/** Events whose handlers kept failing, and putting one back in the queue. */
export function outboxEndpoints(api: ApiClient) {
  return {
    deadEvents: () => api.get('/api/admin/outbox/dead', { schema: DeadEventList }),
    requeue: (eventId: string) => api.post(`/api/admin/outbox/${id(eventId)}/requeue`),
  };
}
