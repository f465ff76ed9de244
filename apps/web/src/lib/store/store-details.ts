import type { LegalPageSlug, PublicStore } from '@shop/contracts/store';
import type { Locale } from '$lib/i18n';
import { formatTaiwanPhone } from './phone';

/** The legal pages in footer order, with their storefront paths. */
export const legalLinks: ReadonlyArray<{ slug: LegalPageSlug; path: string }> = [
  { slug: 'terms', path: '/terms' },
  { slug: 'privacy', path: '/privacy' },
  { slug: 'returns', path: '/returns' },
];

/** One line of the shop's contact or company details: what it is, and its value as shown. */
export interface DetailLine {
  key: 'phone' | 'serviceLine' | 'email' | 'address' | 'hours' | 'companyName' | 'taxId' | 'representative';
  value: string;
  href?: string;
}

/** How to reach the shop, only what is filled in. */
export function contactLines(store: PublicStore, locale: Locale): DetailLine[] {
  const lines: DetailLine[] = [];
  if (store.serviceLine) lines.push({ key: 'serviceLine', value: formatTaiwanPhone(store.serviceLine), href: `tel:${store.serviceLine}` });
  if (store.phone) lines.push({ key: 'phone', value: formatTaiwanPhone(store.phone), href: `tel:${store.phone}` });
  if (store.contactEmail) lines.push({ key: 'email', value: store.contactEmail, href: `mailto:${store.contactEmail}` });
  if (store.address) lines.push({ key: 'address', value: store.address });
  const hours = store.businessHours[locale];
  if (hours) lines.push({ key: 'hours', value: hours });
  return lines;
}

/** The company behind the shop (公司名稱, 統一編號, 負責人), only what is filled in. */
export function companyLines(store: PublicStore): DetailLine[] {
  const lines: DetailLine[] = [];
  if (store.company.name) lines.push({ key: 'companyName', value: store.company.name });
  if (store.company.taxId) lines.push({ key: 'taxId', value: store.company.taxId });
  if (store.company.representative) lines.push({ key: 'representative', value: store.company.representative });
  return lines;
}
