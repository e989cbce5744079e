import type { Migration } from './types';

/**
 * What each import did, kept on this device so the last one can be undone after the page (or the
 * app) was closed: the offices and people it created, and the cells it changed with their values
 * before and after. Local like `meta`: an undo is itself a set of ordinary synced writes, so
 * other devices learn of it the usual way and never need this table.
 * `saved_mappings` keeps the column mapping a user made, by the file's header row, to offer again.
 */
const statements = [
  `CREATE TABLE import_runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    result TEXT NOT NULL,
    undo TEXT NOT NULL,
    undone_at TEXT
  ) STRICT`,
  `CREATE TABLE saved_mappings (
    headers_key TEXT PRIMARY KEY,
    spec TEXT NOT NULL,
    mapping TEXT NOT NULL,
    saved_at TEXT NOT NULL
  ) STRICT`,
];

export const m0004: Migration = {
  name: '0004_import_runs',
  up(db) {
    for (const s of statements) db.exec(s);
  },
};
