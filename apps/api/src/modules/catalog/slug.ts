/**
 * URL slugs for categories, brands and products. Pure: uniqueness is asked through a callback, so the
 * same rule serves every table and tests need no database.
 */

/** The shape `@shop/contracts` accepts: lower-case ASCII letters, digits, CJK ideographs, single dashes. */
export const SLUG_PATTERN = /^[a-z0-9\u3400-\u9fff]+(?:-[a-z0-9\u3400-\u9fff]+)*$/;
export const SLUG_MAX = 120;
/** Room kept for a `-NNN` collision suffix. */
const BASE_MAX = SLUG_MAX - 8;

/**
 * Turns a name into a slug: NFKC (full-width letters and digits become ASCII), lower case, accents
 * dropped, CJK ideographs kept as they are, everything else a single dash. Empty when nothing usable remains.
 */
export function slugify(text: string): string {
  const s = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\u3400-\u9fff]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return [...s].slice(0, BASE_MAX).join('').replace(/-+$/g, '');
}

/** The slug to derive from translatable names: English when given (ASCII URLs), else zh-TW; `fallback` when neither yields anything. */
export function baseSlug(name: { 'zh-TW': string; en?: string | undefined }, fallback: string): string {
  return slugify(name.en ?? '') || slugify(name['zh-TW']) || fallback;
}

/**
 * The first free slug of `base`, `base-2`, `base-3`, … as `isTaken` answers. Gives up after
 * `maxTries` (the caller turns that into a conflict).
 */
export async function uniqueSlug(base: string, isTaken: (slug: string) => Promise<boolean>, maxTries = 200): Promise<string> {
  for (let n = 1; n <= maxTries; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new Error(`no free slug for ${base} after ${maxTries} tries`);
}
