import type { Migration } from './types';

/**
 * Visit planning.
 *
 * - `visits` (lww): a planned visit moves, changes status and length; each is one row.
 * - `touches` (append-only): every completed contact with an office (a visit, lunch, call, email,
 *   drop-off). The cadence's next-due date follows from the last one. A touch is never edited: a
 *   visit set back from completed records a touch that `reverses` the first.
 * - `visit_feedback` (append-only): the office's own Four C's ratings, 1–5 each, with a comment.
 * - `tasks` (lww): follow-ups with a due date and an owner, from an office or a visit.
 * - `settings` (lww): practice-wide settings by key (the cadence rules), synced like any row.
 * - offices gain structured best times (`visit_hours`, JSON windows; the old free text in
 *   `best_time` stays where it is and is now that field's note), optional coordinates (`coords`,
 *   one JSON cell so latitude and longitude never sync apart) and their own `cadence` (an
 *   override or paused); team members gain where their day's route starts (`route_start`).
 *
 * Nothing existing is rewritten, so nothing is logged: every device running this step on the same
 * data has the same data after it. That includes the practice's cadence row, made here with the
 * defaults (frozen in this file) and a fixed date: every device has the same row, so a change to it
 * is an ordinary cell edit that syncs by last writer wins. Made on first save instead, two devices
 * would each insert their own row under the one id, and each would keep its own for good.
 */
const statements = [
  `ALTER TABLE offices ADD COLUMN visit_hours TEXT`,
  `ALTER TABLE offices ADD COLUMN coords TEXT`,
  `ALTER TABLE offices ADD COLUMN cadence TEXT`,
  `ALTER TABLE team_members ADD COLUMN route_start TEXT`,
  `CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    liaison_id TEXT REFERENCES team_members (id),
    status TEXT NOT NULL CHECK (status IN ('planned', 'completed', 'missed', 'cancelled')),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    purpose TEXT,
    seen TEXT NOT NULL DEFAULT '[]',
    left_items TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    reason TEXT,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
  ) STRICT`,
  // The calendar asks for one liaison's range, and reads only these columns: covering, so a month of
  // thousands of visits never visits the table. The office page asks for one office's visits.
  `CREATE INDEX visits_by_liaison ON visits (liaison_id, starts_at, ends_at, status, pinned, office_id, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX visits_by_office ON visits (office_id, starts_at)`,
  `CREATE INDEX visits_by_start ON visits (starts_at) WHERE deleted_at IS NULL`,
  `CREATE TABLE touches (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    at TEXT NOT NULL,
    by_id TEXT REFERENCES team_members (id),
    visit_id TEXT REFERENCES visits (id),
    notes TEXT,
    reverses TEXT REFERENCES touches (id),
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX touches_by_office ON touches (office_id, day)`,
  `CREATE INDEX touches_by_visit ON touches (visit_id) WHERE visit_id IS NOT NULL`,
  // "Is this touch reversed?" is asked of every touch the worklist counts.
  `CREATE INDEX touches_reversals ON touches (reverses) WHERE reverses IS NOT NULL`,
  `CREATE TABLE visit_feedback (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    visit_id TEXT REFERENCES visits (id),
    communication INTEGER CHECK (communication BETWEEN 1 AND 5),
    credibility INTEGER CHECK (credibility BETWEEN 1 AND 5),
    capacity INTEGER CHECK (capacity BETWEEN 1 AND 5),
    consistency INTEGER CHECK (consistency BETWEEN 1 AND 5),
    comment TEXT,
    by_id TEXT REFERENCES team_members (id),
    reverses TEXT REFERENCES visit_feedback (id),
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX visit_feedback_by_office ON visit_feedback (office_id, created_at)`,
  `CREATE INDEX visit_feedback_by_visit ON visit_feedback (visit_id) WHERE visit_id IS NOT NULL`,
  `CREATE INDEX visit_feedback_reversals ON visit_feedback (reverses) WHERE reverses IS NOT NULL`,
  `CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    visit_id TEXT REFERENCES visits (id),
    owner_id TEXT REFERENCES team_members (id),
    title TEXT NOT NULL,
    due_date TEXT NOT NULL,
    done_at TEXT,
    notes TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
  ) STRICT`,
  `CREATE INDEX tasks_open_by_owner ON tasks (owner_id, due_date) WHERE done_at IS NULL AND deleted_at IS NULL`,
  `CREATE INDEX tasks_by_office ON tasks (office_id)`,
  `CREATE TABLE settings (
    id TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
  ) STRICT`,
  `INSERT INTO settings (id, value, created_at, updated_at) VALUES ('cadence', '${JSON.stringify({
    tiers: { A: { weeks: 2 }, B: { months: 1 }, C: { months: 3 }, none: { months: 1 } },
    newRelationship: { every: { months: 1 }, months: 6 },
    dormant: { months: 3 },
  })}', '2026-11-24T00:00:00.000Z', '2026-11-24T00:00:00.000Z')`,
];

export const m0005: Migration = {
  name: '0005_visits',
  up(db) {
    for (const s of statements) db.exec(s);
  },
};
