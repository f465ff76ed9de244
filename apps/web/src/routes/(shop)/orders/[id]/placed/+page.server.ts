import { createGuestAccount } from '../guest-account';
import { loadShopperOrder } from '../order-load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { order, token } = await loadShopperOrder(event);
  return { order, linkToken: event.locals.user ? null : token };
};

export const actions: Actions = {
  account: createGuestAccount,
};
