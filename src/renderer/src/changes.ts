import { useEffect, useEffectEvent } from 'react';
import type { ChangeBatch } from '../../shared/api/changes';
import { SIGNED_OUT_EVENT } from './database/unavailable';

type Listener = (batch: ChangeBatch) => void;

/** Said when announcements may have been missed (a stream (re)opened): refetch everything. */
const EVERYTHING = '*';
const MISSED: ChangeBatch = { source: 'local', tables: { [EVERYTHING]: null } };

const listeners = new Set<Listener>();
let connected = false;

function emit(batch: ChangeBatch): void {
  for (const l of listeners) l(batch);
}

/**
 * Browser mode: one server-sent-event stream for all of this browser's tabs. A browser allows
 * only six connections to one host, so a stream per tab would hang the seventh request of the
 * sixth tab; instead one tab (whichever holds the lock) listens and passes each batch on to the
 * others over a BroadcastChannel. When it closes, another tab takes the lock and the stream over.
 */
function connectShared(): void {
  const channel = new BroadcastChannel('liaison-changes');
  const signedOut = () => window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  channel.onmessage = (e: MessageEvent<ChangeBatch | { signedOut: true }>) => ('signedOut' in e.data ? signedOut() : emit(e.data));
  const relay = (batch: ChangeBatch) => {
    emit(batch);
    channel.postMessage(batch);
  };
  // Held while the stream lives. EventSource reconnects by itself after a dropped connection; if
  // it gives up for good (the server answered with an error), the lock is let go and taken again
  // a little later, by this tab or another.
  const listen = () =>
    new Promise<void>((done) => {
      const stream = new EventSource('/api/events');
      stream.onmessage = (e: MessageEvent<string>) => relay(JSON.parse(e.data) as ChangeBatch);
      // Whenever the stream (re)opens, writes since the pages last fetched may have been missed.
      stream.onopen = () => relay(MISSED);
      stream.onerror = () => {
        if (stream.readyState !== EventSource.CLOSED) return;
        stream.close();
        // EventSource does not say why it gave up. A 401 means the app restarted with a new key:
        // every tab says so at once, rather than each on its next save.
        void fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
          (r) => {
            if (r.status !== 401) return;
            signedOut();
            channel.postMessage({ signedOut: true });
          },
          () => {},
        );
        done();
      };
    });
  const hold = (): void => {
    const held = navigator.locks ? navigator.locks.request('liaison-changes-stream', listen) : listen();
    void held.then(() => setTimeout(hold, 3000));
  };
  hold();
}

/** One connection per page to the main process's announcements: IPC in Electron, else the shared stream. */
function connect(): void {
  if (connected) return;
  connected = true;
  const bridge = (window as unknown as { api?: { subscribeChanges?: (l: Listener) => () => void } }).api;
  if (bridge?.subscribeChanges) bridge.subscribeChanges(emit);
  else connectShared();
}

/**
 * Which rows of `table` a batch changed: their ids, null for "possibly any" (a large write, or a
 * reconnect), or undefined when the table was not touched.
 */
function changedIn(batch: ChangeBatch, table: string): string[] | null | undefined {
  if (EVERYTHING in batch.tables) return null;
  return batch.tables[table];
}

export function subscribeChanges(listener: Listener): () => void {
  connect();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Calls `onChange` after each committed write that touches one of `tables` (and, with `ids`, one
 * of those rows), so what a screen shows follows the data without a reload: a second window, an
 * import finishing, a sync pull.
 */
export function useChanges(tables: readonly string[], onChange: (batch: ChangeBatch) => void, ids?: readonly string[]): void {
  const onEvent = useEffectEvent(onChange);
  const key = JSON.stringify([tables, ids ?? null]);
  useEffect(() => {
    const [tbls, only] = JSON.parse(key) as [string[], string[] | null];
    return subscribeChanges((batch) => {
      const hit = tbls.some((t) => {
        const changed = changedIn(batch, t);
        if (changed === undefined) return false;
        return changed === null || only === null || changed.some((id) => only.includes(id));
      });
      if (hit) onEvent(batch);
    });
  }, [key]);
}
