import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase } from './driver';
import { Checkpointer } from './checkpointer';
import { APPLICATION_ID, cannotOpen, damaged, DatabaseProblem, inspectDatabaseFile, isDamageCode, quickCheckFindings, readOnly, sideFilesMadeBy } from './fileCheck';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { Store } from './store';

export const DB_FILE_NAME = 'liaison.sqlite3';

export interface OpenedDatabase {
  store: Store;
  schemaVersion: number;
  file: string;
  /** true when SQLite's quick_check has already passed (a new file, or one checked before its upgrade) */
  checked: boolean;
}

/**
 * Opens (creating if needed) the database in a data folder and brings its schema up to date.
 * Nothing is written to a file until it is known to be ours and readable: a damaged, empty or
 * foreign file, or one from a newer version, is refused with a DatabaseProblem and left as it was.
 */
export function openDatabase(dataDir: string, migrations = MIGRATIONS): OpenedDatabase {
  const file = path.join(dataDir, DB_FILE_NAME);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw cannotOpen(file, e);
  }
  const state = inspectDatabaseFile(file);
  let checked = state.kind === 'new';
  if (state.kind === 'ours') {
    const known = new Set(migrations.map((m) => m.name));
    const newer = state.applied.filter((n) => !known.has(n)).sort();
    if (newer.length > 0) {
      throw new DatabaseProblem(
        'newer',
        file,
        `${file} was written by a newer version of Liaison CRM (schema step ${newer.at(-1)}). Update the app to open it; this version has left it untouched.`,
      );
    }
    // An upgrade writes before the background check would finish: check first, on the old file.
    if (migrations.some((m) => !state.applied.includes(m.name))) {
      assertSound(file);
      checked = true;
    }
  } else {
    try {
      // Created private to the user; SQLite gives its -wal and -shm files the same mode.
      fs.closeSync(fs.openSync(file, 'wx', 0o600));
    } catch (e) {
      throw cannotOpen(file, e);
    }
  }

  let sqlite: InstanceType<typeof SqliteDatabase> | undefined;
  let reader: InstanceType<typeof SqliteDatabase> | undefined;
  try {
    sqlite = new SqliteDatabase(file, { fileMustExist: true });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    if (checked) ensureApplicationId(sqlite);
    const schemaVersion = migrate(sqlite, migrations);
    reader = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    reader.pragma('busy_timeout = 5000');
    const store = new Store(sqlite, reader);
    // Checkpoints run in a worker (see checkpointer.ts), not inside a COMMIT on this thread.
    sqlite.pragma('wal_autocheckpoint = 0');
    const checkpointer = new Checkpointer(file);
    store.onCommitted = () => checkpointer.nudge();
    store.onClose = () => checkpointer.close();
    return { store, schemaVersion, file, checked };
  } catch (e) {
    reader?.close();
    sqlite?.close();
    if (e instanceof DatabaseProblem) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_READONLY')) throw readOnly(file, e);
    if (isDamageCode(code)) throw damaged(file, (e as Error).message, e);
    if (code.startsWith('SQLITE_')) throw cannotOpen(file, e);
    throw e;
  }
}

/** Runs SQLite's quick_check on a read-only connection; throws a DatabaseProblem if it finds damage. */
export function assertSound(file: string): void {
  const leftovers = sideFilesMadeBy(file);
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const findings = quickCheckFindings(db);
    if (findings) throw damaged(file, findings);
  } finally {
    db.close();
    leftovers.remove();
  }
}

/** Marks the file as ours in its header, so a later open can tell it from another program's. */
export function ensureApplicationId(sqlite: InstanceType<typeof SqliteDatabase>): void {
  if (sqlite.pragma('application_id', { simple: true }) !== APPLICATION_ID) sqlite.pragma(`application_id = ${APPLICATION_ID}`);
}
