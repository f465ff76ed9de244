// robots.txt and the sitemaps' XML, as text (pure): what crawlers may read and which storefront
// pages exist, every URL absolute on the shop's public URL and in both languages.

/** Paths crawlers are asked to leave alone: staff, personal and transactional pages, and the API. */
const PRIVATE = ['/admin', '/account', '/api', '/cart', '/checkout'];

/** A storefront page: its zh-TW path (English is the same path under `/en`) and when it last changed. */
export interface SitemapPage {
  path: string;
  lastmod: Date;
}

/** The sitemaps protocol's limit of URLs per file (and of files per index). */
export const SITEMAP_MAX_URLS = 50_000;

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The English URL of a zh-TW path: `/products/x` → `/en/products/x`, `/` → `/en`. */
export const englishPath = (path: string) => (path === '/' ? '/en' : `/en${path}`);

export const productPath = (slug: string) => `/products/${encodeURIComponent(slug)}`;
export const categoryPath = (slug: string) => `/products?category=${encodeURIComponent(slug)}`;

export function robotsTxt(publicUrl: string): string {
  const disallowed = PRIVATE.flatMap((p) => [p, englishPath(p)]).filter((p) => p !== '/en/api');
  return ['User-agent: *', 'Allow: /', ...disallowed.map((p) => `Disallow: ${p}`), '', `Sitemap: ${publicUrl}/sitemap.xml`, ''].join('\n');
}

export const URLSET_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';
export const URLSET_CLOSE = '</urlset>\n';

/**
 * A page's two `<url>` entries, zh-TW and English, each naming both (and zh-TW as `x-default`) as
 * `xhtml:link` alternates, as search engines ask of localized pages.
 */
export function urlEntries(publicUrl: string, page: SitemapPage): string {
  const zh = escapeXml(`${publicUrl}${page.path}`);
  const en = escapeXml(`${publicUrl}${englishPath(page.path)}`);
  const lastmod = page.lastmod.toISOString();
  const alternates =
    `<xhtml:link rel="alternate" hreflang="zh-TW" href="${zh}"/>` +
    `<xhtml:link rel="alternate" hreflang="en" href="${en}"/>` +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${zh}"/>`;
  return [zh, en].map((loc) => `<url><loc>${loc}</loc><lastmod>${lastmod}</lastmod>${alternates}</url>\n`).join('');
}

/** A sitemap index of `/sitemap-1.xml` … `/sitemap-<files>.xml`. */
export function sitemapIndexXml(publicUrl: string, files: number): string {
  const entries = Array.from(
    { length: files },
    (_, i) => `<sitemap><loc>${escapeXml(`${publicUrl}/sitemap-${i + 1}.xml`)}</loc></sitemap>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</sitemapindex>\n`;
}
