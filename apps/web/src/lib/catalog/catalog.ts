/** Pure catalog helpers shared by the storefront and admin pages (no I/O). */

/**
 * The API's search highlight (`<mark>` around matches, everything else HTML-escaped) made safe to
 * render with `{@html}` whatever arrives: only bare `<mark>`/`</mark>` survive as tags; any other
 * `<`, `>` or `"` is escaped. Existing entities (`&amp;`) are kept as they are.
 */
export function safeHighlight(html: string): string {
  return html
    .split(/(<\/?mark>)/)
    .map((part) =>
      part === '<mark>' || part === '</mark>' ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    )
    .join('');
}

/** JSON for an inline `<script type="application/ld+json">`: `<` escaped so no text can close the script. */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// ---------- the storefront list's query string ----------

export const sorts = ['relevance', 'newest', 'price_asc', 'price_desc', 'bestselling', 'name'] as const;
export type Sort = (typeof sorts)[number];

/** What `/products?…` asks for, read leniently from the address (bad values are dropped, not errors). */
export interface ListState {
  q: string;
  category: string;
  brand: string;
  /** A price bucket `min-max` (max empty for "and up"), as the facets list them. */
  price: string;
  /** `code:value` pairs. */
  attr: string[];
  inStock: boolean;
  sort: Sort;
  page: number;
}

export const pageSize = 24;

export function readListState(params: URLSearchParams): ListState {
  const sort = params.get('sort') ?? '';
  const page = Number(params.get('page') ?? '1');
  return {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    category: (params.get('category') ?? '').slice(0, 120),
    brand: (params.get('brand') ?? '').slice(0, 120),
    price: /^\d+-\d*$/.test(params.get('price') ?? '') ? (params.get('price') as string) : '',
    attr: [...new Set(params.getAll('attr').filter((a) => /^[a-z][a-z0-9_]{0,39}:.{1,100}$/.test(a)))].slice(0, 30),
    inStock: params.get('inStock') === 'true',
    sort: (sorts as readonly string[]).includes(sort) ? (sort as Sort) : 'relevance',
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** `500-999` → `{ priceMin: 500, priceMax: 999 }`; `5000-` → `{ priceMin: 5000 }`. Minor units. */
export function priceRange(bucket: string): { priceMin?: number; priceMax?: number } {
  const match = /^(\d+)-(\d*)$/.exec(bucket);
  if (!match) return {};
  return { priceMin: Number(match[1]), ...(match[2] ? { priceMax: Number(match[2]) } : {}) };
}

export function priceBucket(min: number, max: number | null): string {
  return `${min}-${max ?? ''}`;
}

/** The list address for a state: defaults left out, so URLs stay short and shareable. */
export function listHref(state: Partial<ListState>): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('category', state.category);
  if (state.brand) params.set('brand', state.brand);
  if (state.price) params.set('price', state.price);
  for (const a of state.attr ?? []) params.append('attr', a);
  if (state.inStock) params.set('inStock', 'true');
  if (state.sort && state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page && state.page > 1) params.set('page', String(state.page));
  const qs = params.toString();
  return qs ? `/products?${qs}` : '/products';
}

// ---------- variants ----------

export interface VariantLike {
  id: string;
  sku: string;
  salesAttributes: Record<string, string>;
}

/** The variant named by `?variant=`, else the first one. */
export function selectedVariant<V extends VariantLike>(variants: readonly V[], variantId: string | null): V | undefined {
  return variants.find((v) => v.id === variantId) ?? variants[0];
}

export interface AttributeOption {
  value: string;
  /** The variant this option leads to: the current one with only this attribute changed when it exists. */
  variantId: string;
  selected: boolean;
}

/** Sales attributes as option groups (code → values in first-seen order), each value pointing at a variant. */
export function variantOptions(
  variants: readonly VariantLike[],
  selected: VariantLike | undefined,
): { code: string; options: AttributeOption[] }[] {
  const codes: string[] = [];
  for (const v of variants) for (const code of Object.keys(v.salesAttributes)) if (!codes.includes(code)) codes.push(code);
  return codes.map((code) => {
    const values: string[] = [];
    for (const v of variants) {
      const value = v.salesAttributes[code];
      if (value !== undefined && !values.includes(value)) values.push(value);
    }
    return {
      code,
      options: values.map((value) => {
        const exact = variants.find(
          (v) =>
            v.salesAttributes[code] === value &&
            codes.every((other) => other === code || v.salesAttributes[other] === selected?.salesAttributes[other]),
        );
        const any = variants.find((v) => v.salesAttributes[code] === value);
        return { value, variantId: (exact ?? any)?.id ?? '', selected: selected?.salesAttributes[code] === value };
      }),
    };
  });
}

// ---------- category trees ----------

export interface TreeNode {
  id: string;
  children: TreeNode[];
}

/** The categories from a root down to the one whose slug or id is `key`; null when the tree has none. */
export function categoryPath<N extends { id: string; slug: string; children: N[] }>(nodes: readonly N[], key: string): N[] | null {
  for (const node of nodes) {
    if (node.slug === key || node.id === key) return [node];
    const below = categoryPath(node.children, key);
    if (below) return [node, ...below];
  }
  return null;
}

export interface Crumb {
  label: string;
  /** Absent on the last crumb: the page itself. */
  href?: string | undefined;
}

/** schema.org BreadcrumbList of the crumbs a page shows; links made absolute, the last one is `pageUrl`. */
export function breadcrumbList(crumbs: readonly Crumb[], origin: string, pageUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.label,
      item: crumb.href ? new URL(crumb.href, origin).href : pageUrl,
    })),
  };
}

/** A tree depth-first, with each node's depth, for selects and indented lists. */
export function flattenTree<N extends { children: N[] }>(nodes: readonly N[], depth = 0): { node: N; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flattenTree(node.children, depth + 1)]);
}

/** Ids of a node and everything under it (a category cannot move under itself). */
export function subtreeIds<N extends { id: string; children: N[] }>(node: N): Set<string> {
  return new Set(flattenTree([node]).map((entry) => entry.node.id));
}

/**
 * The sibling order after moving `id` before `beforeId` (or to the end when null) among `siblings`
 * (ids in the current order, `id` possibly absent when it comes from another parent).
 */
export function reorder(siblings: readonly string[], id: string, beforeId: string | null): string[] {
  const rest = siblings.filter((s) => s !== id);
  const at = beforeId === null ? -1 : rest.indexOf(beforeId);
  if (at < 0) return [...rest, id];
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

// ---------- attribute definitions ----------

/** `M` or `M|中號|Medium` per line. */
/** Allowed values as the editor's `value|中文|English` lines (the inverse of `parseAllowedValues`). */
export function formatAllowedValues(
  values: readonly { value: string; label: { 'zh-TW': string; en?: string | undefined } }[] | null,
): string {
  return (values ?? []).map((v) => [v.value, v.label['zh-TW'], v.label.en ?? ''].join('|').replace(/\|+$/, '')).join('\n');
}

export function parseAllowedValues(textValue: string) {
  return textValue
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [value = '', zh, en] = line.split('|').map((part) => part.trim());
      return { value, label: { 'zh-TW': zh || value, ...(en ? { en } : {}) } };
    });
}
