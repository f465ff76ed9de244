import { AdminConsole } from '@shop/contracts/admin';
import { DecisionRequest, DecisionResponse, Policy, PolicyInput, PolicyList } from '@shop/contracts/access';
import { AdminUser, GrantRoleBody, IdParams, LoginLog, Paging, RoleParams, UserList, UserListQuery } from '@shop/contracts/identity';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as access from '../../platform/access.js';
import type { Actor } from '../../platform/auth.js';
import { NotFoundError } from '../../platform/errors.js';
import * as repo from './identity.repo.js';
import { toAdminUser, toLoginLogEntry } from './identity.mappers.js';
import type { IdentityDeps } from './identity.types.js';
import * as admin from './users-admin.service.js';

const NoContent = z.null().describe('No content');

function toPolicy(p: access.PolicyRow) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    effect: p.effect,
    actions: p.actions as PolicyInput['actions'],
    resourceTypes: p.resourceTypes,
    conditions: p.conditions as PolicyInput['conditions'],
    enabled: p.enabled,
    builtIn: p.builtIn,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Staff routes: users, roles, login log, access policies. */
export const identityAdminRoutes: FastifyPluginAsyncZod<{ deps: IdentityDeps }> = async (app, { deps }) => {
  const view = (u: repo.UserRow) => toAdminUser(u, deps.config.auth.requireVerifiedEmailForCheckout);
  const tags = ['admin: users'];
  app.addHook('preHandler', app.authenticate);

  app.get(
    '/admin/me',
    {
      schema: {
        tags,
        summary: 'The admin console sections the signed-in user may use (empty for a customer)',
        response: { 200: AdminConsole },
      },
    },
    async (req) => ({ sections: await admin.consoleSections(deps, { actor: req.actor!, context: req.accessContext }) }),
  );

  app.get(
    '/admin/users',
    { schema: { tags, summary: 'Find users', querystring: UserListQuery, response: { 200: UserList } } },
    async (req) => {
      const { rows, total } = await admin.listUsers(deps, { actor: req.actor, context: req.accessContext, ...req.query });
      return { items: rows.map(view), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get('/admin/users/:id', { schema: { tags, summary: 'One user', params: IdParams, response: { 200: AdminUser } } }, async (req) =>
    view(await admin.getUser(deps, { actor: req.actor, context: req.accessContext, userId: req.params.id })),
  );

  app.get(
    '/admin/users/:id/login-log',
    {
      schema: {
        tags,
        summary: 'A user’s sign-in attempts, newest first',
        params: IdParams,
        querystring: Paging,
        response: { 200: LoginLog },
      },
    },
    async (req) => {
      const { rows, total } = await admin.userLoginLog(deps, {
        actor: req.actor,
        context: req.accessContext,
        userId: req.params.id,
        ...req.query,
      });
      return { items: rows.map(toLoginLogEntry), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/admin/users/:id/roles',
    {
      schema: { tags, summary: 'Grant a role', params: IdParams, body: GrantRoleBody, response: { 200: AdminUser } },
    },
    async (req) =>
      view(await admin.grantRole(deps, { actor: req.actor, context: req.accessContext, userId: req.params.id, role: req.body.role })),
  );

  app.delete(
    '/admin/users/:id/roles/:role',
    {
      schema: { tags, summary: 'Revoke a role', params: RoleParams, response: { 200: AdminUser } },
    },
    async (req) =>
      view(await admin.revokeRole(deps, { actor: req.actor, context: req.accessContext, userId: req.params.id, role: req.params.role })),
  );

  app.post(
    '/admin/users/:id/disable',
    {
      schema: {
        tags,
        summary: 'Disable an account (its access stops at the next request)',
        params: IdParams,
        response: { 200: AdminUser },
      },
    },
    async (req) => view(await admin.disableUser(deps, { actor: req.actor, context: req.accessContext, userId: req.params.id })),
  );

  app.post(
    '/admin/users/:id/enable',
    {
      schema: { tags, summary: 'Enable an account', params: IdParams, response: { 200: AdminUser } },
    },
    async (req) => view(await admin.enableUser(deps, { actor: req.actor, context: req.accessContext, userId: req.params.id })),
  );

  app.post(
    '/admin/users/:id/unlock',
    {
      schema: { tags, summary: 'Lift a sign-in lockout after too many wrong passwords', params: IdParams, response: { 200: AdminUser } },
    },
    async (req) => view(await admin.unlockUser(deps, { actor: req.actor, context: req.accessContext, userId: req.params.id })),
  );

  const ptags = ['admin: access policies'];
  const mayAdminPolicies = (req: { actor: Actor | null; accessContext: access.AccessContext }) =>
    access.authorize(deps.db, { actor: req.actor, context: req.accessContext, action: 'admin', resource: { type: 'policy' } });

  app.get('/admin/policies', { schema: { tags: ptags, summary: 'All policies', response: { 200: PolicyList } } }, async (req) => {
    await mayAdminPolicies(req);
    return { items: (await access.listPolicies(deps.db)).map(toPolicy) };
  });

  app.post(
    '/admin/policies',
    { schema: { tags: ptags, summary: 'Add a policy', body: PolicyInput, response: { 201: Policy } } },
    async (req, reply) => {
      await mayAdminPolicies(req);
      return reply.status(201).send(toPolicy(await access.createPolicy(deps.db, req.body)));
    },
  );

  app.put(
    '/admin/policies/:id',
    {
      schema: { tags: ptags, summary: 'Change a policy', params: IdParams, body: PolicyInput, response: { 200: Policy } },
    },
    async (req) => {
      await mayAdminPolicies(req);
      return toPolicy(await access.updatePolicy(deps.db, { id: req.params.id, values: req.body }));
    },
  );

  app.delete(
    '/admin/policies/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Delete a policy (built-in ones can only be disabled)',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await mayAdminPolicies(req);
      await access.deletePolicy(deps.db, { id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/policies/evaluate',
    {
      schema: {
        tags: ptags,
        summary: 'Test a decision: can user X do Y on Z?',
        body: DecisionRequest,
        response: { 200: DecisionResponse },
      },
    },
    async (req) => {
      await mayAdminPolicies(req);
      const { userId, action, resource, context } = req.body;
      let subject: access.Subject = { userId: null, roles: [], active: true };
      if (userId) {
        const user = await repo.findUserById(deps.db, userId);
        if (!user) throw new NotFoundError('user', userId, 'USER_NOT_FOUND');
        subject = { userId: user.id, roles: user.roles, active: user.status === 'active' };
      }
      return access.decide(deps.db, {
        subject,
        action,
        resource,
        context: { ip: context?.ip, source: context?.source, time: context?.time ? new Date(context.time) : deps.clock.now() },
      });
    },
  );
};
