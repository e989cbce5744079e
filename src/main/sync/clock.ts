import crypto from 'node:crypto';
import os from 'node:os';
import { HybridClock } from '../../shared/hlc';
import type { Store } from '../db/store';

/**
 * The install's HLC node. The id is re-made when the database file turns up on another machine
 * or path (a copied file must not issue timestamps that collide with the original's).
 */
export function loadClock(store: Store, dbFile: string, now: () => number = Date.now): HybridClock {
  const fingerprint = crypto.createHash('sha256').update(`${os.hostname()}\0${dbFile}`).digest('hex');
  const get = (key: string) => store.first(store.q.selectFrom('meta').select('value').where('key', '=', key))?.value;
  let node = get('hlc_node');
  if (!node || get('hlc_fingerprint') !== fingerprint) {
    node = crypto.randomBytes(8).toString('hex');
    store.tx(() => {
      for (const [key, value] of [['hlc_node', node!], ['hlc_fingerprint', fingerprint]] as const) {
        store.run(store.q.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
      }
    });
  }
  const clock = new HybridClock(node, now);
  // Never issue a timestamp below one already written, even if the wall clock went backwards.
  const last = store.first(store.q.selectFrom('changes').select('hlc').orderBy('hlc', 'desc').limit(1));
  if (last) clock.advanceTo(last.hlc);
  return clock;
}
