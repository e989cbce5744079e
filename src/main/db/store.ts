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
import { AppError } from '../../shared/errors';
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
  private readonly readStatements = new Map<string, BetterSqlite3.Statement>();
  private onCommit: (() => void)[] = [];
  private onRollback: (() => void)[] = [];
  /** > 0 while code that belongs to the open transaction runs (see `within`) */
  private scope = 0;
  /** Runs after every COMMIT, before the transaction's own hooks (the WAL checkpointer). */
  onCommitted: () => void = () => {};
  /** Runs first when the store closes. */
  onClose: () => void = () => {};
  /** What a write hears while someone else's transaction is open; the write gate says which and how far. */
  busyMessage: () => string = () => 'Another change is being saved; try again in a moment.';

  /**
   * `reader` is a second, read-only connection to the same file. WAL gives it the last committed
   * state, so while a long transaction (an import) is open across event-loop turns, everyone
   * else's reads go there and never see rows that may yet be rolled back.
   */
  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly reader?: BetterSqlite3.Database,
  ) {
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
    return this.read(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R> | CompiledQuery<R>): R | undefined {
    const c = 'compile' in query ? query.compile() : query;
    return this.read(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  /**
   * A statement for reading: on the writer inside its own transaction (to see what it just
   * wrote), else on the reader whenever someone else's transaction is open.
   */
  read(sqlText: string): BetterSqlite3.Statement {
    if (this.reader && this.sqlite.inTransaction && this.scope === 0) return cached(this.readStatements, this.reader, sqlText);
    return this.prepare(sqlText);
  }

  /**
   * `read`, answering rows as arrays (`raw`). Its own cache entry: raw is a lasting mode of a
   * statement, so turning it on for one shared by SQL text would change every other caller's rows.
   */
  readRaw(sqlText: string): BetterSqlite3.Statement {
    return this.read(`${sqlText} /* raw */`).raw(true);
  }

  /** True while the running code is part of the open transaction (reads see its uncommitted writes). */
  get insideTransaction(): boolean {
    return this.sqlite.inTransaction && this.scope > 0;
  }

  /** True while a transaction is open that the running code is not part of (an import between batches). */
  get othersTransactionOpen(): boolean {
    return this.sqlite.inTransaction && this.scope === 0;
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
    if (this.sqlite.inTransaction) {
      // Joining a transaction that is not ours (an import waiting for its next batch) would let
      // its rollback take this write with it.
      if (this.scope === 0) throw new AppError('busy', this.busyMessage());
      return fn();
    }
    this.begin();
    try {
      const result = this.within(fn);
      this.commit();
      return result;
    } catch (e) {
      this.rollback();
      throw e;
    }
  }

  /**
   * Runs synchronous work that belongs to the transaction opened with begin() (an import's
   * batch): its reads see its own writes, and tx() inside it joins.
   */
  within<T>(fn: () => T): T {
    this.scope++;
    try {
      return fn();
    } finally {
      this.scope--;
    }
  }

  // Plain BEGIN/COMMIT through cached statements: better-sqlite3's transaction() wrapper costs
  // more than the row insert it wraps, and we never need its savepoint nesting.
  begin(): void {
    this.prepare('BEGIN IMMEDIATE').run();
  }

  commit(): void {
    this.prepare('COMMIT').run();
    // Committed is committed: nothing after this line may make the caller think otherwise.
    runAll([this.onCommitted]);
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
    if (!this.sqlite.open) return;
    this.onClose();
    this.statements.clear();
    this.readStatements.clear();
    this.reader?.close();
    this.sqlite.close();
  }

  /**
   * Closes without copying the WAL into the database file (a damaged file must not be written
   * to): the writer closes while the read-only connection is still open, so it is not the last
   * one, and the read-only one, last, cannot checkpoint. The -wal stays beside the file.
   */
  closeLeavingWal(): void {
    if (!this.sqlite.open) return;
    this.onClose();
    this.statements.clear();
    this.readStatements.clear();
    try {
      // A connection joins the WAL (and holds its share of the file) from its first read.
      this.reader?.pragma('schema_version');
    } catch {
      // Unreadable: then there is nothing more to protect by keeping it open.
    }
    this.sqlite.close();
    this.reader?.close();
  }

  /** A statement on the writer (every write, and reads inside a transaction). */
  prepare(sqlText: string): BetterSqlite3.Statement {
    return cached(this.statements, this.sqlite, sqlText);
  }
}

function cached(cache: Map<string, BetterSqlite3.Statement>, db: BetterSqlite3.Database, sqlText: string): BetterSqlite3.Statement {
  let stmt = cache.get(sqlText);
  if (!stmt) {
    if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
    stmt = db.prepare(sqlText);
    cache.set(sqlText, stmt);
  }
  return stmt;
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
