import type { Migration } from './types';

/**
 * Referrals in and out, and the counts the manager's dashboard reads.
 *
 * `referrals` (lww): one patient referral, by code (never a name), with a date per pipeline step.
 * Its status and step dates are edited as the referral moves, so it is an lww row like a visit.
 * `liaison_id` is who owned the office when the referral arrived, kept so a referral counts
 * toward that liaison even after the office changes hands.
 *
 * `referral_office_months` and `referral_mix_months` are local pre-aggregates, not synced: counts
 * by received month, kept by triggers on `referrals`, so every write (a service, an import, a
 * pulled sync change through applyRemote, a hand-run UPDATE) keeps them right with no code path
 * able to forget. A test compares them with a recount from scratch after random writes.
 *
 * Tasks gain a `kind` (null: an ordinary follow-up; 'thank_you': the weekly thank-you due).
 * The practice's referral rules are a settings row made here, alike on every device (see 0005).
 */
const FIXED = '2026-11-24T00:00:00.000Z';
// Frozen here, not imported: every device running this step must make the same row.
const DEFAULT_SETTINGS = {
  loopDays: 7,
  ranges: {
    loopClosure: { poor: 0.5, good: 0.95 },
    thankYou: { poor: 0, good: 1 },
    daysToAppointment: { poor: 21, good: 3 },
    conversion: { poor: 0.5, good: 0.9 },
    cadenceAdherence: { poor: 0.5, good: 0.95 },
    steadiness: { poor: 1, good: 0.2 },
  },
  weights: { communication: 1, credibility: 1, capacity: 1, consistency: 1 },
  atRisk: { dropShare: 0.3, minPerMonth: 2, trailingMonths: 6 },
  thankYouEveryDays: 7,
  expectedCents: {},
};

/** The aggregates' contribution of one row image (`r` is `new` or `old`), added (+1) or taken away (-1). */
const apply = (r: 'new' | 'old', sign: 1 | -1) => `
    INSERT INTO referral_office_months (direction, month, office_id, liaison_id, received, seen, lost)
    VALUES (${r}.direction, substr(${r}.received_on, 1, 7), ${r}.office_id, coalesce(${r}.liaison_id, ''), ${sign},
            ${sign} * (${r}.seen_on IS NOT NULL), ${sign} * (${r}.status = 'lost'))
    ON CONFLICT (direction, month, office_id, liaison_id) DO UPDATE SET
      received = received + excluded.received, seen = seen + excluded.seen, lost = lost + excluded.lost;
    INSERT INTO referral_mix_months (direction, month, liaison_id, source_kind, service_line, received, seen)
    VALUES (${r}.direction, substr(${r}.received_on, 1, 7), coalesce(${r}.liaison_id, ''), ${r}.source_kind, ${r}.service_line, ${sign},
            ${sign} * (${r}.seen_on IS NOT NULL))
    ON CONFLICT (direction, month, liaison_id, source_kind, service_line) DO UPDATE SET
      received = received + excluded.received, seen = seen + excluded.seen;`;

/** Columns whose change moves a referral between aggregate rows or changes what it counts as. */
const COUNTED = 'direction, received_on, office_id, liaison_id, source_kind, service_line, seen_on, status, deleted_at';

const statements = [
  `CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    received_on TEXT NOT NULL,
    office_id TEXT NOT NULL REFERENCES offices (id),
    person_id TEXT REFERENCES people (id),
    source_kind TEXT NOT NULL,
    service_line TEXT NOT NULL,
    referral_code TEXT,
    source_id TEXT,
    status TEXT NOT NULL,
    contacted_on TEXT,
    scheduled_on TEXT,
    appointment_on TEXT,
    seen_on TEXT,
    note_sent_on TEXT,
    closed_on TEXT,
    lost_on TEXT,
    lost_reason TEXT,
    liaison_id TEXT REFERENCES team_members (id),
    notes TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
  ) STRICT`,
  // One office's referrals in a period (its scorecard, its page): covering the measures' dates.
  `CREATE INDEX referrals_by_office ON referrals (office_id, direction, received_on, appointment_on, seen_on, note_sent_on, status, service_line) WHERE deleted_at IS NULL`,
  `CREATE INDEX referrals_by_person ON referrals (person_id, direction, received_on) WHERE person_id IS NOT NULL AND deleted_at IS NULL`,
  `CREATE INDEX referrals_by_day ON referrals (direction, received_on) WHERE deleted_at IS NULL`,
  // Re-importing a month's report finds each referral by the source system's id.
  `CREATE INDEX referrals_by_source_id ON referrals (source_id) WHERE source_id IS NOT NULL`,
  `CREATE TABLE referral_office_months (
    direction TEXT NOT NULL,
    month TEXT NOT NULL,
    office_id TEXT NOT NULL,
    liaison_id TEXT NOT NULL,
    received INTEGER NOT NULL,
    seen INTEGER NOT NULL,
    lost INTEGER NOT NULL,
    PRIMARY KEY (direction, month, office_id, liaison_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX referral_office_months_by_office ON referral_office_months (office_id, direction, month)`,
  `CREATE TABLE referral_mix_months (
    direction TEXT NOT NULL,
    month TEXT NOT NULL,
    liaison_id TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    service_line TEXT NOT NULL,
    received INTEGER NOT NULL,
    seen INTEGER NOT NULL,
    PRIMARY KEY (direction, month, liaison_id, source_kind, service_line)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TRIGGER referrals_counted_insert AFTER INSERT ON referrals WHEN new.deleted_at IS NULL BEGIN ${apply('new', 1)} END`,
  `CREATE TRIGGER referrals_counted_delete AFTER DELETE ON referrals WHEN old.deleted_at IS NULL BEGIN ${apply('old', -1)} END`,
  `CREATE TRIGGER referrals_uncounted_update AFTER UPDATE OF ${COUNTED} ON referrals WHEN old.deleted_at IS NULL BEGIN ${apply('old', -1)} END`,
  `CREATE TRIGGER referrals_counted_update AFTER UPDATE OF ${COUNTED} ON referrals WHEN new.deleted_at IS NULL BEGIN ${apply('new', 1)} END`,
  `ALTER TABLE tasks ADD COLUMN kind TEXT`,
  `INSERT OR IGNORE INTO settings (id, value, created_at, updated_at) VALUES ('referral_settings', '${JSON.stringify(DEFAULT_SETTINGS)}', '${FIXED}', '${FIXED}')`,
];

export const m0007: Migration = {
  name: '0007_referrals',
  up(db) {
    for (const s of statements) db.exec(s);
  },
};
