import type { HybridClock } from '../../shared/hlc';
import type { Store } from '../db/store';
import type { SyncedTable } from './tables';

/**
 * Records writes for sync. Call inside the same store.tx as the write itself, so the log and the
 * rows can never disagree. Values are the exact cell values written, JSON-encoded.
 */
const INSERT_CHANGE = 'INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES (?, ?, ?, ?, ?)';

export class ChangeRecorder {
  constructor(
    private readonly store: Store,
    private readonly clock: HybridClock,
  ) {}

  /**
   * A new row: one change carrying every column. No cell clocks: a cell never updated since is as
   * old as the row's insert change, which sync reads from the log. (Writing a clock per insert
   * would add a third write to every import row.)
   */
  inserted(tbl: SyncedTable, row: { id: string } & Record<string, unknown>): void {
    this.store.prepare(INSERT_CHANGE).run(this.clock.tick(), tbl, row.id, '*', JSON.stringify(row));
  }

  /** Changed cells of an existing row: one change and one cell clock per column. */
  updated(tbl: SyncedTable, rowId: string, cells: Record<string, unknown>): void {
    for (const [col, value] of Object.entries(cells)) {
      this.write(this.clock.tick(), tbl, rowId, col, JSON.stringify(value ?? null));
    }
  }

  private write(hlc: string, tbl: string, rowId: string, col: string, value: string): void {
    const s = this.store;
    s.prepare(INSERT_CHANGE).run(hlc, tbl, rowId, col, value);
    s.prepare(
      'INSERT INTO cell_clock (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc',
    ).run(tbl, rowId, col, hlc);
  }
}
