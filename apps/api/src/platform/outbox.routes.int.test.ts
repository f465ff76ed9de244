import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.js';
import { bearer, makeStaff, registerUser } from '../../test/identity-helpers.js';
import { appendRawEvent } from './outbox.js';

describe('staff view of dead events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('lists dead events with their last error and puts one back to pending, which then gets delivered', async () => {
    const admin = await makeStaff(h, ['admin']);
    // A mail event whose payload the mailer refuses: it dies after its (test) single attempt.
    const { id } = await h.db.transaction((tx) =>
      appendRawEvent(tx, { aggregateType: 'email', aggregateId: 'x', eventType: 'email.send', payload: { to: 'not-an-address' } }),
    );
    await h.deliverEvents();

    const list = await h.app.inject({ method: 'GET', url: '/api/admin/outbox/dead', headers: bearer(admin) });
    expect(list.statusCode).toBe(200);
    const dead = (list.json().items as Array<{ id: string; lastError: string; attempts: number }>).find((e) => e.id === id);
    expect(dead).toMatchObject({ attempts: 1, lastError: expect.stringContaining('notifications.email-send') });

    // Staff fix the data, then send it again.
    await h.pool.query(`UPDATE event_outbox SET payload = $1 WHERE id = $2`, [
      { to: 'fixed@example.tw', template: 'password_changed', locale: 'en', params: { displayName: 'Ming' } },
      id,
    ]);
    const requeue = await h.app.inject({ method: 'POST', url: `/api/admin/outbox/${id}/requeue`, headers: bearer(admin) });
    expect(requeue.statusCode).toBe(204);
    await h.deliverEvents();
    const { rows } = await h.pool.query('SELECT status FROM event_outbox WHERE id = $1', [id]);
    expect(rows[0].status).toBe('sent');
    const mail = await h.pool.query(`SELECT subject FROM mail_messages WHERE "to" = 'fixed@example.tw'`);
    expect(mail.rows).toHaveLength(1);

    const twice = await h.app.inject({ method: 'POST', url: `/api/admin/outbox/${id}/requeue`, headers: bearer(admin) });
    expect(twice.json()).toMatchObject({ status: 409, code: 'OUTBOX_EVENT_NOT_DEAD' });
  });

  it('is for admins only', async () => {
    const customer = await registerUser(h);
    expect((await h.app.inject({ method: 'GET', url: '/api/admin/outbox/dead', headers: bearer(customer) })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/admin/outbox/dead' })).statusCode).toBe(401);
  });
});
