import { AppError } from '../../shared/errors';
import type { Ctx } from '../context';
import type { ChangeRecord } from '../sync/changes';
import { columnNow, fromOlderBuild } from './olderBuilds';
import { INTERNAL_TABLES, insertSql, type AnyTableSpec } from './tables';

/** A change pulled from the sync server, with the server's sequence number when it has one. */
export interface RemoteChange extends ChangeRecord {
  server_seq?: number | null;
}

export interface ApplyResult {
  /** cells or rows written */
  applied: number;
  /** older than what is here already: logged, not written (last writer wins per cell) */
  stale: number;
  /** already in the log: applying a change twice is a no-op */
  duplicate: number;
  /** waiting in pending_changes for a build that knows their table or column */
  pending: number;
  /** never applied: they name an internal table, a computed column, or are malformed */
  refused: { hlc: string; reason: string }[];
}

type Verdict = { kind: 'ok'; spec: AnyTableSpec } | { kind: 'pending'; reason: string } | { kind: 'refused'; reason: string };
type Outcome = 'applied' | 'stale' | 'pending';

const NAME = /^[a-z_][a-z0-9_]*$/;

/** Which changes this build may apply now, may apply after a migration, or must never apply. */
function classify(ctx: Ctx, tbl: string, col: string): Verdict {
  if (!NAME.test(tbl) || INTERNAL_TABLES.has(tbl) || tbl.startsWith('sqlite_')) return { kind: 'refused', reason: `${tbl} is not a synced table` };
  // Own keys only: 'constructor' or '__proto__' must not find Object's.
  const spec = Object.hasOwn(ctx.tables, tbl) ? ctx.tables[tbl] : undefined;
  if (!spec) {
    // A table this file has but the registry does not is ours and private; one it lacks comes later.
    const exists = ctx.store.prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?").get(tbl);
    return exists ? { kind: 'refused', reason: `${tbl} is not a synced table` } : { kind: 'pending', reason: `table ${tbl} is not known to this version` };
  }
  if (col === '*') return { kind: 'ok', spec };
  if (!NAME.test(col) || col === 'id') return { kind: 'refused', reason: `${tbl}.${col} cannot be written` };
  if (spec.computed.includes(col)) return { kind: 'refused', reason: `${tbl}.${col} is computed, never written` };
  if (spec.policy === 'append-only') return { kind: 'refused', reason: `${tbl} rows are never updated` };
  if (!spec.columns.includes(col)) return { kind: 'pending', reason: `column ${tbl}.${col} is not known to this version` };
  return { kind: 'ok', spec };
}

function cellValue(json: string): string | number | null {
  const v: unknown = JSON.parse(json);
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  throw new AppError('invalid_input', 'A change carries a value that is not a cell value.');
}

function park(ctx: Ctx, c: ChangeRecord, reason: string): 'pending' {
  // A value that could never apply is refused now, not found out after an upgrade.
  if (c.col === '*') rowCells(c);
  else cellValue(c.value);
  ctx.store
    .prepare('INSERT OR IGNORE INTO pending_changes (hlc, col, tbl, row_id, value, reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(c.hlc, c.col, c.tbl, c.row_id, c.value, reason, ctx.now());
  return 'pending';
}

const rowExists = (ctx: Ctx, tbl: string, id: string) => ctx.store.prepare(`SELECT 1 FROM ${tbl} WHERE id = ?`).get(id) !== undefined;

/** One cell, last writer wins: a cell with no clock is as old as its row's insert, which any edit of the row follows. */
function applyCell(ctx: Ctx, c: ChangeRecord): Outcome {
  if (!rowExists(ctx, c.tbl, c.row_id)) return park(ctx, c, 'its row has not arrived yet');
  const local = ctx.changes.clockOf(c.tbl, c.row_id, c.col);
  if (local !== undefined && local >= c.hlc) return 'stale';
  ctx.store.prepare(`UPDATE ${c.tbl} SET ${c.col} = ? WHERE id = ?`).run(cellValue(c.value), c.row_id);
  ctx.changes.setClock(c.tbl, c.row_id, c.col, c.hlc);
  ctx.feed.touched(c.tbl, c.row_id, 'remote');
  return 'applied';
}

/** An insert's cells, with its id (which travels as the change's row_id, not inside the row). */
function rowCells(c: ChangeRecord): Record<string, unknown> {
  const row: unknown = JSON.parse(c.value);
  const id = (row as { id?: unknown } | null)?.id;
  if (typeof row !== 'object' || row === null || Array.isArray(row) || (id !== undefined && id !== c.row_id)) {
    throw new AppError('invalid_input', `Change ${c.hlc} does not carry the row it names.`);
  }
  return { ...(row as Record<string, unknown>), id: c.row_id };
}

/** A whole new row; columns this build does not know wait as pending cells of the same change. */
function applyInsert(ctx: Ctx, c: ChangeRecord, spec: AnyTableSpec): Outcome {
  const cells = rowCells(c);
  for (const key of Object.keys(cells)) {
    if (spec.columns.includes(key)) continue;
    if (!NAME.test(key) || spec.computed.includes(key)) throw new AppError('invalid_input', `Change ${c.hlc} writes ${c.tbl}.${key}, which cannot be written.`);
    park(ctx, { ...c, col: key, value: JSON.stringify(cells[key] ?? null) }, `column ${c.tbl}.${key} is not known to this version`);
  }
  const values = spec.columns.map((col) => {
    const v = cells[col] ?? null;
    if (v !== null && typeof v !== 'string' && typeof v !== 'number') throw new AppError('invalid_input', `Change ${c.hlc} carries a value that is not a cell value.`);
    return v;
  });
  if (rowExists(ctx, c.tbl, c.row_id)) return mergeInsert(ctx, c, spec, values);
  ctx.store.prepare(insertSql(c.tbl, spec)).run(values);
  ctx.feed.touched(c.tbl, c.row_id, 'remote');
  return 'applied';
}

/**
 * The row is here already, from another insert: its id is derived from what the record is (a team
 * member from their name, a thank-you task from its office and period), and two devices each made
 * it. The inserts merge cell by cell, last writer wins, each read as an edit of every cell at its
 * insert's clock, so both devices hold the same row whichever insert reached them first. Every
 * cell's clock is then written down: with two inserts in the log, "as old as the row's insert"
 * would no longer say which one.
 */
function mergeInsert(ctx: Ctx, c: ChangeRecord, spec: AnyTableSpec, values: (string | number | null)[]): Outcome {
  // Only when ids collide, which is rare: a scan of this row's inserts (the log has no index by row).
  const born = (ctx.store.prepare("SELECT min(hlc) AS hlc FROM changes WHERE tbl = ? AND row_id = ? AND col = '*' AND hlc <> ?").get(c.tbl, c.row_id, c.hlc) as { hlc: string | null }).hlc;
  // A row no insert in the log made (a migration made it alike on every device): as before, it stays.
  if (born === null) return 'stale';
  let wrote = false;
  spec.columns.forEach((col, i) => {
    if (col === 'id' || spec.computed.includes(col)) return;
    const local = ctx.changes.clockOf(c.tbl, c.row_id, col) ?? born;
    if (local >= c.hlc) return ctx.changes.setClock(c.tbl, c.row_id, col, local);
    ctx.store.prepare(`UPDATE ${c.tbl} SET ${col} = ? WHERE id = ?`).run(values[i], c.row_id);
    ctx.changes.setClock(c.tbl, c.row_id, col, c.hlc);
    wrote = true;
  });
  if (!wrote) return 'stale';
  ctx.feed.touched(c.tbl, c.row_id, 'remote');
  return 'applied';
}

function applyOne(ctx: Ctx, change: ChangeRecord, spec: AnyTableSpec): Outcome {
  const c = fromOlderBuild(ctx, change);
  return c.col === '*' ? applyInsert(ctx, c, spec) : applyCell(ctx, c);
}

const isForeignKeyError = (e: unknown) => (e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';

/**
 * Whether the change itself is at fault (malformed, or against a constraint): refused alone. Any
 * other failure (disk full, I/O, a bug) fails the whole pull, which is retried later, so nothing
 * is lost to a problem of this machine's.
 */
function isTheChangesFault(e: unknown): boolean {
  if (e instanceof AppError || e instanceof SyntaxError) return true;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH');
}

/**
 * Runs one change's writes under a savepoint, so a change that cannot apply (a NOT NULL it
 * breaks, a value that is no cell) is undone alone and reported, never taking the rest of the
 * pull down with it, and never blocking every later pull.
 */
function isolated<T>(ctx: Ctx, fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  ctx.store.prepare('SAVEPOINT remote_change').run();
  try {
    const value = fn();
    ctx.store.prepare('RELEASE remote_change').run();
    return { ok: true, value };
  } catch (error) {
    // SQLite may have ended the whole transaction itself (disk full): then there is no savepoint.
    if (!ctx.store.sqlite.inTransaction) throw error;
    ctx.store.prepare('ROLLBACK TO remote_change').run();
    ctx.store.prepare('RELEASE remote_change').run();
    return { ok: false, error };
  }
}

const WAITING_FOR_PARENT = 'what it refers to (its office, or its liaison) has not arrived yet';

/**
 * Applies changes pulled from the server, in one transaction: idempotent (a change already in
 * the log is skipped), last writer wins per cell by HLC, every change kept in the log marked as
 * pulled, and a change this build cannot apply yet parked in pending_changes (never dropped,
 * never blocking the rest). Names reach SQL only after matching the table registry.
 */
export function applyRemote(ctx: Ctx, changes: Iterable<RemoteChange>): ApplyResult {
  const result: ApplyResult = { applied: 0, stale: 0, duplicate: 0, pending: 0, refused: [] };
  ctx.gate.assertOpenFor(ctx);
  ctx.store.tx(() => {
    for (const c of changes) {
      if (ctx.changes.has(c.hlc)) {
        result.duplicate++;
        continue;
      }
      const verdict = classify(ctx, c.tbl, columnNow(c.tbl, c.col));
      if (verdict.kind === 'refused') {
        result.refused.push({ hlc: c.hlc, reason: verdict.reason });
        continue;
      }
      try {
        ctx.changes.clock.receive(c.hlc);
      } catch (e) {
        throw new AppError('conflict', `${(e as Error).message} Nothing from this sync was applied.`, undefined, { cause: e });
      }
      const done = isolated(ctx, () => {
        ctx.changes.pulled(c, c.server_seq ?? null);
        return verdict.kind === 'pending' ? park(ctx, c, verdict.reason) : applyOne(ctx, c, verdict.spec);
      });
      if (done.ok) {
        result[done.value]++;
      } else if (isForeignKeyError(done.error)) {
        ctx.changes.pulled(c, c.server_seq ?? null);
        park(ctx, c, WAITING_FOR_PARENT);
        result.pending++;
      } else if (isTheChangesFault(done.error)) {
        result.refused.push({ hlc: c.hlc, reason: (done.error as Error).message });
      } else {
        throw done.error;
      }
    }
    // A cell whose row came later in this batch can land now.
    retryPendingInTx(ctx);
  });
  return result;
}

/**
 * Applies parked changes this build now understands (after a migration added their table or
 * column, or once their row arrived). Run at start, after migrations, and after every pull.
 */
export function retryPending(ctx: Ctx): number {
  return ctx.store.tx(() => retryPendingInTx(ctx));
}

function retryPendingInTx(ctx: Ctx): number {
  const parked = ctx.store.prepare('SELECT hlc, col, tbl, row_id, value FROM pending_changes ORDER BY hlc, col').all() as ChangeRecord[];
  let landed = 0;
  for (const c of parked) {
    const verdict = classify(ctx, c.tbl, columnNow(c.tbl, c.col));
    if (verdict.kind === 'pending') continue;
    const done = isolated(ctx, () => {
      // Removed first: applyInsert may park some of its cells again.
      ctx.store.prepare('DELETE FROM pending_changes WHERE hlc = ? AND col = ?').run(c.hlc, c.col);
      if (verdict.kind === 'refused') throw new Error(verdict.reason);
      return applyOne(ctx, c, verdict.spec);
    });
    if (done.ok) {
      if (done.value === 'applied') landed++;
    } else if (!isTheChangesFault(done.error)) {
      throw done.error;
    } else if (!isForeignKeyError(done.error)) {
      // Kept, with the reason, for a person to see: a pulled change is never thrown away.
      ctx.store
        .prepare('UPDATE pending_changes SET reason = ? WHERE hlc = ? AND col = ?')
        .run(`cannot be applied: ${(done.error as Error).message}`, c.hlc, c.col);
    }
  }
  return landed;
}
