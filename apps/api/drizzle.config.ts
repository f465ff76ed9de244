import { defineConfig } from 'drizzle-kit';

// Generation only needs the schema; migrations are applied by the app (src/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  casing: 'snake_case',
});
