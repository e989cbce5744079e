import type { ChangeBatch } from '../../shared/api/changes';
import type { Store } from './store';

export type { ChangeBatch };
export type ChangeListener = (batch: ChangeBatch) => void;

/**
 * Announces committed writes: which tables and which ids changed. The write path reports each
 * row it touches; the feed gathers them for the open transaction and publishes once it commits
 * (a rolled-back write announces nothing). Read models and open screens subscribe; nothing
 * downstream needs to know which service wrote.
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  // Arrays, not sets, while the transaction runs: an import touches 100,000 rows; duplicates go at flush.
  private pending: Map<string, string[]> | null = null;
  private pendingSource: ChangeBatch['source'] = 'local';

  constructor(private readonly store: Store) {}

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A row of `tbl` was written in the current transaction (or just now, outside one). */
  touched(tbl: string, id: string, source: ChangeBatch['source'] = 'local'): void {
    const first = !this.pending;
    if (!this.pending) {
      this.pending = new Map();
      this.pendingSource = source;
    }
    if (source === 'remote') this.pendingSource = 'remote';
    let ids = this.pending.get(tbl);
    if (!ids) this.pending.set(tbl, (ids = []));
    ids.push(id);
    // Registered after the id is recorded: outside a transaction afterCommit runs at once.
    if (first) {
      this.store.afterRollback(() => (this.pending = null));
      this.store.afterCommit(() => this.flush());
    }
  }

  /** How many are listening (open pages, read models): a closed page must not stay counted. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    const batch: ChangeBatch = { source: this.pendingSource, tables: Object.fromEntries([...pending].map(([t, ids]) => [t, [...new Set(ids)]])) };
    for (const l of this.listeners) {
      try {
        l(batch);
      } catch (e) {
        console.error('[changes] a subscriber failed:', e);
      }
    }
  }
}
