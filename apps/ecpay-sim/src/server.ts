// Runs the simulator alone: `npm start -w apps/ecpay-sim -- --port=3144 [--host=127.0.0.1]`.
// ECPay's paths are served at the root (`POST /Express/map`); `/` has a page to try them.
import Fastify from 'fastify';
import { ecpaySimulator } from './index.js';

function arg(name: string, fallback: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const port = Number(arg('port', '3144'));
const host = arg('host', '127.0.0.1');
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port=${port}: must be a port number`);
  process.exit(64);
}

const app = Fastify({ logger: { level: 'info' } });
await app.register(ecpaySimulator);
await app.listen({ port, host });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
