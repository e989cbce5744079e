import type BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import type { Database } from './schema';

const STATEMENT_CACHE_LIMIT = 500;

/**
 * The one door to SQLite. Kysely builds and type-checks queries; better-sqlite3 runs them
 * synchronously, so a service's transaction is a plain function that cannot interleave with
 * another request (SQLite has one writer; the event loop gives us that for free).
 */
export class Store {
  /** Query builder only: it has no driver, every query runs through the methods below. */
  readonly q: Kysely<Database>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private onCommit: (() => void)[] = [];
  private onRollback: (() => void)[] = [];

  constructor(readonly sqlite: BetterSqlite3.Database) {
    this.q = new Kysely<Database>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
  }

  all<R>(query: Compilable<R> | CompiledQuery<R>): R[] {
    const c = 'compile' in query ? query.compile() : query;
    return this.prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R> | CompiledQuery<R>): R | undefined {
    const c = 'compile' in query ? query.compile() : query;
    return this.prepare(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  run(query: Compilable<unknown> | CompiledQuery<unknown>): BetterSqlite3.RunResult {
    const c = 'compile' in query ? query.compile() : query;
    return this.prepare(c.sql).run(...(c.parameters as unknown[]));
  }

  /**
   * Runs fn in a transaction that starts as the writer (BEGIN IMMEDIATE: a read-then-write never
   * fails half way on a lock); any throw rolls back everything it wrote. Inside an open
   * transaction it joins it instead of opening a savepoint: services never catch-and-continue,
   * so the outer transaction's rollback covers them, and bulk work avoids a savepoint per row.
   */
  tx<T>(fn: () => T): T {
    if (this.sqlite.inTransaction) return fn();
    this.begin();
    try {
      const result = fn();
      this.commit();
      return result;
    } catch (e) {
      this.rollback();
      throw e;
    }
  }

  // Plain BEGIN/COMMIT through cached statements: better-sqlite3's transaction() wrapper costs
  // more than the row insert it wraps, and we never need its savepoint nesting.
  begin(): void {
    this.prepare('BEGIN IMMEDIATE').run();
  }

  commit(): void {
    this.prepare('COMMIT').run();
    const hooks = this.onCommit;
    this.onCommit = [];
    this.onRollback = [];
    runAll(hooks);
  }

  rollback(): void {
    if (this.sqlite.inTransaction) this.prepare('ROLLBACK').run();
    const hooks = this.onRollback;
    this.onCommit = [];
    this.onRollback = [];
    runAll(hooks);
  }

  /** Runs fn once the current transaction commits (at once outside one); never if it rolls back. */
  afterCommit(fn: () => void): void {
    if (this.sqlite.inTransaction) this.onCommit.push(fn);
    else fn();
  }

  /** Runs fn if the current transaction rolls back (a read model that saw its rows forgets them). */
  afterRollback(fn: () => void): void {
    if (this.sqlite.inTransaction) this.onRollback.push(fn);
  }

  /** Closes the file and lets go of every prepared statement. */
  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }

  prepare(sqlText: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sqlText);
    if (!stmt) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      stmt = this.sqlite.prepare(sqlText);
      this.statements.set(sqlText, stmt);
    }
    return stmt;
  }
}

/** A hook that throws must not turn a committed write into a reported failure. */
function runAll(hooks: (() => void)[]): void {
  for (const h of hooks) {
    try {
      h();
    } catch (e) {
      console.error('[store] after-transaction hook failed:', e);
    }
  }
}
