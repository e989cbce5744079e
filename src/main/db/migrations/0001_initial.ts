import type { Migration } from './types';

/** Digits of a phone column, for quick search ("555-0100" finds "(555) 555-0100"). */
const digits = (col: string) => `replace(replace(replace(replace(replace(coalesce(${col}, ''), '(', ''), ')', ''), '-', ''), ' ', ''), '.', '')`;

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
    zip TEXT GENERATED ALWAYS AS (json_extract(address, '$.zip')) VIRTUAL,
    search_text TEXT GENERATED ALWAYS AS (
      lower(name) || ' ' || lower(coalesce(json_extract(address, '$.city'), '')) || ' ' ||
      coalesce(json_extract(address, '$.zip'), '') || ' ' || ${digits('phone')} || ' ' || coalesce(npi, '')
    ) STORED
  ) STRICT`,
  `CREATE INDEX offices_by_name ON offices (name COLLATE NOCASE, id)`,
  `CREATE INDEX offices_by_city ON offices (city COLLATE NOCASE, id)`,
  `CREATE INDEX offices_by_state ON offices (state, id)`,
  `CREATE INDEX offices_by_zip ON offices (zip, id)`,
  `CREATE INDEX offices_by_tier ON offices (tier, id)`,
  `CREATE INDEX offices_by_stage ON offices (stage, id)`,
  `CREATE INDEX offices_by_kind ON offices (kind, id)`,
  `CREATE INDEX offices_by_owner ON offices (owner COLLATE NOCASE, id)`,
  `CREATE INDEX offices_by_updated ON offices (updated_at, id)`,
  `CREATE INDEX offices_by_npi ON offices (npi) WHERE npi IS NOT NULL`,
  `CREATE INDEX offices_by_name_zip ON offices (lower(name), zip)`,

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
  `CREATE INDEX people_by_npi ON people (npi) WHERE npi IS NOT NULL`,

  `CREATE TABLE changes (
    hlc TEXT PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    value TEXT NOT NULL,
    server_seq INTEGER
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX changes_outbox ON changes (hlc) WHERE server_seq IS NULL`,
  `CREATE INDEX changes_by_row ON changes (tbl, row_id)`,

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
