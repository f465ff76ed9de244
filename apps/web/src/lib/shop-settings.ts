/**
 * Market defaults of the storefront, in one place. Taiwan first; another market changes these.
 */
export const shopSettings = {
  currency: 'TWD',
  timeZone: 'Asia/Taipei',
} as const;

/**
 * Digits of a currency's minor unit where the platform differs from ISO 4217 (which Intl follows).
 * TWD is charged in whole dollars (ECPay takes integer amounts), so 1 minor unit = NT$1.
 * Currencies not listed use Intl's digits (USD 2, JPY 0, …).
 */
export const minorUnitDigitsOverrides: Readonly<Record<string, number>> = { TWD: 0 };
