import { useEffect, useEffectEvent } from 'react';
import type { ChangeBatch } from '../../shared/api/changes';

type Listener = (batch: ChangeBatch) => void;

/** Said when announcements may have been missed (the stream reconnected): refetch everything. */
const EVERYTHING = '*';

const listeners = new Set<Listener>();
let connected = false;

function emit(batch: ChangeBatch): void {
  for (const l of listeners) l(batch);
}

/**
 * One connection per page to the main process's change announcements: IPC inside Electron (the
 * preload's subscribeChanges), one server-sent-event stream in browser mode.
 */
function connect(): void {
  if (connected) return;
  connected = true;
  const bridge = (window as unknown as { api?: { subscribeChanges?: (l: Listener) => () => void } }).api;
  if (bridge?.subscribeChanges) {
    bridge.subscribeChanges(emit);
    return;
  }
  const stream = new EventSource('/api/events');
  let opened = false;
  stream.onmessage = (e: MessageEvent<string>) => emit(JSON.parse(e.data) as ChangeBatch);
  stream.onopen = () => {
    // The first open is the page starting; a later one is a reconnect after a gap.
    if (opened) emit({ source: 'local', tables: { [EVERYTHING]: null } });
    opened = true;
  };
}

/**
 * Which rows of `table` a batch changed: their ids, null for "possibly any" (a large write, or a
 * reconnect), or undefined when the table was not touched.
 */
export function changedIn(batch: ChangeBatch, table: string): string[] | null | undefined {
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
