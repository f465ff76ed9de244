import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // build/handler.js is mounted by the API process (apps/api) behind /api.
    adapter: adapter({ out: 'build' }),
    typescript: {
      // Type-check the Playwright specs and the test configs with the app (svelte-check).
      config: (tsconfig) => {
        tsconfig.include.push('../e2e/**/*.ts', '../vitest.config.ts', '../../../playwright.config.ts');
      },
    },
  },
};

export default config;
