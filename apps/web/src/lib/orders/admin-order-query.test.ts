import { describe, expect, it } from 'vitest';
import { adminOrderQuery } from './admin-order-query';

const METHOD = '11111111-1111-4111-8111-111111111111';

describe('adminOrderQuery', () => {
  it('turns the page address into the API query: Taiwan days, sort direction from the sign', () => {
    const { query, filters } = adminOrderQuery(
      new URLSearchParams({
        status: 'pending_payment',
        from: '2026-12-01',
        to: '2026-12-07',
        orderNumber: ' 1765 ',
        email: 'ann@',
        phone: '0912-345',
        paymentStatus: 'pending',
        shippingMethodId: METHOD,
        sort: '-total',
        page: '2',
      }),
    );
    expect(query).toEqual({
      status: 'pending_payment',
      from: '2026-12-01T00:00:00.000+08:00',
      to: '2026-12-07T23:59:59.999+08:00',
      orderNumber: '1765',
      email: 'ann@',
      phone: '0912345',
      paymentStatus: 'pending',
      shippingMethodId: METHOD,
      sort: 'total',
      dir: 'desc',
      page: 2,
      pageSize: 25,
    });
    expect(filters.phone).toBe('0912345');
  });

  it('drops what the API would refuse instead of emptying the page, newest first by default', () => {
    const { query, filters } = adminOrderQuery(
      new URLSearchParams({ status: 'lost', from: '12/01/2026', orderNumber: 'abc', shippingMethodId: 'x', sort: 'buyer', page: '0' }),
    );
    expect(query).toEqual({ sort: 'createdAt', dir: 'desc', page: 1, pageSize: 25 });
    expect(filters).toMatchObject({ status: '', from: '', orderNumber: '', shippingMethodId: '' });
  });

  it('sorts ascending without the sign', () => {
    expect(adminOrderQuery(new URLSearchParams({ sort: 'orderNumber' })).query).toMatchObject({ sort: 'orderNumber', dir: 'asc' });
  });
});
