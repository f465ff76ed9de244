// Signed links that open one order without an account (a guest's order): HS256 tokens naming the
// order id, with their own audience so no other token of the shop passes as one.
import { jwtVerify, SignJWT } from 'jose';

const AUDIENCE = 'shop:order-link';
/** A guest keeps reaching the order for this long (returns and questions come weeks later). */
export const ORDER_LINK_TTL_SEC = 180 * 24 * 60 * 60;

export async function signOrderToken(key: Uint8Array, orderId: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(orderId)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ORDER_LINK_TTL_SEC)
    .sign(key);
}

/** The order id a valid, unexpired token names; null for anything else. */
export async function verifyOrderToken(key: Uint8Array, token: string, now: Date): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['exp', 'sub'],
    });
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
