import type BetterSqlite3 from 'better-sqlite3';

/** One schema step. `up` runs inside a transaction with its bookkeeping row: all or nothing. */
export interface Migration {
  name: string;
  up(db: BetterSqlite3.Database): void;
}
