import { AdminShippingMethod, AdminShippingMethodList, type ShippingMethodInput, type ShippingMethodPatch } from '@shop/contracts/shipping';
import type { z } from 'zod';
import type { ApiClient } from '$lib/api/client';
import { id } from './http';

/** Staff shipping methods: their fees and limits, deactivating and bringing them back. */
export function shippingEndpoints(api: ApiClient) {
  return {
    shippingMethods: () => api.get('/api/admin/shipping-methods', { schema: AdminShippingMethodList }),
    shippingMethod: (methodId: string) => api.get(`/api/admin/shipping-methods/${id(methodId)}`, { schema: AdminShippingMethod }),
    createShippingMethod: (body: ShippingMethodInput) => api.post('/api/admin/shipping-methods', { body, schema: AdminShippingMethod }),
    updateShippingMethod: (methodId: string, body: z.input<typeof ShippingMethodPatch>) =>
      api.patch(`/api/admin/shipping-methods/${id(methodId)}`, { body, schema: AdminShippingMethod }),
    deactivateShippingMethod: (methodId: string) => api.delete(`/api/admin/shipping-methods/${id(methodId)}`),
  };
}
