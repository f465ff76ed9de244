import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests of $lib code in plain Node; no SvelteKit plugin, so `$env/*` and `$app/*` are not available.
export default defineConfig({
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
  },
  test: {
    name: 'web',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
