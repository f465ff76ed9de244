import { expect, test } from '@playwright/test';

// The shop as a crawler finds it on the one port that serves pages and API alike.
test.describe('robots.txt and sitemap.xml', () => {
  test('robots.txt points to the sitemap, which lists the products on the shelf in both languages', async ({ request }) => {
    const robots = await request.get('/robots.txt');
    expect(robots.status()).toBe(200);
    const text = await robots.text();
    expect(text).toContain('Disallow: /admin');
    expect(text).toContain('Disallow: /checkout');
    const sitemapUrl = /^Sitemap: (\S+)$/m.exec(text)?.[1];
    expect(sitemapUrl).toMatch(/\/sitemap\.xml$/);

    const sitemap = await request.get('/sitemap.xml');
    expect(sitemap.status()).toBe(200);
    expect(sitemap.headers()['content-type']).toContain('application/xml');
    const xml = await sitemap.text();
    const origin = new URL(sitemapUrl!).origin;
    const listed = await request.get('/api/products?pageSize=3');
    const { items } = (await listed.json()) as { items: Array<{ slug: string }> };
    expect(items.length).toBeGreaterThan(0);
    for (const { slug } of items) {
      expect(xml).toContain(`<loc>${origin}/products/${slug}</loc>`);
      expect(xml).toContain(`<loc>${origin}/en/products/${slug}</loc>`);
    }
    // a listed page opens
    const first = /<loc>([^<]+\/products\/[^<]+)<\/loc>/.exec(xml)![1]!;
    const page = await request.get(new URL(first).pathname);
    expect(page.status()).toBe(200);
  });
});
