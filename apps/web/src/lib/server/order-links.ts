import type { Cookies } from '@sveltejs/kit';

/**
 * Guests open their orders through a signed token (from the checkout answer or the order lookup).
 * The browser that placed or looked up the order keeps it in an httpOnly cookie per order, so the
 * order's page opens without the token in its address; the address form (`?token=`) works anywhere.
 */
const cookieName = (orderId: string) => `order_link_${orderId.replace(/[^0-9a-f-]/gi, '')}`;
const THIRTY_DAYS = 60 * 60 * 24 * 30;

export function keepOrderToken(cookies: Pick<Cookies, 'set'>, url: URL, orderId: string, token: string): void {
  cookies.set(cookieName(orderId), token, {
    path: '/',
    maxAge: THIRTY_DAYS,
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
  });
}

/** The token of this order: the address's `?token=`, else the one this browser kept. */
export function orderTokenOf(cookies: Pick<Cookies, 'get'>, url: URL, orderId: string): string | null {
  const fromUrl = url.searchParams.get('token');
  if (fromUrl && fromUrl.length <= 2000) return fromUrl;
  return cookies.get(cookieName(orderId)) ?? null;
}
