import type { Migration } from './types';

/**
 * Where pulled changes land: each logged change says whether it was made here or pulled; the
 * outbox (local changes the server has not acknowledged) is indexed for the push to read in
 * order; and a change naming a table or column this build does not know waits in
 * pending_changes until the migration that adds it, instead of being dropped or blocking a pull.
 */
const statements = [
  `ALTER TABLE changes ADD COLUMN source TEXT NOT NULL DEFAULT 'local'`,
  // Every key is NULL, so entries sort by rowid: the push reads the outbox in write order.
  `CREATE INDEX changes_outbox ON changes (server_seq) WHERE server_seq IS NULL AND source = 'local'`,
  `CREATE TABLE pending_changes (
    hlc TEXT NOT NULL,
    col TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    value TEXT NOT NULL,
    reason TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (hlc, col)
  ) STRICT, WITHOUT ROWID`,
];

export const m0002: Migration = {
  name: '0002_sync_landing',
  up(db) {
    for (const s of statements) db.exec(s);
  },
};
