import type { Order } from '@shop/contracts/orders';
import { localName } from '$lib/admin/local-name';
import type { Locale } from '$lib/i18n';

/** An order line's product name with its options (`茶杯（M）`), in the page's language. */
export function itemName(items: Order['items'], itemId: string, locale: Locale): string {
  const item = items.find((i) => i.id === itemId);
  if (!item) return itemId.slice(0, 8);
  const options = item.options.map((o) => localName(o.value, locale)).join(' / ');
  const name = localName(item.productName, locale);
  return options ? (locale === 'en' ? `${name} (${options})` : `${name}（${options}）`) : name;
}
