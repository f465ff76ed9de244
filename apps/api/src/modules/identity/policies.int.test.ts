// The admin policy API: policies are rows an admin manages, and a change shows on the next request.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, loginUser, makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';

interface PolicyBody {
  id: string;
  name: string;
  description: string;
  effect: 'allow' | 'deny';
  actions: string[];
  resourceTypes: string[];
  conditions: unknown[];
  enabled: boolean;
  builtIn: boolean;
  createdAt: string;
  updatedAt: string;
}

const ADDRESS = {
  recipientName: '王小明',
  phone: '0912345678',
  postalCode: '100',
  city: '台北市',
  district: '中正區',
  line1: '重慶南路一段122號',
};
const BUILT_IN = [
  'deny-inactive',
  'admin-everything',
  'customer-owns-own',
  'ops-operations',
  'support-tickets-refunds',
  'support-reads-customers',
  'ops-approve-non-catalog',
  'ops-shipping-methods',
  'anyone-reads-active-shipping-methods',
  'ops-promotions',
  'anyone-reads-public-store-details',
];

describe('admin policy API', () => {
  let h: Harness;
  let admin: Signed;
  let support: Signed;
  let alice: Signed;
  let bob: Signed;
  let addressOfAlice: string;

  const as = (who: Signed, opts: Pick<InjectOptions, 'method' | 'url' | 'payload' | 'remoteAddress'>) =>
    h.app.inject({ ...opts, headers: bearer(who) } as InjectOptions);
  const policies = async (): Promise<PolicyBody[]> => {
    const res = await as(admin, { method: 'GET', url: '/api/admin/policies' });
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };
  const create = async (payload: Record<string, unknown>): Promise<PolicyBody> => {
    const res = await as(admin, { method: 'POST', url: '/api/admin/policies', payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  /** PUT takes the whole policy; this sends a stored one back with some fields changed. */
  const replace = (p: PolicyBody, changes: Partial<PolicyBody>) => {
    const { id: _id, builtIn: _builtIn, createdAt: _createdAt, updatedAt: _updatedAt, ...input } = p;
    return as(admin, { method: 'PUT', url: `/api/admin/policies/${p.id}`, payload: { ...input, ...changes } });
  };
  const evaluate = (payload: Record<string, unknown>) => as(admin, { method: 'POST', url: '/api/admin/policies/evaluate', payload });
  const readOwnAddress = (remoteAddress?: string) =>
    as(alice, { method: 'GET', url: `/api/users/me/addresses/${addressOfAlice}`, ...(remoteAddress ? { remoteAddress } : {}) });

  beforeAll(async () => {
    h = await createHarness();
    admin = await makeStaff(h, ['admin']);
    support = await makeStaff(h, ['support']);
    alice = await registerUser(h, { displayName: 'Alice' });
    bob = await registerUser(h, { displayName: 'Bob' });
    const res = await as(alice, { method: 'POST', url: '/api/users/me/addresses', payload: ADDRESS });
    addressOfAlice = res.json().id;
  });
  afterAll(() => h?.close());

  it('lists the built-in policies, marked as such', async () => {
    const list = await policies();
    expect(
      list
        .filter((p) => p.builtIn)
        .map((p) => p.name)
        .sort(),
    ).toEqual([...BUILT_IN].sort());
    expect(list.every((p) => p.enabled)).toBe(true);
  });

  it('creates, lists, updates and deletes a custom policy', async () => {
    const input = {
      name: 'no-refunds-at-night',
      description: 'Refunds wait for office hours.',
      effect: 'deny',
      actions: ['refund'],
      resourceTypes: ['order', 'refund_request'],
      conditions: [{ attr: 'context.time', op: 'between', value: ['22:00', '06:00'] }],
    };

    const created = await create(input);
    expect(created).toMatchObject({
      ...input,
      id: expect.any(String),
      enabled: true,
      builtIn: false,
      conditions: [{ attr: 'context.time', op: 'between', value: ['22:00', '06:00'], timeZone: 'Asia/Taipei' }],
    });
    expect(await policies()).toContainEqual(created);

    const updated = await replace(created, { description: 'Not even staff.', actions: ['refund', 'approve'], enabled: false });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      id: created.id,
      description: 'Not even staff.',
      actions: ['refund', 'approve'],
      enabled: false,
      createdAt: created.createdAt,
    });
    expect(Date.parse(updated.json().updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect((await policies()).find((p) => p.id === created.id)).toEqual(updated.json());

    const deleted = await as(admin, { method: 'DELETE', url: `/api/admin/policies/${created.id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await policies()).map((p) => p.id)).not.toContain(created.id);

    const again = await as(admin, { method: 'DELETE', url: `/api/admin/policies/${created.id}` });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'POLICY_NOT_FOUND' });
  });

  it('answers 404 POLICY_NOT_FOUND for changing a policy that does not exist, and stores nothing', async () => {
    const before = await policies();
    const res = await as(admin, {
      method: 'PUT',
      url: `/api/admin/policies/${randomUUID()}`,
      payload: { name: 'ghost', effect: 'allow', actions: ['read'], resourceTypes: ['order'] },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'POLICY_NOT_FOUND' });
    expect(await policies()).toEqual(before);
  });

  describe('a bad policy', () => {
    const base = { name: 'bad', effect: 'deny', actions: ['read'], resourceTypes: ['address'] };

    it.each([
      {
        case: 'a /33 range',
        conditions: [{ attr: 'context.ip', op: 'inCidr', value: ['10.0.0.0/33'] }],
        path: 'body.conditions.0.value.0',
      },
      {
        case: 'an octet above 255',
        conditions: [{ attr: 'context.ip', op: 'inCidr', value: ['10.0.0.0/8', '10.300.0.0/16'] }],
        path: 'body.conditions.0.value.1',
      },
      {
        case: '25:00',
        conditions: [{ attr: 'context.time', op: 'between', value: ['09:00', '25:00'] }],
        path: 'body.conditions.0.value.1',
      },
      {
        case: 'an unknown time zone',
        conditions: [{ attr: 'context.time', op: 'between', value: ['09:00', '18:00'], timeZone: 'Asia/Taipie' }],
        path: 'body.conditions.0.timeZone',
      },
      { case: 'an unknown attribute', conditions: [{ attr: 'subject.email', op: 'eq', value: 'x@y.tw' }], path: 'body.conditions.0.attr' },
      {
        case: 'eq with both value and ref',
        conditions: [{ attr: 'resource.ownerId', op: 'eq', value: 'x', ref: 'subject.userId' }],
        path: 'body.conditions.0',
      },
      { case: 'eq with neither value nor ref', conditions: [{ attr: 'resource.ownerId', op: 'eq' }], path: 'body.conditions.0' },
    ])('with $case is refused with 400 naming $path, and nothing is stored', async ({ conditions, path }) => {
      const before = await policies();

      const res = await as(admin, { method: 'POST', url: '/api/admin/policies', payload: { ...base, conditions } });

      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await policies()).toEqual(before);
    });

    it('with empty actions is refused naming body.actions', async () => {
      const res = await as(admin, { method: 'POST', url: '/api/admin/policies', payload: { ...base, actions: [] } });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toContainEqual(expect.objectContaining({ path: 'body.actions' }));
    });

    it('is refused on update too, leaving the stored policy as it was', async () => {
      const p = await create({
        ...base,
        name: 'ip-block',
        enabled: false,
        conditions: [{ attr: 'context.ip', op: 'inCidr', value: ['10.0.0.0/8'] }],
      });

      const res = await replace(p, { conditions: [{ attr: 'context.ip', op: 'inCidr', value: ['10.0.0.0/33'] }] });

      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.conditions.0.value.0');
      expect((await policies()).find((x) => x.id === p.id)).toEqual(p);
      await as(admin, { method: 'DELETE', url: `/api/admin/policies/${p.id}` });
    });

    it('with an unknown time zone does not take the shop down', async () => {
      // Stored, a zone the runtime does not know would make every check on `address` throw (500 for all).
      const res = await as(admin, {
        method: 'POST',
        url: '/api/admin/policies',
        payload: {
          ...base,
          name: 'tz-typo',
          conditions: [{ attr: 'context.time', op: 'between', value: ['02:00', '03:00'], timeZone: 'Asia/Taipie' }],
        },
      });
      expect.soft(res.statusCode).toBe(400);

      try {
        expect((await readOwnAddress()).statusCode).toBe(200);
      } finally {
        if (res.statusCode === 201) await as(admin, { method: 'DELETE', url: `/api/admin/policies/${res.json().id}` });
      }
    });
  });

  it('refuses to delete a built-in policy with 409 POLICY_BUILT_IN and keeps it', async () => {
    const builtIn = (await policies()).find((p) => p.name === 'customer-owns-own')!;

    const res = await as(admin, { method: 'DELETE', url: `/api/admin/policies/${builtIn.id}` });

    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'POLICY_BUILT_IN' });
    expect((await policies()).find((p) => p.id === builtIn.id)).toEqual(builtIn);
    expect((await readOwnAddress()).statusCode).toBe(200);
  });

  describe('evaluate', () => {
    const idOf = async (name: string) => (await policies()).find((p) => p.name === name)!.id;

    it.each([
      {
        case: 'Alice reads her own address',
        who: () => alice.id,
        owner: () => alice.id,
        action: 'read',
        type: 'address',
        decision: 'allow',
        matched: ['customer-owns-own'],
      },
      {
        case: 'Bob reads Alice’s address',
        who: () => bob.id,
        owner: () => alice.id,
        action: 'read',
        type: 'address',
        decision: 'deny',
        matched: [],
      },
      {
        case: 'nobody signed in reads Alice’s address',
        who: () => null,
        owner: () => alice.id,
        action: 'read',
        type: 'address',
        decision: 'deny',
        matched: [],
      },
      {
        case: 'support reads Alice’s address',
        who: () => support.id,
        owner: () => alice.id,
        action: 'read',
        type: 'address',
        decision: 'allow',
        matched: ['support-reads-customers'],
      },
      {
        case: 'support changes Alice’s address',
        who: () => support.id,
        owner: () => alice.id,
        action: 'update',
        type: 'address',
        decision: 'deny',
        matched: [],
      },
      {
        case: 'admin changes Alice’s address',
        who: () => admin.id,
        owner: () => alice.id,
        action: 'update',
        type: 'address',
        decision: 'allow',
        matched: ['admin-everything'],
      },
      {
        case: 'Alice refunds an order',
        who: () => alice.id,
        owner: () => alice.id,
        action: 'refund',
        type: 'order',
        decision: 'deny',
        matched: [],
      },
    ])('$case → $decision', async ({ who, owner, action, type, decision, matched }) => {
      const res = await evaluate({ userId: who(), action, resource: { type, ownerId: owner() } });

      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        decision,
        matched: await Promise.all(matched.map(async (name) => ({ id: await idOf(name), name, effect: 'allow' }))),
      });
    });

    it('denies a disabled account, naming deny-inactive', async () => {
      const carol = await registerUser(h);
      await as(admin, { method: 'POST', url: `/api/admin/users/${carol.id}/disable` });

      const res = await evaluate({ userId: carol.id, action: 'read', resource: { type: 'address', ownerId: carol.id } });

      expect(res.json()).toEqual({
        decision: 'deny',
        matched: [
          expect.objectContaining({ name: 'deny-inactive', effect: 'deny' }),
          expect.objectContaining({ name: 'customer-owns-own', effect: 'allow' }),
        ],
      });
    });

    it('answers 404 USER_NOT_FOUND for an unknown user', async () => {
      const res = await evaluate({ userId: randomUUID(), action: 'read', resource: { type: 'address' } });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'USER_NOT_FOUND' });
    });
  });

  describe('a change takes effect on the next request', () => {
    it('a deny policy hides the caller’s own address; disabling it gives it back', async () => {
      expect((await readOwnAddress()).statusCode).toBe(200);
      const deny = await create({
        name: 'freeze-address-reads',
        effect: 'deny',
        actions: ['read'],
        resourceTypes: ['address'],
        conditions: [{ attr: 'subject.roles', op: 'contains', value: 'customer' }],
      });

      try {
        const hidden = await readOwnAddress();
        expect(hidden.statusCode).toBe(404);
        expect(hidden.json()).toMatchObject({ code: 'ADDRESS_NOT_FOUND' });
        // Deny wins over admin-everything too: the admin is also a customer.
        expect((await as(admin, { method: 'GET', url: `/api/users/${alice.id}/addresses/${addressOfAlice}` })).statusCode).toBe(404);

        expect((await replace(deny, { enabled: false })).statusCode).toBe(200);
        expect((await readOwnAddress()).statusCode).toBe(200);
      } finally {
        await as(admin, { method: 'DELETE', url: `/api/admin/policies/${deny.id}` });
      }
    });

    it('a built-in policy can be disabled and enabled again', async () => {
      const supportReads = (await policies()).find((p) => p.name === 'support-reads-customers')!;
      const listUsers = () => as(support, { method: 'GET', url: '/api/admin/users' });
      expect((await listUsers()).statusCode).toBe(200);

      try {
        expect((await replace(supportReads, { enabled: false })).statusCode).toBe(200);
        expect((await listUsers()).statusCode).toBe(403);
      } finally {
        expect((await replace(supportReads, { enabled: true })).statusCode).toBe(200);
      }
      expect((await listUsers()).statusCode).toBe(200);
    });

    it('a deny by IP range applies to requests from that range only, until disabled', async () => {
      const deny = await create({
        name: 'no-address-reads-from-10/8',
        effect: 'deny',
        actions: ['read'],
        resourceTypes: ['address'],
        conditions: [{ attr: 'context.ip', op: 'inCidr', value: ['10.0.0.0/8'] }],
      });
      try {
        // What the policy says…
        const said = await evaluate({
          userId: alice.id,
          action: 'read',
          resource: { type: 'address', ownerId: alice.id },
          context: { ip: '10.1.2.3' },
        });
        expect(said.json()).toMatchObject({
          decision: 'deny',
          matched: expect.arrayContaining([expect.objectContaining({ id: deny.id })]),
        });

        // …is what a request from that address gets.
        const fromInside = await readOwnAddress('10.1.2.3');
        expect(fromInside.statusCode).toBe(404);
        expect(fromInside.json()).toMatchObject({ code: 'ADDRESS_NOT_FOUND' });
        expect((await readOwnAddress('192.168.0.9')).statusCode).toBe(200);

        expect((await replace(deny, { enabled: false })).statusCode).toBe(200);
        expect((await readOwnAddress('10.1.2.3')).statusCode).toBe(200);
      } finally {
        await as(admin, { method: 'DELETE', url: `/api/admin/policies/${deny.id}` });
      }
    });

    // Moves the shop's clock and signs everyone in again: keep it last.
    it('a deny by time of day applies by the shop’s clock', async () => {
      // A one-hour window starting six hours from now (Taipei time): closed now, open after the clock moves.
      const taipeiHHMM = (ms: number) => new Date(h.clock.now().getTime() + ms + 8 * 3_600_000).toISOString().slice(11, 16);
      const window = [taipeiHHMM(6 * 3_600_000), taipeiHHMM(7 * 3_600_000)];
      const deny = await create({
        name: 'maintenance-window',
        effect: 'deny',
        actions: ['read'],
        resourceTypes: ['address'],
        conditions: [{ attr: 'context.time', op: 'between', value: window }],
      });
      try {
        expect((await readOwnAddress()).statusCode).toBe(200);

        h.clock.advance(6.5 * 3_600_000);
        // Access tokens expired meanwhile: sign in again, as people would.
        alice = await loginUser(h, alice.email);
        admin = await loginUser(h, admin.email);

        const res = await readOwnAddress();
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ code: 'ADDRESS_NOT_FOUND' });
      } finally {
        await as(admin, { method: 'DELETE', url: `/api/admin/policies/${deny.id}` });
      }
    });
  });
});
