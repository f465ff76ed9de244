// The cart module's private pieces the benchmark needs to make thousands of guest carts quickly: its
// repository (the rows exactly as addItem writes them) and the token hash. The module boundary rule
// allows imports only through index.ts; the bench is the one exception.
/* eslint-disable shop/boundaries -- the benchmark writes carts through the cart's own repository */
export { insertGuestCart, insertItem } from '../../apps/api/src/modules/cart/cart.repo.js';
export { hashToken } from '../../apps/api/src/modules/cart/cart.service.js';
/* eslint-enable shop/boundaries */
