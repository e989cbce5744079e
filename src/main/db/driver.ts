import type BetterSqlite3 from 'better-sqlite3';
import Sqlite12 from 'better-sqlite3';
import Sqlite13 from 'better-sqlite3-napi';

/**
 * The SQLite driver for the Node we run on. better-sqlite3 12 wraps its objects in
 * node::ObjectWrap, which since Node 24.19 aborts the process whenever the GC finalises a
 * statement outside a JS context; 13 moved to Node-API, which fixes that, but it requires Node 22
 * and crashes on Node 20. Both are installed (13 under the alias better-sqlite3-napi; each loads
 * its native addon only when a database is opened) and the right one is chosen here, once.
 * Electron 45 runs Node 22, so it gets 13, whose Node-API prebuilds need no Electron rebuild.
 */
const nodeMajor = Number(process.versions.node.split('.')[0]);

export const SqliteDatabase: typeof BetterSqlite3 = nodeMajor >= 22 ? (Sqlite13 as unknown as typeof BetterSqlite3) : Sqlite12;
/** The package name of that driver, for a worker thread that opens its own connection. */
export const SQLITE_MODULE = nodeMajor >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';
export type SqliteDatabase = BetterSqlite3.Database;
