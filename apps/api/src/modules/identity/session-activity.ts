import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';
import * as repo from './identity.repo.js';

/** "Last used" is kept to the minute: a session is written at most once a minute, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** Past this many sessions remembered, the memory starts over (a few extra writes, bounded memory). */
const MAX_REMEMBERED = 50_000;

/**
 * Notes each use of a session for the sessions list. Each process remembers when it last wrote a
 * session and skips the write within a minute of it; the UPDATE itself skips a row another process
 * wrote within the minute. So a busy session costs one write a minute, whatever the traffic.
 */
export function sessionActivity(db: Db, clock: Clock) {
  const lastWrite = new Map<string, number>();
  return async (actor: Actor): Promise<void> => {
    const now = clock.now();
    const last = lastWrite.get(actor.sessionId);
    if (last !== undefined && now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    if (lastWrite.size >= MAX_REMEMBERED) lastWrite.clear();
    lastWrite.set(actor.sessionId, now.getTime());
    await repo.noteSessionUse(db, actor.sessionId, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
  };
}
