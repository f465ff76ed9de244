// `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded database.
import { loadConfig } from '../config.js';
import { openDatabase } from './open.js';

const config = loadConfig();
const opened = await openDatabase(config, (msg) => console.log(msg));
try {
  console.log(`migrations applied to ${opened.label}`);
} finally {
  await opened.close();
}
