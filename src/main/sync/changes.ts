import type { HybridClock } from '../../shared/hlc';
import type { Store } from '../db/store';
import type { SyncedTable } from './tables';

/**
 * Records writes for sync. Call inside the same store.tx as the write itself, so the log and the
 * rows can never disagree. Values are the exact cell values written, JSON-encoded.
 */
export class ChangeRecorder {
  constructor(
    private readonly store: Store,
    private readonly clock: HybridClock,
  ) {}

  /** A new row: one change carrying every column, one row clock for all of them. */
  inserted(tbl: SyncedTable, row: { id: string } & Record<string, unknown>): void {
    const hlc = this.clock.tick();
    this.write(hlc, tbl, row.id, '*', JSON.stringify(row));
  }

  /** Changed cells of an existing row: one change and one cell clock per column. */
  updated(tbl: SyncedTable, rowId: string, cells: Record<string, unknown>): void {
    for (const [col, value] of Object.entries(cells)) {
      this.write(this.clock.tick(), tbl, rowId, col, JSON.stringify(value ?? null));
    }
  }

  private write(hlc: string, tbl: string, rowId: string, col: string, value: string): void {
    const s = this.store;
    s.prepare('INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES (?, ?, ?, ?, ?)').run(hlc, tbl, rowId, col, value);
    s.prepare(
      'INSERT INTO cell_clock (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc',
    ).run(tbl, rowId, col, hlc);
  }
}
