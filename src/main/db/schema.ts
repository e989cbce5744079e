import type { ColumnType } from 'kysely';

/** Columns SQLite computes itself: readable, never written. */
type Computed<T> = ColumnType<T, never, never>;

export interface OfficesTable {
  id: string;
  name: string;
  kind: string;
  /** JSON array of strings */
  specialties: string;
  /** JSON object {line1,line2,city,state,zip}: one cell so sync never splits an address */
  address: string;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  npi: string | null;
  tier: string | null;
  stage: string;
  /**
   * The owning liaison (a team member). The free-text \`owner\` column before it is still in the
   * file for old data (migrations only add) but retired: nothing reads or writes it.
   */
  owner_id: string | null;
  /** JSON array of strings */
  tags: string;
  notes: string | null;
  best_time: string | null;
  lunch_prefs: string | null;
  /** JSON VisitHours (weekday windows when the doctors are in); null: none set. `best_time` is their note. */
  visit_hours: string | null;
  /** JSON {lat, lng}: one cell so the two never sync apart; null: use the ZIP's centroid */
  coords: string | null;
  /** JSON OfficeCadence: an interval set by hand, or paused; null: follow the practice's rules */
  cadence: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  deleted_at: string | null;
  city: Computed<string | null>;
  state: Computed<string | null>;
  zip: Computed<string | null>;
}

export interface PeopleTable {
  id: string;
  office_id: string;
  kind: string;
  first_name: string;
  last_name: string;
  credentials: string | null;
  specialty: string | null;
  npi: string | null;
  role: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  deleted_at: string | null;
}

export interface TeamMembersTable {
  id: string;
  name: string;
  /** liaison | doctor | manager | admin: stored and shown, not enforced on this device */
  role: string;
  email: string | null;
  /** 1, or 0 once deactivated (left the practice) */
  active: number;
  /** JSON RouteStart: where this member's day's route starts (home or office); null: not set */
  route_start: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type VisitStatus = 'planned' | 'completed' | 'missed' | 'cancelled';

export interface VisitsTable {
  id: string;
  office_id: string;
  liaison_id: string | null;
  status: VisitStatus;
  /** instants, ISO-8601 UTC */
  starts_at: string;
  ends_at: string;
  /** 1: the time was set by hand and re-ordering the day keeps it */
  pinned: number;
  purpose: string | null;
  /** JSON array of person ids seen at the visit */
  seen: string;
  /** JSON array of what was left: "Referral pads", "Brochures" */
  left_items: string;
  notes: string | null;
  /** why it was cancelled or missed */
  reason: string | null;
  /** bumped on every change, for calendar files (iCalendar SEQUENCE) */
  sequence: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A completed contact with an office, append-only: a correction is a row that `reverses` another. */
export interface TouchesTable {
  id: string;
  office_id: string;
  /** visit | lunch | gift | call | email | dropoff */
  kind: string;
  /** the calendar day in the user's zone, YYYY-MM-DD: what cadences count */
  day: string;
  at: string;
  by_id: string | null;
  visit_id: string | null;
  notes: string | null;
  reverses: string | null;
  created_at: string;
}

/** The office's own Four C's ratings, 1–5 each (null: not rated), append-only. */
export interface VisitFeedbackTable {
  id: string;
  office_id: string;
  visit_id: string | null;
  communication: number | null;
  credibility: number | null;
  capacity: number | null;
  consistency: number | null;
  comment: string | null;
  by_id: string | null;
  reverses: string | null;
  created_at: string;
}

export interface TasksTable {
  id: string;
  office_id: string;
  visit_id: string | null;
  owner_id: string | null;
  title: string;
  /** YYYY-MM-DD */
  due_date: string;
  /** instant it was done; null while open */
  done_at: string | null;
  notes: string | null;
  /** null: an ordinary follow-up; 'thank_you': the thank-you due for an office's new referrals (one per office and period) */
  kind: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** One patient referral, in (to the practice) or out (to a partner), by code, never by name (migration 0007). */
export interface ReferralsTable {
  id: string;
  direction: string;
  /** YYYY-MM-DD: received (in) or sent (out) */
  received_on: string;
  office_id: string;
  person_id: string | null;
  source_kind: string;
  service_line: string;
  referral_code: string | null;
  /** the practice-management system's referral id, when imported */
  source_id: string | null;
  status: string;
  contacted_on: string | null;
  scheduled_on: string | null;
  /** the first appointment's day */
  appointment_on: string | null;
  seen_on: string | null;
  note_sent_on: string | null;
  closed_on: string | null;
  lost_on: string | null;
  lost_reason: string | null;
  /** who owned the office when the referral arrived */
  liaison_id: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Local pre-aggregate kept by triggers on referrals (not synced): counts per office and received month. */
export interface ReferralOfficeMonthsTable {
  direction: string;
  /** YYYY-MM */
  month: string;
  office_id: string;
  /** '' when nobody owned the office */
  liaison_id: string;
  received: number;
  seen: number;
  lost: number;
}

/** Local pre-aggregate kept by triggers on referrals: counts per source kind and service line and received month. */
export interface ReferralMixMonthsTable {
  direction: string;
  month: string;
  liaison_id: string;
  source_kind: string;
  service_line: string;
  received: number;
  seen: number;
}

/** Completed visits per liaison ('' for nobody) and UTC month, kept by triggers on visits (local, not synced; 0008). */
export interface VisitLiaisonMonthsTable {
  liaison_id: string;
  month: string;
  completed: number;
}

/** A referral report's office linked by hand to one of the app's (local, not synced; 0008). */
export interface ImportOfficeLinksTable {
  /** 'npi:<npi>' or 'name:<name and ZIP key>' */
  key: string;
  office_id: string;
  saved_at: string;
}

/** A gift, meal, note or other item given to an office's people (append-only; a correction reverses). */
export interface GiftEntriesTable {
  id: string;
  office_id: string;
  visit_id: string | null;
  kind: string;
  /** a meal's place: in_office | restaurant; null for other kinds */
  place: string | null;
  /** 1 when delivered in person (then it is also a touch for the office's cadence) */
  in_person: number;
  /** YYYY-MM-DD: the calendar year it counts in */
  day: string;
  /** integer cents; a reversal carries the negative of what it reverses */
  total_cents: number;
  people_sharing: number;
  /** the part of the total eaten by people not named (not in the directory) */
  others_cents: number;
  description: string;
  vendor: string | null;
  logged_by: string | null;
  reverses: string | null;
  /** a reversal's reason */
  reason: string | null;
  created_at: string;
}

/** One named recipient's share of an entry, in cents (negative in a reversal). */
export interface GiftSharesTable {
  id: string;
  entry_id: string;
  person_id: string;
  /** the person's kind when it was given: physician | clinician | staff */
  person_kind: string;
  npi: string | null;
  year: number;
  cents: number;
  created_at: string;
}

export interface GiftOverridesTable {
  id: string;
  entry_id: string;
  by_id: string | null;
  /** the role the overrider declared (not enforced until a team server checks roles) */
  by_role: string | null;
  reason: string;
  self_declared: number;
  /** JSON: the findings overridden */
  findings: string;
  created_at: string;
}

/** A physician's repayment of an excess under the Stark cure rule. */
export interface GiftRepaymentsTable {
  id: string;
  person_id: string;
  npi: string | null;
  year: number;
  cents: number;
  received_on: string;
  deadline: string;
  repaid_on: string;
  note: string | null;
  by_id: string | null;
  created_at: string;
}

/** A receipt file linked to an entry; the file itself lives in the data folder under its hash. */
export interface GiftReceiptsTable {
  id: string;
  entry_id: string;
  file_name: string;
  media_type: string;
  bytes: number;
  sha256: string;
  by_id: string | null;
  created_at: string;
}

/** Thanks to a patient or family member who referred someone: a code or initials, never a name. */
export interface PatientRewardsTable {
  id: string;
  referral_code: string;
  day: string;
  year: number;
  cents: number;
  description: string;
  logged_by: string | null;
  reverses: string | null;
  reason: string | null;
  created_at: string;
}

/** The audit chain: each compliance record's hash, chained per device. */
export interface LedgerTable {
  id: string;
  chain: string;
  seq: number;
  record_table: string;
  record_id: string;
  record_hash: string;
  prev_hash: string | null;
  hash: string;
  created_at: string;
}

/** The law's yearly figures, as data: `<kind>:<year>` ids. */
export interface ComplianceLimitsTable {
  id: string;
  kind: string;
  year: number;
  cents: number;
  source: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Practice-wide settings by key, synced: `id` is the key, `value` JSON. */
export interface SettingsTable {
  id: string;
  value: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ChangesTable {
  hlc: string;
  tbl: string;
  row_id: string;
  /** a column name, or '*' for an insert carrying every column as one JSON object */
  col: string;
  value: string;
  /** null until a sync server has accepted it: the outbox is local changes with `server_seq IS NULL` */
  server_seq: number | null;
  /** 'local': made here; 'remote': pulled from the sync server */
  source: ColumnType<'local' | 'remote', 'local' | 'remote' | undefined, never>;
  /** the team member who made it (pulled changes keep the one they came with); null where unknown */
  actor: string | null;
}

/** A pulled change this build cannot apply yet (its table or column comes with a later migration). */
export interface PendingChangesTable {
  hlc: string;
  col: string;
  tbl: string;
  row_id: string;
  value: string;
  reason: string;
  received_at: string;
}

export interface CellClockTable {
  tbl: string;
  row_id: string;
  col: string;
  hlc: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** One finished import on this device (local, never synced): what it did, so it can be undone. */
export interface ImportRunsTable {
  id: string;
  kind: string;
  file_name: string;
  started_at: string;
  finished_at: string;
  /** JSON: the counts shown to the user */
  result: string;
  /** JSON: ImportUndoRecord (src/main/imports/undo.ts) */
  undo: string;
  undone_at: string | null;
}

/** A column mapping the user saved, offered again for a file with the same header row. */
export interface SavedMappingsTable {
  /** the header row, normalised (imports/savedMappings.ts) */
  headers_key: string;
  spec: string;
  /** JSON: one field key or null per column */
  mapping: string;
  saved_at: string;
}

export interface Database {
  offices: OfficesTable;
  people: PeopleTable;
  team_members: TeamMembersTable;
  visits: VisitsTable;
  touches: TouchesTable;
  visit_feedback: VisitFeedbackTable;
  tasks: TasksTable;
  referrals: ReferralsTable;
  referral_office_months: ReferralOfficeMonthsTable;
  referral_mix_months: ReferralMixMonthsTable;
  visit_liaison_months: VisitLiaisonMonthsTable;
  import_office_links: ImportOfficeLinksTable;
  settings: SettingsTable;
  gift_entries: GiftEntriesTable;
  gift_shares: GiftSharesTable;
  gift_overrides: GiftOverridesTable;
  gift_repayments: GiftRepaymentsTable;
  gift_receipts: GiftReceiptsTable;
  patient_rewards: PatientRewardsTable;
  ledger: LedgerTable;
  compliance_limits: ComplianceLimitsTable;
  changes: ChangesTable;
  cell_clock: CellClockTable;
  pending_changes: PendingChangesTable;
  meta: MetaTable;
  import_runs: ImportRunsTable;
  saved_mappings: SavedMappingsTable;
}
