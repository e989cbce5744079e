import type { Migration } from './types';

/**
 * What the manager's dashboard counts of the liaisons' work, kept as it changes.
 *
 * `visit_liaison_months` (local, not synced): completed visits per liaison ('' for nobody) and UTC
 * month of `starts_at`, kept by triggers on `visits` like the referral counts of 0007, so every
 * write — a service, a pulled change, a hand-run UPDATE — keeps it right. Counting a year's
 * visits from the rows took ~100 ms of every dashboard request at the bench's scale.
 *
 * `import_office_links` (local): a referral report's office a user linked by hand to an office of
 * the app, by the report's NPI or name and ZIP, so next month's report is not asked about it again.
 *
 * Indexes for the dashboard at two million referrals (each measured on the bench's seed):
 * - `offices_by_owner`: each liaison's offices counted from the index, not a scan of every office;
 * - `offices_by_zip`, `offices_by_city`: a territory's offices found at once (a scan took ~35 ms);
 * - `referrals_by_office` and `referrals_by_day` rebuilt wider (an index is no data; nothing is
 *   lost): a territory's mix reads the source kind, and a part-month's counts the office and liaison,
 *   from the index instead of one table lookup per referral.
 */
const apply = (r: 'new' | 'old', sign: 1 | -1) => `
    INSERT INTO visit_liaison_months (liaison_id, month, completed)
    VALUES (coalesce(${r}.liaison_id, ''), substr(${r}.starts_at, 1, 7), ${sign})
    ON CONFLICT (liaison_id, month) DO UPDATE SET completed = completed + excluded.completed;`;

/** Whether a row image counts: a completed visit not deleted. */
const counted = (r: 'new' | 'old') => `${r}.status = 'completed' AND ${r}.deleted_at IS NULL`;

const statements = [
  `CREATE TABLE visit_liaison_months (
    liaison_id TEXT NOT NULL,
    month TEXT NOT NULL,
    completed INTEGER NOT NULL,
    PRIMARY KEY (liaison_id, month)
  ) STRICT, WITHOUT ROWID`,
  `INSERT INTO visit_liaison_months (liaison_id, month, completed)
   SELECT coalesce(liaison_id, ''), substr(starts_at, 1, 7), count(*) FROM visits WHERE status = 'completed' AND deleted_at IS NULL GROUP BY 1, 2`,
  `CREATE TRIGGER visits_counted_insert AFTER INSERT ON visits WHEN ${counted('new')} BEGIN ${apply('new', 1)} END`,
  `CREATE TRIGGER visits_counted_delete AFTER DELETE ON visits WHEN ${counted('old')} BEGIN ${apply('old', -1)} END`,
  `CREATE TRIGGER visits_uncounted_update AFTER UPDATE OF status, starts_at, liaison_id, deleted_at ON visits WHEN ${counted('old')} BEGIN ${apply('old', -1)} END`,
  `CREATE TRIGGER visits_counted_update AFTER UPDATE OF status, starts_at, liaison_id, deleted_at ON visits WHEN ${counted('new')} BEGIN ${apply('new', 1)} END`,
  // The offices a user linked by hand in a referral import, for the next report (local, not synced).
  `CREATE TABLE import_office_links (
    key TEXT PRIMARY KEY,
    office_id TEXT NOT NULL,
    saved_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX offices_by_owner ON offices (owner_id, deleted_at, archived_at, id)`,
  `CREATE INDEX offices_by_zip ON offices (zip)`,
  `CREATE INDEX offices_by_city ON offices (lower(city))`,
  `DROP INDEX referrals_by_office`,
  `CREATE INDEX referrals_by_office ON referrals (office_id, direction, received_on, appointment_on, seen_on, note_sent_on, status, service_line, source_kind, liaison_id) WHERE deleted_at IS NULL`,
  `DROP INDEX referrals_by_day`,
  `CREATE INDEX referrals_by_day ON referrals (direction, received_on, office_id, liaison_id) WHERE deleted_at IS NULL`,
];

export const m0008: Migration = {
  name: '0008_visit_months',
  up(db) {
    for (const s of statements) db.exec(s);
  },
};
