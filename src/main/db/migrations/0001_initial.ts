import type { Migration } from './types';

// Sorting and filtering the office list happen in the in-memory list index (offices/listIndex.ts),
// so offices carries only the indexes that lookups need: every extra index slows each write.
const statements = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,

  `CREATE TABLE offices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    specialties TEXT NOT NULL DEFAULT '[]',
    address TEXT NOT NULL DEFAULT '{}',
    phone TEXT, fax TEXT, email TEXT, website TEXT, npi TEXT,
    tier TEXT, stage TEXT NOT NULL, owner TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    notes TEXT, best_time TEXT, lunch_prefs TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, archived_at TEXT, deleted_at TEXT,
    city TEXT GENERATED ALWAYS AS (json_extract(address, '$.city')) VIRTUAL,
    state TEXT GENERATED ALWAYS AS (json_extract(address, '$.state')) VIRTUAL,
    zip TEXT GENERATED ALWAYS AS (json_extract(address, '$.zip')) VIRTUAL
  ) STRICT`,
  `CREATE INDEX offices_by_npi ON offices (npi) WHERE npi IS NOT NULL`,

  `CREATE TABLE people (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    kind TEXT NOT NULL,
    first_name TEXT NOT NULL, last_name TEXT NOT NULL,
    credentials TEXT, specialty TEXT, npi TEXT, role TEXT,
    phone TEXT, email TEXT, notes TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, archived_at TEXT, deleted_at TEXT
  ) STRICT`,
  `CREATE INDEX people_by_office ON people (office_id, last_name, first_name)`,

  // A rowid table, not WITHOUT ROWID: an insert's value carries a whole row (hundreds of bytes),
  // and large rows belong in a rowid table (SQLite's own guidance); hlc is unique and indexed.
  `CREATE TABLE changes (
    hlc TEXT NOT NULL PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    value TEXT NOT NULL,
    server_seq INTEGER
  ) STRICT`,

  `CREATE TABLE cell_clock (
    tbl TEXT NOT NULL, row_id TEXT NOT NULL, col TEXT NOT NULL, hlc TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id, col)
  ) STRICT, WITHOUT ROWID`,
];

export const m0001: Migration = {
  name: '0001_initial',
  up(db) {
    for (const s of statements) db.exec(s);
  },
};
