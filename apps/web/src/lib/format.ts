import type { Locale } from './i18n';
import { minorUnitDigitsOverrides, shopSettings } from './shop-settings';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

/** How many digits a currency's minor unit has (TWD 0, USD 2). */
export function minorUnitDigits(currency: string): number {
  return (
    minorUnitDigitsOverrides[currency] ??
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
    2
  );
}

export interface MoneyOptions {
  currency?: string;
  locale?: Locale;
}

/**
 * Formats an amount given in integer minor units: `formatMoney(1234)` → "$1,234" (zh-TW, TWD),
 * `formatMoney(1234, { currency: 'USD', locale: 'en' })` → "$12.34".
 */
export function formatMoney(minor: number, { currency = shopSettings.currency, locale = 'zh-TW' }: MoneyOptions = {}): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be an integer of minor units, got ${minor}`);
  const digits = minorUnitDigits(currency);
  const formatter = cached(
    `money|${locale}|${currency}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  );
  return formatter.format(minor / 10 ** digits);
}

export type DateInput = Date | string | number;

const dateTimeOptions: Record<Locale, Intl.DateTimeFormatOptions> = {
  // 2025/01/02 15:04, as Taiwanese sites and receipts write it
  'zh-TW': { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  // Jan 2, 2025, 3:04 PM: spelled-out month, so the day/month order is never ambiguous
  en: { dateStyle: 'medium', timeStyle: 'short' },
};

const dateOptions: Record<Locale, Intl.DateTimeFormatOptions> = {
  'zh-TW': { year: 'numeric', month: '2-digit', day: '2-digit' },
  en: { dateStyle: 'medium' },
};

function toDate(input: DateInput): Date {
  const date = input instanceof Date ? input : new Date(input);
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid date: ${String(input)}`);
  return date;
}

/** Date and time in the shop's time zone (Asia/Taipei), whatever the server's or browser's zone. */
export function formatDateTime(input: DateInput, locale: Locale, timeZone: string = shopSettings.timeZone): string {
  return cached(`datetime|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { ...dateTimeOptions[locale], timeZone })).format(
    toDate(input),
  );
}

/** Calendar date in the shop's time zone (Asia/Taipei). */
export function formatDate(input: DateInput, locale: Locale, timeZone: string = shopSettings.timeZone): string {
  return cached(`date|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { ...dateOptions[locale], timeZone })).format(
    toDate(input),
  );
}
