import { DecisionResponse, PolicyList, Policy, type DecisionRequest, type PolicyInput } from '@shop/contracts/access';
import { AdminConsole } from '@shop/contracts/admin';
import type { ApiClient } from '$lib/api/client';
import { id, session } from './http';

/** The admin console's sections and the access policies that decide them. */
export function accessAdminEndpoints(api: ApiClient) {
  return {
    /** The console sections the signed-in staff member may use (the API asks its access policies). */
    console: () => api.get('/api/admin/me', { ...session, schema: AdminConsole }),
    policies: () => api.get('/api/admin/policies', { schema: PolicyList }),
    createPolicy: (body: PolicyInput) => api.post('/api/admin/policies', { body, schema: Policy }),
    updatePolicy: (policyId: string, body: PolicyInput) => api.put(`/api/admin/policies/${id(policyId)}`, { body, schema: Policy }),
    deletePolicy: (policyId: string) => api.delete(`/api/admin/policies/${id(policyId)}`),
    evaluate: (body: DecisionRequest) => api.post('/api/admin/policies/evaluate', { body, schema: DecisionResponse }),
  };
}
