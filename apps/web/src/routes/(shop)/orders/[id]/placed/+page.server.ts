import { loadShopperOrder } from '../order-load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { order, token } = await loadShopperOrder(event);
  return { order, linkToken: event.locals.user ? null : token };
};
