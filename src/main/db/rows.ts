import { AppError } from '../../shared/errors';
import type { Ctx } from '../context';
import { SYNCED_COLUMNS, type SyncedTable } from '../sync/tables';

// The only way rows of synced tables are written: each write and its change records share one
// transaction, and column names come from SYNCED_COLUMNS, never from input.

const INSERT_SQL = Object.fromEntries(
  Object.entries(SYNCED_COLUMNS).map(([tbl, cols]) => [tbl, `INSERT INTO ${tbl} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`]),
) as Record<SyncedTable, string>;

/** Writes a new row; a synced column the row leaves out is written as NULL (and replays as NULL). */
export function insertRow(ctx: Ctx, tbl: SyncedTable, row: { id: string } & Record<string, unknown>): void {
  const cols = SYNCED_COLUMNS[tbl] as readonly string[];
  const values = cols.map((c) => row[c] ?? null);
  ctx.gate.assertOpenFor(ctx);
  ctx.store.tx(() => {
    ctx.store.prepare(INSERT_SQL[tbl]).run(values);
    ctx.changes.inserted(tbl, row);
  });
  if (tbl === 'offices') ctx.officeList.changed(row.id);
}

/**
 * Writes only the cells that differ from what is stored, stamps updated_at, and logs each
 * changed cell. Returns false when nothing changed (no write, no log entry).
 */
export function updateRow(ctx: Ctx, tbl: SyncedTable, id: string, cells: Record<string, unknown>): boolean {
  const allowed = SYNCED_COLUMNS[tbl] as readonly string[];
  ctx.gate.assertOpenFor(ctx);
  return ctx.store.tx(() => {
    const current = ctx.store.prepare(`SELECT * FROM ${tbl} WHERE id = ? AND deleted_at IS NULL`).get(id) as
      | Record<string, unknown>
      | undefined;
    if (!current) throw new AppError('not_found', `That ${tbl === 'offices' ? 'office' : 'person'} no longer exists.`);
    const changed: Record<string, unknown> = {};
    for (const [col, value] of Object.entries(cells)) {
      if (!allowed.includes(col) || col === 'id') throw new Error(`updateRow: ${tbl}.${col} is not writable`);
      if (current[col] !== value) changed[col] = value;
    }
    if (Object.keys(changed).length === 0) return false;
    changed.updated_at = ctx.now();
    const cols = Object.keys(changed);
    ctx.store.prepare(`UPDATE ${tbl} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => changed[c]), id);
    ctx.changes.updated(tbl, id, changed);
    if (tbl === 'offices') ctx.officeList.changed(id);
    return true;
  });
}
