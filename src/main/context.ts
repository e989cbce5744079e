import type { HybridClock } from '../shared/hlc';
import { AppError } from '../shared/errors';
import type { Store } from './db/store';
import { OfficeListIndex } from './offices/listIndex';
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

/** What every service function receives: the database, the change log, and the time. */
export interface Ctx {
  store: Store;
  changes: ChangeRecorder;
  gate: WriteGate;
  /** The office list's in-memory read model; told about every office write. */
  officeList: OfficeListIndex;
  /** An ISO-8601 UTC instant; injected so tests can pin it. */
  now: () => string;
}

export function makeCtx(store: Store, clock: HybridClock, now: () => string = () => new Date().toISOString()): Ctx {
  return { store, changes: new ChangeRecorder(store, clock), gate: new WriteGate(), officeList: new OfficeListIndex(store), now };
}
