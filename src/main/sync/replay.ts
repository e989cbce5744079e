import { AppError } from '../../shared/errors';
import type { Store } from '../db/store';
import { isSyncedColumn, SYNCED_COLUMNS, type SyncedTable } from './tables';

export interface ChangeRecord {
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  value: string;
}

/**
 * Applies logged changes, oldest first, to a database. Used to prove the log is complete
 * (replaying it into an empty file rebuilds every row) and, later, to apply pulled changes.
 * Names are checked against SYNCED_COLUMNS before they reach SQL.
 */
export function replayChanges(target: Store, changes: Iterable<ChangeRecord>): number {
  let applied = 0;
  target.tx(() => {
    for (const c of changes) {
      if (!(c.tbl in SYNCED_COLUMNS)) throw new AppError('invalid_input', `Change ${c.hlc} names unknown table ${c.tbl}`);
      const tbl = c.tbl as SyncedTable;
      if (c.col === '*') {
        const row = JSON.parse(c.value) as Record<string, unknown>;
        const cols = Object.keys(row).filter((k) => isSyncedColumn(tbl, k));
        target
          .prepare(`INSERT INTO ${tbl} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
          .run(...cols.map((k) => row[k]));
      } else {
        if (!isSyncedColumn(tbl, c.col)) throw new AppError('invalid_input', `Change ${c.hlc} names unknown column ${c.col}`);
        target.prepare(`UPDATE ${tbl} SET ${c.col} = ? WHERE id = ?`).run(JSON.parse(c.value), c.row_id);
      }
      applied++;
    }
  });
  return applied;
}

export function readChanges(source: Store): ChangeRecord[] {
  return source.all(source.q.selectFrom('changes').select(['hlc', 'tbl', 'row_id', 'col', 'value']).orderBy('hlc'));
}
