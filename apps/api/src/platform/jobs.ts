import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { pruneSentEvents } from './outbox.js';
import type { ScheduledJob } from './scheduler.js';

/** The platform's own recurring jobs; modules add theirs (reservation expiry, reconciliation). */
export function platformJobs(config: Config): ScheduledJob[] {
  return [
    {
      name: 'outbox.prune-sent',
      intervalMs: 60 * 60 * 1000,
      run: async (db: Db) => {
        await pruneSentEvents(db, { days: config.outbox.retentionDays });
      },
    },
  ];
}
