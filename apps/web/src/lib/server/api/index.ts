import type { ApiClient } from '$lib/api/client';
import { accessAdminEndpoints } from './access';
import { cartEndpoints, stockEndpoints } from './cart';
import { catalogEndpoints } from './catalog';
import { checkoutEndpoints } from './checkout';
import { catalogAdminEndpoints } from './catalog-admin';
import { createForwardingClient, type ForwardingContext } from './http';
import { accountEndpoints, authEndpoints, userAdminEndpoints } from './identity';
import { inventoryEndpoints } from './inventory';
import { mailboxEndpoints } from './notifications';
import { orderAdminEndpoints, orderEndpoints } from './orders';
import { outboxEndpoints } from './outbox';
import { paymentsAdminEndpoints } from './payments-admin';
import { pricingEndpoints } from './pricing';
import { refundAdminEndpoints, refundEndpoints } from './refunds';
import { shippingEndpoints } from './shipping';
import { storeAdminEndpoints, storeEndpoints } from './store';

export type { ForwardingContext } from './http';
export { queryString } from './http';
export type { ProductListParams } from './catalog';

/**
 * The API client for server `load`s and form actions, built per request by `hooks.server.ts`
 * (`event.locals.api`): the client forwarding the visitor's session (see `./http.ts`) plus the
 * typed endpoints of every API module.
 */
export function createServerApi(ctx: ForwardingContext, apiOrigin: string): ServerApi {
  const client = createForwardingClient(ctx, apiOrigin);
  return { ...client, ...endpoints(client) };
}

/**
 * The API's endpoints, typed and parsed with `@shop/contracts`, one file per API module. The
 * admin console's calls of several modules share `admin`, so a page reads `api.admin.users(…)`
 * whichever module answers it.
 */
export function endpoints(api: ApiClient) {
  return {
    auth: authEndpoints(api),
    account: accountEndpoints(api),
    admin: {
      ...accessAdminEndpoints(api),
      ...userAdminEndpoints(api),
      ...outboxEndpoints(api),
      ...mailboxEndpoints(api),
      ...inventoryEndpoints(api),
      ...pricingEndpoints(api),
      ...shippingEndpoints(api),
      ...storeAdminEndpoints(api),
      ...orderAdminEndpoints(api),
      ...paymentsAdminEndpoints(api),
      ...refundAdminEndpoints(api),
    },
    cart: cartEndpoints(api),
    catalog: catalogEndpoints(api),
    catalogAdmin: catalogAdminEndpoints(api),
    store: storeEndpoints(api),
    checkout: checkoutEndpoints(api),
    orders: orderEndpoints(api),
    refunds: refundEndpoints(api),
    stock: stockEndpoints(api),
  };
}

/** The generic client plus the typed endpoints; `event.locals.api`. */
export type ServerApi = ApiClient & ReturnType<typeof endpoints>;
