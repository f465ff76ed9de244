import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // build/handler.js is mounted by the API process (apps/api) behind /api.
    adapter: adapter({ out: 'build' }),
    // SvelteKit adds a nonce (rendered pages) or a hash (prerendered ones) for its own inline
    // scripts; no other script runs. Styles may be inline (Svelte's style attributes and
    // transitions). Images may come from an S3 bucket or CDN (S3_PUBLIC_URL), hence https:.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:', 'https:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
    // ECPay's store map posts the chosen store back from the shopper's browser (a cross-site form
    // post to /checkout/store-selected), and its cashier posts the browser back to /payment/result;
    // the simulator posts from this origin.
    csrf: {
      trustedOrigins: [
        'https://logistics-stage.ecpay.com.tw',
        'https://logistics.ecpay.com.tw',
        'https://payment-stage.ecpay.com.tw',
        'https://payment.ecpay.com.tw',
      ],
    },
    typescript: {
      // Type-check the Playwright specs and the test configs with the app (svelte-check).
      config: (tsconfig) => {
        tsconfig.include.push('../e2e/**/*.ts', '../vitest.config.ts', '../../../playwright.config.ts');
      },
    },
  },
};

export default config;
