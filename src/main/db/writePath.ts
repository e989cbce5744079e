import type { Insertable, Updateable } from 'kysely';
import { AppError } from '../../shared/errors';
import type { Ctx } from '../context';
import type { Database } from './schema';
import { insertSql, type AnyTableSpec, type LwwTable, type SyncedTable } from './tables';

/**
 * The one write path for synced tables: insert, update and soft delete here, and applyRemote
 * (applyRemote.ts) for pulled changes. Each write and its change records share one transaction;
 * column names come from the table registry, never from input; once the transaction commits the
 * change feed announces which rows changed. Services, imports, seed and sync all write through it.
 */

const statements = new WeakMap<AnyTableSpec, string>();

function specOf(ctx: Ctx, tbl: string): AnyTableSpec {
  const spec = Object.hasOwn(ctx.tables, tbl) ? ctx.tables[tbl] : undefined;
  if (!spec) throw new Error(`${tbl} is not a synced table: declare it in db/tables.ts`);
  return spec;
}

function lwwSpec(ctx: Ctx, tbl: string, what: string): AnyTableSpec {
  const spec = specOf(ctx, tbl);
  if (spec.policy !== 'lww') {
    throw new AppError('conflict', `A ${spec.noun} cannot be ${what} once recorded; record a correction as a new ${spec.noun} instead.`);
  }
  return spec;
}

type Row<T extends SyncedTable> = Insertable<Database[T]> & { id: string };

/** Writes a new row; a registered column the row leaves out is written as NULL. */
export function insertRow<T extends SyncedTable>(ctx: Ctx, tbl: T, row: Row<T>): void {
  const spec = specOf(ctx, tbl);
  let sql = statements.get(spec);
  if (!sql) statements.set(spec, (sql = insertSql(tbl, spec)));
  const r = row as Record<string, unknown>;
  const values = spec.columns.map((c) => r[c] ?? null);
  ctx.gate.assertOpenFor(ctx);
  ctx.store.tx(() => {
    ctx.store.prepare(sql).run(values);
    ctx.changes.inserted(tbl, row.id, spec.columns, values);
    ctx.feed.touched(tbl, row.id);
  });
}

/**
 * Writes only the cells that differ from what is stored, stamps updated_at, and logs each
 * changed cell. Returns false when nothing changed (no write, no log entry, no announcement).
 */
export function updateRow<T extends SyncedTable>(ctx: Ctx, tbl: T, id: string, cells: Updateable<Database[T]>): boolean {
  const spec = lwwSpec(ctx, tbl, 'edited');
  const allowed = spec.columns as readonly string[];
  ctx.gate.assertOpenFor(ctx);
  return ctx.store.tx(() => {
    const current = ctx.store.prepare(`SELECT * FROM ${tbl} WHERE id = ? AND deleted_at IS NULL`).get(id) as Record<string, unknown> | undefined;
    if (!current) throw new AppError('not_found', `That ${spec.noun} no longer exists. It may have been deleted on another device.`);
    const changed: Record<string, unknown> = {};
    for (const [col, value] of Object.entries(cells)) {
      if (!allowed.includes(col) || col === 'id') throw new Error(`updateRow: ${tbl}.${col} is not writable`);
      if (value !== undefined && current[col] !== value) changed[col] = value;
    }
    if (Object.keys(changed).length === 0) return false;
    changed.updated_at = ctx.now();
    const cols = Object.keys(changed);
    ctx.store.prepare(`UPDATE ${tbl} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => changed[c]), id);
    ctx.changes.updated(tbl, id, changed);
    ctx.feed.touched(tbl, id);
    return true;
  });
}

/** Marks a row deleted (a synced tombstone; archive is the reversible kind). */
export function softDeleteRow(ctx: Ctx, tbl: LwwTable, id: string): boolean {
  lwwSpec(ctx, tbl, 'deleted');
  // Every lww table has deleted_at; TypeScript cannot see that through the union, one name stands for all.
  return updateRow(ctx, tbl as 'offices', id, { deleted_at: ctx.now() });
}
