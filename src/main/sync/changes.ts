import type { HybridClock } from '../../shared/hlc';
import type { Store } from '../db/store';

/** One entry of the change log, as sync sends and receives it. `value` is JSON. */
export interface ChangeRecord {
  hlc: string;
  tbl: string;
  row_id: string;
  /** a column name, or '*' for an insert carrying the row's cells (all but id) as one JSON object */
  col: string;
  value: string;
  /** the team member who made it; null or absent where unknown (no "me" yet, or an older build) */
  actor?: string | null;
}

const INSERT_CHANGE = "INSERT INTO changes (hlc, tbl, row_id, col, value, source, actor) VALUES (?, ?, ?, ?, ?, 'local', ?)";
const INSERT_REMOTE = "INSERT INTO changes (hlc, tbl, row_id, col, value, source, server_seq, actor) VALUES (?, ?, ?, ?, ?, 'remote', ?, ?)";
const UPSERT_CLOCK =
  'INSERT INTO cell_clock (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc';

/**
 * An insert's row as logged: without its id (the change's row_id already says it) and without
 * null cells (an absent column is written as NULL on apply), so the log stays small. Built as
 * text from the values the insert wrote: an import logs 100,000 of these.
 */
function loggedRow(columns: readonly string[], values: readonly unknown[]): string {
  let json = '';
  for (let i = 0; i < columns.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || columns[i] === 'id') continue;
    // Column names come from the table registry: plain identifiers, nothing to escape.
    json += `${json ? ',' : '{'}"${columns[i]}":${JSON.stringify(v)}`;
  }
  return json ? `${json}}` : '{}';
}

/**
 * Records writes for sync. Called by the write path inside the same transaction as the write
 * itself, so the log and the rows can never disagree. Values are the exact cells written.
 */
export class ChangeRecorder {
  /**
   * Who local writes are stamped with: the install's "me" (set by the team domain at start and when
   * it changes). Null until someone says who they are; scripts, seed and tests write with null.
   */
  actor: string | null = null;

  constructor(
    private readonly store: Store,
    readonly clock: HybridClock,
  ) {}

  /**
   * A new row: one change carrying every column. No cell clocks: a cell never updated since is as
   * old as the row's insert (writing a clock per insert would add a third write to every import row).
   */
  inserted(tbl: string, id: string, columns: readonly string[], values: readonly unknown[]): void {
    this.store.prepare(INSERT_CHANGE).run(this.clock.tick(), tbl, id, '*', loggedRow(columns, values), this.actor);
  }

  /** Changed cells of an existing row: one change and one cell clock per column. */
  updated(tbl: string, rowId: string, cells: Record<string, unknown>): void {
    for (const [col, value] of Object.entries(cells)) {
      const hlc = this.clock.tick();
      this.store.prepare(INSERT_CHANGE).run(hlc, tbl, rowId, col, JSON.stringify(value ?? null), this.actor);
      this.setClock(tbl, rowId, col, hlc);
    }
  }

  /** A change pulled from the server, kept in the log (never in the outbox) whether or not it won, with the actor it came with. */
  pulled(c: ChangeRecord, serverSeq: number | null): void {
    this.store.prepare(INSERT_REMOTE).run(c.hlc, c.tbl, c.row_id, c.col, c.value, serverSeq, c.actor ?? null);
  }

  setClock(tbl: string, rowId: string, col: string, hlc: string): void {
    this.store.prepare(UPSERT_CLOCK).run(tbl, rowId, col, hlc);
  }

  clockOf(tbl: string, rowId: string, col: string): string | undefined {
    return (this.store.prepare('SELECT hlc FROM cell_clock WHERE tbl = ? AND row_id = ? AND col = ?').get(tbl, rowId, col) as { hlc: string } | undefined)?.hlc;
  }

  has(hlc: string): boolean {
    return this.store.prepare('SELECT 1 FROM changes WHERE hlc = ?').get(hlc) !== undefined;
  }
}

/** The whole log, oldest first (tests, and a client re-pushing after a server restore). */
export function readChanges(source: Store): ChangeRecord[] {
  return source.all(source.q.selectFrom('changes').select(['hlc', 'tbl', 'row_id', 'col', 'value', 'actor']).orderBy('hlc'));
}

/** Local changes the server has not acknowledged yet, oldest first: what a push sends. */
export function readOutbox(source: Store, limit: number): ChangeRecord[] {
  // Through read(): during an import a push must not send changes that may yet roll back.
  return source
    .read("SELECT hlc, tbl, row_id, col, value, actor FROM changes WHERE server_seq IS NULL AND source = 'local' ORDER BY rowid LIMIT ?")
    .all(limit) as ChangeRecord[];
}
