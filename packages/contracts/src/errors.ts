import { CartErrorCodes } from './errors/cart.js';
import { CatalogErrorCodes } from './errors/catalog.js';
import { CheckoutErrorCodes } from './errors/checkout.js';
import { IdentityErrorCodes } from './errors/identity.js';
import { InventoryErrorCodes } from './errors/inventory.js';
import { NotificationsErrorCodes } from './errors/notifications.js';
import { OrdersErrorCodes } from './errors/orders.js';
import { PaymentsErrorCodes } from './errors/payments.js';
import { PlatformErrorCodes } from './errors/platform.js';
import { PricingErrorCodes } from './errors/pricing.js';
import { ShippingErrorCodes } from './errors/shipping.js';
import { StoreErrorCodes } from './errors/store.js';

/**
 * Every problem `code` the API answers with, one list per module (a module's codes live in
 * `errors/<module>.ts`). The API's error classes take an `ErrorCode`, so a code missing here does
 * not compile; clients type the codes they handle with it. Field-level codes inside a
 * VALIDATION_FAILED problem's `errors` (`too_small`, `REQUIRED`, …) are not problem codes.
 */
export { CartErrorCodes, type CartErrorCode } from './errors/cart.js';
export { CatalogErrorCodes, type CatalogErrorCode } from './errors/catalog.js';
export { CheckoutErrorCodes, type CheckoutErrorCode } from './errors/checkout.js';
export { IdentityErrorCodes, type IdentityErrorCode } from './errors/identity.js';
export { InventoryErrorCodes, type InventoryErrorCode } from './errors/inventory.js';
export { NotificationsErrorCodes, type NotificationsErrorCode } from './errors/notifications.js';
export { OrdersErrorCodes, type OrdersErrorCode } from './errors/orders.js';
export { PaymentsErrorCodes, type PaymentsErrorCode } from './errors/payments.js';
export { PlatformErrorCodes, type PlatformErrorCode } from './errors/platform.js';
export { PricingErrorCodes, type PricingErrorCode } from './errors/pricing.js';
export { ShippingErrorCodes, type ShippingErrorCode } from './errors/shipping.js';
export { StoreErrorCodes, type StoreErrorCode } from './errors/store.js';

/** Each module's list under the module's name. */
export const ErrorCodesByModule = {
  platform: PlatformErrorCodes,
  identity: IdentityErrorCodes,
  notifications: NotificationsErrorCodes,
  catalog: CatalogErrorCodes,
  inventory: InventoryErrorCodes,
  shipping: ShippingErrorCodes,
  pricing: PricingErrorCodes,
  cart: CartErrorCodes,
  store: StoreErrorCodes,
  checkout: CheckoutErrorCodes,
  orders: OrdersErrorCodes,
  payments: PaymentsErrorCodes,
} as const;

export type ErrorCode = (typeof ErrorCodesByModule)[keyof typeof ErrorCodesByModule][number];

/** Every code of every module. */
export const ErrorCodes: readonly ErrorCode[] = Object.values(ErrorCodesByModule).flat();

const known = new Set<string>(ErrorCodes);

/** True when `code` is one of the codes above. */
export function isErrorCode(code: string): code is ErrorCode {
  return known.has(code);
}
