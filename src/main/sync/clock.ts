import crypto from 'node:crypto';
import { HybridClock } from '../../shared/hlc';
import type { Store } from '../db/store';

/**
 * This process's HLC. The node id is new for every process that writes: two processes (or a
 * copied database file on another machine) can then never issue the same timestamp, which a
 * stored id could not promise. The id only breaks ties between equal instants, so a fresh one
 * costs nothing.
 */
export function loadClock(store: Store, now: () => number = Date.now): HybridClock {
  const clock = new HybridClock(crypto.randomBytes(8).toString('hex'), now);
  // Never issue a timestamp below one already written, even if the wall clock went backwards.
  const last = store.first(store.q.selectFrom('changes').select('hlc').orderBy('hlc', 'desc').limit(1));
  if (last) clock.advanceTo(last.hlc);
  return clock;
}
