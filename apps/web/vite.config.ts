import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In dev the API runs as its own process; in production it serves this app itself.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT || 3000}`;

export default defineConfig({
  plugins: [sveltekit()],
  // Bundle SvelteKit's own `cookie` (0.6): the one hoisted to the root node_modules is fastify's
  // 2.x, whose API differs, and an external import from the build would resolve to it.
  ssr: { noExternal: ['cookie'] },
  // robots.txt and the sitemaps are the API's too (it reads the catalog and knows the public URL).
  server: { proxy: { '/api': apiTarget, '/media': apiTarget, '/robots.txt': apiTarget, '^/sitemap(-\\d+)?\\.xml$': apiTarget } },
  preview: { proxy: { '/api': apiTarget, '/media': apiTarget, '/robots.txt': apiTarget, '^/sitemap(-\\d+)?\\.xml$': apiTarget } },
});
