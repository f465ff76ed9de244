// `npm run seed [-- --force]`: loads the demo catalog into DATABASE_URL (or the embedded database)
// when it has no products (and, without --force, no categories).
import { loadConfig } from './config.js';
import { openDatabase } from './db/open.js';
import { seedDemoCatalog } from './modules/catalog/index.js';
import { seedDemoStock } from './modules/inventory/index.js';

const config = loadConfig(undefined, []);
const opened = await openDatabase(config, (msg) => console.log(msg));
try {
  const result = await seedDemoCatalog({ db: opened.db, media: config.media }, { force: process.argv.includes('--force') });
  const stocked = await seedDemoStock(opened.db, result.stock);
  console.log(
    result.status === 'seeded'
      ? `seeded ${result.products} demo products (${stocked} variants stocked) in ${result.ms} ms (${opened.label})`
      : `seed skipped: ${result.reason}`,
  );
} finally {
  await opened.close();
}
