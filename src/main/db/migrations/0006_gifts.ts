import type { Migration } from './types';

/**
 * Gifts, lunches and thank-you notes under the compliance limits, with an audit ledger.
 *
 * Append-only (corrections reverse, never edit): `gift_entries` and their per-person
 * `gift_shares` (a reversal's shares are the negatives of the first's, so sums need no special
 * case), `gift_overrides` (a manager's written reason for an entry over a limit), `gift_repayments`
 * (the Stark cure), `gift_receipts` (a file linked to an entry, added later if need be) and
 * `patient_rewards` (thanks to a patient who referred someone, by a code, never a name).
 * `ledger` chains a hash over each of those records, per device.
 *
 * `compliance_limits` (lww) holds the law's yearly figures as data; the shipped years are made here
 * with fixed dates and deterministic ids (`<kind>:<year>`), alike on every device and unlogged, so a
 * manager's correction of one is an ordinary cell edit that converges. The practice's gift policy
 * and its thank-you templates are `settings` rows made the same way (see 0005).
 */
const FIXED = '2026-11-24T00:00:00.000Z';
const CMS = 'CMS physician self-referral CPI-U updates (42 CFR 411.357(k))';
const OIG = 'OIG policy statement on nominal value, 2016-12-07';
// Frozen here, not imported: every device running this step must make the same rows, whatever later builds ship.
const SHIPPED = [
  { kind: 'stark_nonmonetary', year: 2023, cents: 48_900, source: CMS },
  { kind: 'stark_nonmonetary', year: 2024, cents: 50_700, source: CMS },
  { kind: 'stark_nonmonetary', year: 2025, cents: 51_900, source: `${CMS}; widely reported figure, verify on the CMS page` },
  { kind: 'stark_nonmonetary', year: 2026, cents: 53_500, source: `${CMS}; law-firm alerts of Jan 2026` },
  { kind: 'oig_nominal_item', year: 2016, cents: 1_500, source: OIG },
  { kind: 'oig_nominal_patient_year', year: 2016, cents: 7_500, source: OIG },
];
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

const DEFAULT_GIFT_POLICY = { warnAt: 0.8, perOccasionCents: null, perPersonMealCents: null, forbiddenKinds: [], staffPerYearCents: null };
const DEFAULT_THANK_YOU_TEMPLATES = [
  { id: 'first-referral', name: 'First referral', body: 'Dear Dr. {lastName},\n\nThank you for trusting us with your patient. We will send our consult note back to you as soon as they have been seen.\n\nWith thanks,' },
  { id: 'ongoing', name: 'Ongoing referrals', body: 'Dear Dr. {lastName},\n\nThank you for your continued referrals. It is a privilege to care for your patients alongside you.\n\nWith thanks,' },
  { id: 'staff', name: 'Office staff', body: 'Dear {firstName},\n\nThank you for helping your patients reach us so smoothly. We appreciate all you do.\n\nWith thanks,' },
];

const statements = [
  `CREATE TABLE gift_entries (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    visit_id TEXT REFERENCES visits (id),
    kind TEXT NOT NULL,
    place TEXT,
    in_person INTEGER NOT NULL DEFAULT 0 CHECK (in_person IN (0, 1)),
    day TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    people_sharing INTEGER NOT NULL CHECK (people_sharing >= 1),
    others_cents INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL,
    vendor TEXT,
    logged_by TEXT REFERENCES team_members (id),
    reverses TEXT REFERENCES gift_entries (id),
    reason TEXT,
    created_at TEXT NOT NULL,
    CHECK (reverses IS NOT NULL OR total_cents >= 0)
  ) STRICT`,
  `CREATE INDEX gift_entries_by_office ON gift_entries (office_id, day)`,
  `CREATE INDEX gift_entries_by_day ON gift_entries (day)`,
  `CREATE INDEX gift_entries_reversals ON gift_entries (reverses) WHERE reverses IS NOT NULL`,
  `CREATE TABLE gift_shares (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES gift_entries (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    person_kind TEXT NOT NULL,
    npi TEXT,
    year INTEGER NOT NULL,
    cents INTEGER NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT`,
  // The live check sums one person's (or one NPI's) year: covering, so it never reads the table.
  `CREATE INDEX gift_shares_by_person ON gift_shares (person_id, year, cents)`,
  `CREATE INDEX gift_shares_by_npi ON gift_shares (npi, year, cents) WHERE npi IS NOT NULL`,
  `CREATE INDEX gift_shares_by_entry ON gift_shares (entry_id)`,
  // A physician is every record with their NPI: each total asks for those records.
  `CREATE INDEX people_by_npi ON people (npi) WHERE npi IS NOT NULL`,
  `CREATE TABLE gift_overrides (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES gift_entries (id),
    by_id TEXT REFERENCES team_members (id),
    by_role TEXT,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    self_declared INTEGER NOT NULL DEFAULT 1 CHECK (self_declared IN (0, 1)),
    findings TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX gift_overrides_by_entry ON gift_overrides (entry_id)`,
  `CREATE TABLE gift_repayments (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    npi TEXT,
    year INTEGER NOT NULL,
    cents INTEGER NOT NULL CHECK (cents > 0),
    received_on TEXT NOT NULL,
    deadline TEXT NOT NULL,
    repaid_on TEXT NOT NULL,
    note TEXT,
    by_id TEXT REFERENCES team_members (id),
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX gift_repayments_by_person ON gift_repayments (person_id, year)`,
  `CREATE INDEX gift_repayments_by_npi ON gift_repayments (npi, year) WHERE npi IS NOT NULL`,
  `CREATE TABLE gift_receipts (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES gift_entries (id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    by_id TEXT REFERENCES team_members (id),
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX gift_receipts_by_entry ON gift_receipts (entry_id)`,
  `CREATE TABLE patient_rewards (
    id TEXT PRIMARY KEY,
    referral_code TEXT NOT NULL,
    day TEXT NOT NULL,
    year INTEGER NOT NULL,
    cents INTEGER NOT NULL,
    description TEXT NOT NULL,
    logged_by TEXT REFERENCES team_members (id),
    reverses TEXT REFERENCES patient_rewards (id),
    reason TEXT,
    created_at TEXT NOT NULL,
    CHECK (reverses IS NOT NULL OR cents >= 0)
  ) STRICT`,
  `CREATE INDEX patient_rewards_by_code ON patient_rewards (referral_code, year)`,
  `CREATE INDEX patient_rewards_by_day ON patient_rewards (day)`,
  `CREATE TABLE ledger (
    id TEXT PRIMARY KEY,
    chain TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    record_table TEXT NOT NULL,
    record_id TEXT NOT NULL,
    record_hash TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (chain, seq)
  ) STRICT`,
  `CREATE INDEX ledger_by_record ON ledger (record_table, record_id)`,
  `CREATE TABLE compliance_limits (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    cents INTEGER NOT NULL CHECK (cents > 0),
    source TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
  ) STRICT`,
  `CREATE INDEX compliance_limits_by_kind ON compliance_limits (kind, year)`,
  ...SHIPPED.map(
    (l) =>
      `INSERT INTO compliance_limits (id, kind, year, cents, source, created_at, updated_at) VALUES (${quote(`${l.kind}:${l.year}`)}, ${quote(l.kind)}, ${l.year}, ${l.cents}, ${quote(l.source)}, '${FIXED}', '${FIXED}')`,
  ),
  `INSERT OR IGNORE INTO settings (id, value, created_at, updated_at) VALUES ('gift_policy', ${quote(JSON.stringify(DEFAULT_GIFT_POLICY))}, '${FIXED}', '${FIXED}')`,
  `INSERT OR IGNORE INTO settings (id, value, created_at, updated_at) VALUES ('thank_you_templates', ${quote(JSON.stringify(DEFAULT_THANK_YOU_TEMPLATES))}, '${FIXED}', '${FIXED}')`,
];

export const m0006: Migration = {
  name: '0006_gifts',
  up(db) {
    for (const s of statements) db.exec(s);
  },
};
