import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import * as repo from './scheduler.repo.js';

/** A recurring job. `run` must be safe to retry: a crash mid-run makes it run again after the lease. */
export interface ScheduledJob {
  name: string;
  intervalMs: number;
  run(db: Db): Promise<void>;
}

export interface Scheduler {
  /** Creates or updates the jobs' rows. */
  register(): Promise<void>;
  /** Runs every job that is due now and not taken by another process; resolves to their names. */
  runDue(): Promise<string[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Postgres-backed scheduler: the `scheduled_jobs` row is the lock, claimed with
 * `FOR UPDATE SKIP LOCKED` and a lease, so any number of processes can run it side by side and
 * each due run happens once.
 */
export function createScheduler(opts: {
  db: Db;
  jobs: readonly ScheduledJob[];
  pollMs: number;
  leaseMs: number;
  log: { error(o: object, msg: string): void };
}): Scheduler {
  const workerId = randomUUID();
  const byName = new Map(opts.jobs.map((j) => [j.name, j]));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (;;) {
      const claimed = await repo.claimDueJob(opts.db, [...byName.keys()], workerId, opts.leaseMs);
      if (!claimed) return ran;
      const job = byName.get(claimed.name)!;
      let error: string | null = null;
      try {
        await job.run(opts.db);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        opts.log.error({ err, job: job.name }, 'scheduled job failed');
      }
      await repo.finishJob(opts.db, job.name, workerId, error);
      ran.push(job.name);
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runDue()
        .catch((err: unknown) => opts.log.error({ err }, 'scheduler tick failed'))
        .finally(schedule);
    }, opts.pollMs);
  }

  async function register() {
    for (const job of opts.jobs) await repo.upsertJob(opts.db, job.name, job.intervalMs);
  }

  return {
    register,
    runDue,
    async start() {
      if (!stopped) return;
      await register();
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
