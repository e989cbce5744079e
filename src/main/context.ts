import type { HybridClock } from '../shared/hlc';
import { AppError } from '../shared/errors';
import { ChangeFeed } from './db/changeFeed';
import { DatabaseHealth } from './db/health';
import type { Store } from './db/store';
import { TABLES, type Registry } from './db/tables';
import { ChangeRecorder } from './sync/changes';

/**
 * Long writes (imports) hold one SQLite transaction across event-loop turns so the user can see
 * progress. While one holds the gate, other writes are refused rather than silently joining
 * (and possibly being rolled back with) that transaction.
 */
export class WriteGate {
  constructor(readonly health: DatabaseHealth) {}

  private holder: object | null = null;
  private label = '';
  private done = 0;

  hold(owner: object, label: string): void {
    this.health.assertWritable();
    if (this.holder) throw this.refusal();
    this.holder = owner;
    this.label = label;
    this.done = 0;
  }

  /** How far the holder has got (0–1), so a refused write can say how long to wait. */
  progress(owner: object, fraction: number): void {
    if (this.holder === owner) this.done = fraction;
  }

  release(owner: object): void {
    if (this.holder === owner) this.holder = null;
  }

  /** Throws unless `writer` may write now: the file is sound and no one else holds the gate. */
  assertOpenFor(writer: object): void {
    this.health.assertWritable();
    if (this.holder && this.holder !== writer) throw this.refusal();
  }

  describe(): string {
    return this.holder ? `${this.label} is running (${Math.floor(this.done * 100)}%); try again when it finishes.` : 'Another change is being saved; try again in a moment.';
  }

  private refusal(): AppError {
    return new AppError('busy', this.describe());
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

/** `health` defaults to a file already known to be sound (tests, scripts that just made it). */
export function makeCtx(store: Store, clock: HybridClock, health = new DatabaseHealth(store.sqlite.name, true)): Ctx {
  const gate = new WriteGate(health);
  store.busyMessage = () => gate.describe();
  return {
    store,
    changes: new ChangeRecorder(store, clock),
    gate,
    feed: new ChangeFeed(store),
    tables: TABLES,
    now: () => new Date().toISOString(),
  };
}
