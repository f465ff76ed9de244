import {
  AcceptedResponse,
  Address,
  AddressInput,
  AddressList,
  AuthResponse,
  ChangePasswordBody,
  ForgotPasswordBody,
  IdParams,
  LoginBody,
  Me,
  ProfileUpdateBody,
  RegisterBody,
  ResetPasswordBody,
  SessionList,
  VerifyEmailBody,
} from '@shop/contracts/identity';
import type {} from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REFRESH_COOKIE } from '../../platform/auth.js';
import { limitPerMinute, type WindowCounter } from '../../platform/counters.js';
import * as addressesService from './addresses.service.js';
import { clearSessionCookies, requestMeta, setAccessCookie, setSessionCookies } from './cookies.js';
import { toAddress, toMe, toSession } from './identity.mappers.js';
import type { UserRow } from './identity.repo.js';
import * as service from './identity.service.js';
import type { IdentityDeps, IssuedSession } from './identity.types.js';

const UserIdParams = z.object({ userId: z.union([z.literal('me'), z.uuid()]) });
const AddressParams = UserIdParams.extend({ addressId: z.uuid() });
const NoContent = z.null().describe('No content');

/** Shopper-facing identity routes: sign-up and sign-in, profile, password, sessions, addresses. */
export const identityRoutes: FastifyPluginAsyncZod<{ deps: IdentityDeps; authPerMinute: number; counter: WindowCounter }> = async (
  app,
  { deps, authPerMinute, counter },
) => {
  const me = (u: UserRow) => toMe(u, deps.config.auth.requireVerifiedEmailForCheckout);
  const authBody = (user: UserRow, issued: IssuedSession) => ({
    user: me(user),
    accessToken: issued.accessToken,
    expiresIn: deps.tokens.ttlSec,
  });
  // Auth routes get a tighter limit per IP, and sign-in and reset one per account too.
  const perIp = { rateLimit: { max: authPerMinute, timeWindow: '1 minute' } };
  const perAccount = (field: 'identifier' | 'email') =>
    limitPerMinute(counter, `acct-${field}`, authPerMinute, (req) => {
      const value = (req.body as Record<string, unknown> | undefined)?.[field];
      return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    });
  const tags = ['auth'];
  // What an account that must change its password first may still do: sign in and out, see itself, change it.
  const pending = { allowWithPendingPasswordChange: true };

  app.post(
    '/auth/register',
    {
      config: perIp,
      schema: { tags, summary: 'Create a customer account and sign in', body: RegisterBody, response: { 201: AuthResponse } },
    },
    async (req, reply) => {
      const { user, issued } = await service.register(deps, { ...req.body, meta: requestMeta(req) });
      setSessionCookies(deps, req, reply, issued);
      return reply.status(201).send(authBody(user, issued));
    },
  );

  app.post(
    '/auth/login',
    {
      config: { ...perIp, ...pending },
      preHandler: perAccount('identifier'),
      schema: { tags, summary: 'Sign in with email or phone and password', body: LoginBody, response: { 200: AuthResponse } },
    },
    async (req, reply) => {
      const { user, issued } = await service.login(deps, { ...req.body, meta: requestMeta(req) });
      setSessionCookies(deps, req, reply, issued);
      return authBody(user, issued);
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { ...perIp, ...pending },
      schema: { tags, summary: 'Trade the refresh cookie for new tokens (rotation)', response: { 200: AuthResponse } },
    },
    async (req, reply) => {
      try {
        const { user, issued } = await service.refresh(deps, { refreshToken: req.cookies[REFRESH_COOKIE], meta: requestMeta(req) });
        setSessionCookies(deps, req, reply, issued);
        return authBody(user, issued);
      } catch (err) {
        clearSessionCookies(deps, req, reply);
        throw err;
      }
    },
  );

  app.post(
    '/auth/logout',
    { config: pending, schema: { tags, summary: 'End this session', response: { 204: NoContent } } },
    async (req, reply) => {
      await service.logout(deps, { actor: req.actor, refreshToken: req.cookies[REFRESH_COOKIE] });
      clearSessionCookies(deps, req, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      config: pending,
      preHandler: app.authenticate,
      schema: { tags, summary: 'End every session of this account', response: { 204: NoContent } },
    },
    async (req, reply) => {
      await service.logoutEverywhere(deps, { actor: req.actor! });
      clearSessionCookies(deps, req, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { config: pending, preHandler: app.authenticate, schema: { tags, summary: 'The signed-in user', response: { 200: Me } } },
    async (req) => me(await service.getMe(deps, { actor: req.actor })),
  );

  app.post(
    '/auth/password/forgot',
    {
      config: perIp,
      preHandler: perAccount('email'),
      schema: {
        tags,
        summary: 'Mail a password reset link (same answer for unknown emails)',
        body: ForgotPasswordBody,
        response: { 202: AcceptedResponse },
      },
    },
    async (req, reply) => {
      await service.forgotPassword(deps, { email: req.body.email });
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/auth/password/reset',
    {
      config: { ...perIp, ...pending },
      schema: { tags, summary: 'Set a new password with the emailed token', body: ResetPasswordBody, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await service.resetPassword(deps, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/email/verify',
    {
      config: perIp,
      schema: { tags, summary: 'Verify the email address with the emailed token', body: VerifyEmailBody, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await service.verifyEmail(deps, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/email/resend',
    {
      config: perIp,
      preHandler: app.authenticate,
      schema: { tags, summary: 'Mail the verification link again', response: { 202: AcceptedResponse } },
    },
    async (req, reply) => {
      await service.resendVerification(deps, { actor: req.actor });
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  const users = ['users'];
  app.get(
    '/users/:userId/profile',
    {
      preHandler: app.authenticate,
      schema: { tags: users, summary: 'A profile (`me` for your own)', params: UserIdParams, response: { 200: Me } },
    },
    async (req) => me(await service.getProfile(deps, { actor: req.actor, context: req.accessContext, userId: req.params.userId })),
  );

  app.put(
    '/users/:userId/profile',
    {
      preHandler: app.authenticate,
      schema: { tags: users, summary: 'Change a profile', params: UserIdParams, body: ProfileUpdateBody, response: { 200: Me } },
    },
    async (req) =>
      me(await service.updateProfile(deps, { actor: req.actor, context: req.accessContext, userId: req.params.userId, changes: req.body })),
  );

  app.post(
    '/users/me/password',
    {
      config: pending,
      preHandler: app.authenticate,
      schema: {
        tags: users,
        summary: 'Change your password (other sessions are signed out)',
        body: ChangePasswordBody,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const { accessToken } = await service.changePassword(deps, { actor: req.actor, ...req.body });
      setAccessCookie(deps, req, reply, accessToken);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/users/me/sessions',
    {
      preHandler: app.authenticate,
      schema: { tags: users, summary: 'Your signed-in sessions', response: { 200: SessionList } },
    },
    async (req) => ({
      items: (await service.listSessions(deps, { actor: req.actor })).map((s) => toSession(s, req.actor?.sessionId)),
    }),
  );

  app.delete(
    '/users/me/sessions/:id',
    {
      preHandler: app.authenticate,
      schema: { tags: users, summary: 'End one of your sessions', params: IdParams, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await service.endSession(deps, { actor: req.actor, context: req.accessContext, sessionId: req.params.id });
      return reply.status(204).send(null);
    },
  );

  const addr = ['addresses'];
  app.get(
    '/users/:userId/addresses',
    {
      preHandler: app.authenticate,
      schema: { tags: addr, summary: 'Address book', params: UserIdParams, response: { 200: AddressList } },
    },
    async (req) => ({
      items: (await addressesService.listAddresses(deps, { actor: req.actor, context: req.accessContext, userId: req.params.userId })).map(
        toAddress,
      ),
    }),
  );

  app.post(
    '/users/:userId/addresses',
    {
      preHandler: app.authenticate,
      schema: { tags: addr, summary: 'Add an address', params: UserIdParams, body: AddressInput, response: { 201: Address } },
    },
    async (req, reply) =>
      reply.status(201).send(
        toAddress(
          await addressesService.createAddress(deps, {
            actor: req.actor,
            context: req.accessContext,
            userId: req.params.userId,
            address: req.body,
          }),
        ),
      ),
  );

  app.get(
    '/users/:userId/addresses/:addressId',
    {
      preHandler: app.authenticate,
      schema: { tags: addr, summary: 'One address', params: AddressParams, response: { 200: Address } },
    },
    async (req) => toAddress(await addressesService.getAddress(deps, { actor: req.actor, context: req.accessContext, ...req.params })),
  );

  app.put(
    '/users/:userId/addresses/:addressId',
    {
      preHandler: app.authenticate,
      schema: { tags: addr, summary: 'Change an address', params: AddressParams, body: AddressInput, response: { 200: Address } },
    },
    async (req) =>
      toAddress(
        await addressesService.updateAddress(deps, { actor: req.actor, context: req.accessContext, ...req.params, address: req.body }),
      ),
  );

  app.delete(
    '/users/:userId/addresses/:addressId',
    {
      preHandler: app.authenticate,
      schema: { tags: addr, summary: 'Delete an address', params: AddressParams, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await addressesService.deleteAddress(deps, { actor: req.actor, context: req.accessContext, ...req.params });
      return reply.status(204).send(null);
    },
  );
};
