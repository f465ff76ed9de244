import { IdParams } from '@shop/contracts/common';
import { GuestAccountBody, GuestAccountResult, OrderAccessQuery } from '@shop/contracts/orders';
import type {} from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestMeta, setSessionCookies, toMe, type IdentityDeps } from '../identity/index.js';
import { createAccountFromOrder } from './guest-account.service.js';
import type { OrdersDeps } from './orders.service.js';

/** `POST /orders/:id/account`: a guest's account from their order, signed in at once. */
export const guestAccountRoutes: FastifyPluginAsyncZod<{ deps: OrdersDeps; identity: IdentityDeps; perMinute: number }> = async (
  app,
  { deps, identity, perMinute },
) => {
  app.post(
    '/orders/:id/account',
    {
      config: { rateLimit: { max: perMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['orders'],
        summary: 'Create an account from a guest order and sign in',
        description:
          'With the order’s signed `token` (from the checkout answer or the lookup): an account for the buyer’s e-mail on the order, ' +
          'made as `/auth/register` makes one (password rules, verification mail, session cookies), with this order in its list. ' +
          'Other guest orders of the same e-mail are not attached. A missing token or one of another order answers 404 ORDER_NOT_FOUND; ' +
          'an existing account for the e-mail 409 EMAIL_TAKEN; an order that already has an account 409 ORDER_HAS_ACCOUNT. ' +
          'Rate-limited per IP like sign-up.',
        params: IdParams,
        querystring: OrderAccessQuery,
        body: GuestAccountBody,
        response: { 201: GuestAccountResult },
      },
    },
    async (req, reply) => {
      const { user, issued, orderId } = await createAccountFromOrder(deps, identity, {
        orderId: req.params.id,
        token: req.query.token,
        body: req.body,
        meta: requestMeta(req),
      });
      setSessionCookies(identity, req, reply, issued);
      return reply.status(201).send({
        user: toMe(user, identity.config.auth.requireVerifiedEmailForCheckout),
        accessToken: issued.accessToken,
        expiresIn: identity.tokens.ttlSec,
        orderId,
      });
    },
  );
};
