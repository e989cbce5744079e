import type { HybridClock } from '../shared/hlc';
import { AppError } from '../shared/errors';
import { ChangeFeed } from './db/changeFeed';
import type { Store } from './db/store';
import { TABLES, type Registry } from './db/tables';
import { ChangeRecorder } from './sync/changes';

/**
 * Long writes (imports) hold one SQLite transaction across event-loop turns so the user can see
 * progress. While one holds the gate, other writes are refused rather than silently joining
 * (and possibly being rolled back with) that transaction.
 */
export class WriteGate {
  private holder: object | null = null;
  private label = '';

  hold(owner: object, label: string): void {
    if (this.holder) throw new AppError('busy', `${this.label} is running; try again when it finishes.`);
    this.holder = owner;
    this.label = label;
  }

  release(owner: object): void {
    if (this.holder === owner) this.holder = null;
  }

  assertOpenFor(writer: object): void {
    if (this.holder && this.holder !== writer) {
      throw new AppError('busy', `${this.label} is running; try again when it finishes.`);
    }
  }
}

/** What every service function receives: the database, the change log and feed, and the time. */
export interface Ctx {
  store: Store;
  changes: ChangeRecorder;
  gate: WriteGate;
  /** announces committed writes to read models and open screens */
  feed: ChangeFeed;
  /** the synced tables; tests may pass one extended with tables a later build adds */
  tables: Registry;
  /** An ISO-8601 UTC instant; injected so tests can pin it. */
  now: () => string;
}

export function makeCtx(store: Store, clock: HybridClock): Ctx {
  return {
    store,
    changes: new ChangeRecorder(store, clock),
    gate: new WriteGate(),
    feed: new ChangeFeed(store),
    tables: TABLES,
    now: () => new Date().toISOString(),
  };
}
