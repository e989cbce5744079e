import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase } from './driver';
import { migrate } from './migrate';
import { Store } from './store';

export const DB_FILE_NAME = 'liaison.sqlite3';

export interface OpenedDatabase {
  store: Store;
  schemaVersion: number;
  file: string;
}

/** Opens (creating if needed) the database in a data folder and brings its schema up to date. */
export function openDatabase(dataDir: string): OpenedDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE_NAME);
  const sqlite = new SqliteDatabase(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const schemaVersion = migrate(sqlite);
    return { store: new Store(sqlite), schemaVersion, file };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
