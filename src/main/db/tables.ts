import type { Insertable } from 'kysely';
import type { Database } from './schema';

/**
 * The table registry: every synced table declared once. The write path, the change log, remote
 * apply, "not found" messages and the read models' change announcements all derive from it, so
 * adding a synced table is one entry here (plus its migration and schema type) and nothing else.
 *
 * - `lww`: rows are inserted, updated cell by cell (last writer wins per column) and soft-deleted.
 * - `append-only`: rows are only inserted; a correction is a new row that reverses the old one.
 */
export type SyncPolicy = 'lww' | 'append-only';

/** Columns a statement may write: Kysely's Insertable drops computed (never-insertable) columns. */
type Writable<T> = keyof Insertable<T> & string;
type Computed<T> = Exclude<keyof T & string, Writable<T>>;

export interface TableSpec<T = unknown> {
  policy: SyncPolicy;
  /** what one row is called in messages: "That office no longer exists." */
  noun: string;
  /** every column the change log carries, id first */
  columns: readonly Writable<T>[];
  /** columns SQLite computes: readable, never written, and a remote change naming one is refused */
  computed: readonly Computed<T>[];
}

/** True only when `C` lists every member of `All` (a column left out would never sync). */
type Covers<All extends string, C extends readonly string[]> = [Exclude<All, C[number]>] extends [never] ? true : { missing: Exclude<All, C[number]> };

const offices = {
  policy: 'lww',
  noun: 'office',
  columns: [
    'id', 'name', 'kind', 'specialties', 'address', 'phone', 'fax', 'email', 'website', 'npi', 'tier', 'stage',
    'owner_id', 'tags', 'notes', 'best_time', 'lunch_prefs', 'visit_hours', 'coords', 'cadence', 'created_at', 'updated_at', 'archived_at', 'deleted_at',
  ],
  computed: ['city', 'state', 'zip'],
} as const satisfies TableSpec<Database['offices']>;

// Listed first: an office refers to its owner, so a replayed or registry-ordered write puts members in before offices.
const team_members = {
  policy: 'lww',
  noun: 'team member',
  columns: ['id', 'name', 'role', 'email', 'active', 'route_start', 'created_at', 'updated_at', 'deleted_at'],
  computed: [],
} as const satisfies TableSpec<Database['team_members']>;

const people = {
  policy: 'lww',
  noun: 'person',
  columns: [
    'id', 'office_id', 'kind', 'first_name', 'last_name', 'credentials', 'specialty', 'npi', 'role', 'phone',
    'email', 'notes', 'created_at', 'updated_at', 'archived_at', 'deleted_at',
  ],
  computed: [],
} as const satisfies TableSpec<Database['people']>;

const visits = {
  policy: 'lww',
  noun: 'visit',
  columns: [
    'id', 'office_id', 'liaison_id', 'status', 'starts_at', 'ends_at', 'pinned', 'purpose', 'seen', 'left_items', 'notes',
    'reason', 'sequence', 'created_at', 'updated_at', 'deleted_at',
  ],
  computed: [],
} as const satisfies TableSpec<Database['visits']>;

const touches = {
  policy: 'append-only',
  noun: 'touch',
  columns: ['id', 'office_id', 'kind', 'day', 'at', 'by_id', 'visit_id', 'notes', 'reverses', 'created_at'],
  computed: [],
} as const satisfies TableSpec<Database['touches']>;

const visit_feedback = {
  policy: 'append-only',
  noun: 'feedback entry',
  columns: ['id', 'office_id', 'visit_id', 'communication', 'credibility', 'capacity', 'consistency', 'comment', 'by_id', 'reverses', 'created_at'],
  computed: [],
} as const satisfies TableSpec<Database['visit_feedback']>;

const tasks = {
  policy: 'lww',
  noun: 'task',
  columns: ['id', 'office_id', 'visit_id', 'owner_id', 'title', 'due_date', 'done_at', 'notes', 'kind', 'created_at', 'updated_at', 'deleted_at'],
  computed: [],
} as const satisfies TableSpec<Database['tasks']>;

const referrals = {
  policy: 'lww',
  noun: 'referral',
  columns: [
    'id', 'direction', 'received_on', 'office_id', 'person_id', 'source_kind', 'service_line', 'referral_code', 'source_id', 'status',
    'contacted_on', 'scheduled_on', 'appointment_on', 'seen_on', 'note_sent_on', 'closed_on', 'lost_on', 'lost_reason', 'liaison_id', 'notes',
    'created_at', 'updated_at', 'deleted_at',
  ],
  computed: [],
} as const satisfies TableSpec<Database['referrals']>;

const settings = {
  policy: 'lww',
  noun: 'setting',
  columns: ['id', 'value', 'created_at', 'updated_at', 'deleted_at'],
  computed: [],
} as const satisfies TableSpec<Database['settings']>;

const compliance_limits = {
  policy: 'lww',
  noun: 'yearly limit',
  columns: ['id', 'kind', 'year', 'cents', 'source', 'created_at', 'updated_at', 'deleted_at'],
  computed: [],
} as const satisfies TableSpec<Database['compliance_limits']>;

const gift_entries = {
  policy: 'append-only',
  noun: 'gift entry',
  columns: [
    'id', 'office_id', 'visit_id', 'kind', 'place', 'in_person', 'day', 'total_cents', 'people_sharing', 'others_cents', 'description', 'vendor',
    'logged_by', 'reverses', 'reason', 'created_at',
  ],
  computed: [],
} as const satisfies TableSpec<Database['gift_entries']>;

const gift_shares = {
  policy: 'append-only',
  noun: 'gift share',
  columns: ['id', 'entry_id', 'person_id', 'person_kind', 'npi', 'year', 'cents', 'created_at'],
  computed: [],
} as const satisfies TableSpec<Database['gift_shares']>;

const gift_overrides = {
  policy: 'append-only',
  noun: 'override',
  columns: ['id', 'entry_id', 'by_id', 'by_role', 'reason', 'self_declared', 'findings', 'created_at'],
  computed: [],
} as const satisfies TableSpec<Database['gift_overrides']>;

const gift_repayments = {
  policy: 'append-only',
  noun: 'repayment',
  columns: ['id', 'person_id', 'npi', 'year', 'cents', 'received_on', 'deadline', 'repaid_on', 'note', 'by_id', 'created_at'],
  computed: [],
} as const satisfies TableSpec<Database['gift_repayments']>;

const gift_receipts = {
  policy: 'append-only',
  noun: 'receipt',
  columns: ['id', 'entry_id', 'file_name', 'media_type', 'bytes', 'sha256', 'by_id', 'created_at'],
  computed: [],
} as const satisfies TableSpec<Database['gift_receipts']>;

const patient_rewards = {
  policy: 'append-only',
  noun: 'patient reward',
  columns: ['id', 'referral_code', 'day', 'year', 'cents', 'description', 'logged_by', 'reverses', 'reason', 'created_at'],
  computed: [],
} as const satisfies TableSpec<Database['patient_rewards']>;

const ledger = {
  policy: 'append-only',
  noun: 'ledger record',
  columns: ['id', 'chain', 'seq', 'record_table', 'record_id', 'record_hash', 'prev_hash', 'hash', 'created_at'],
  computed: [],
} as const satisfies TableSpec<Database['ledger']>;

// Both directions at compile time: `satisfies` above refuses a column the schema lacks; these
// refuse a schema column the registry forgot.
const _complete: [
  Covers<Writable<Database['offices']>, typeof offices.columns>,
  Covers<Computed<Database['offices']>, typeof offices.computed>,
  Covers<Writable<Database['people']>, typeof people.columns>,
  Covers<Writable<Database['team_members']>, typeof team_members.columns>,
  Covers<Writable<Database['visits']>, typeof visits.columns>,
  Covers<Writable<Database['touches']>, typeof touches.columns>,
  Covers<Writable<Database['visit_feedback']>, typeof visit_feedback.columns>,
  Covers<Writable<Database['tasks']>, typeof tasks.columns>,
  Covers<Writable<Database['settings']>, typeof settings.columns>,
  Covers<Writable<Database['compliance_limits']>, typeof compliance_limits.columns>,
  Covers<Writable<Database['gift_entries']>, typeof gift_entries.columns>,
  Covers<Writable<Database['gift_shares']>, typeof gift_shares.columns>,
  Covers<Writable<Database['gift_overrides']>, typeof gift_overrides.columns>,
  Covers<Writable<Database['gift_repayments']>, typeof gift_repayments.columns>,
  Covers<Writable<Database['gift_receipts']>, typeof gift_receipts.columns>,
  Covers<Writable<Database['patient_rewards']>, typeof patient_rewards.columns>,
  Covers<Writable<Database['ledger']>, typeof ledger.columns>,
  Covers<Writable<Database['referrals']>, typeof referrals.columns>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void _complete;

// In parent-first order: a replayed or registry-ordered write puts each row's parents in first.
export const TABLES = {
  settings,
  compliance_limits,
  team_members,
  offices,
  people,
  visits,
  touches,
  visit_feedback,
  tasks,
  referrals,
  gift_entries,
  gift_shares,
  gift_overrides,
  gift_repayments,
  gift_receipts,
  patient_rewards,
  ledger,
} as const;
export type SyncedTable = keyof typeof TABLES;
/** Tables whose rows are edited and soft-deleted (not append-only). */
export type LwwTable = { [K in SyncedTable]: (typeof TABLES)[K]['policy'] extends 'lww' ? K : never }[SyncedTable];

/** A table's entry as the write path reads it, whatever its row type. */
export interface AnyTableSpec {
  policy: SyncPolicy;
  noun: string;
  columns: readonly string[];
  computed: readonly string[];
}

/** A registry as the write path uses it; tests may extend it with tables a later build will add. */
export type Registry = Readonly<Record<string, AnyTableSpec>>;

/** Tables the app keeps for itself: a change naming one is refused, never applied or parked. */
export const INTERNAL_TABLES: ReadonlySet<string> = new Set(['changes', 'cell_clock', 'meta', 'pending_changes', 'schema_migrations', 'referral_office_months', 'referral_mix_months', 'visit_liaison_months', 'import_office_links']);

export function insertSql(tbl: string, spec: AnyTableSpec): string {
  return `INSERT INTO ${tbl} (${spec.columns.join(', ')}) VALUES (${spec.columns.map(() => '?').join(', ')})`;
}
