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
  changes: ChangesTable;
  cell_clock: CellClockTable;
  pending_changes: PendingChangesTable;
  meta: MetaTable;
  import_runs: ImportRunsTable;
  saved_mappings: SavedMappingsTable;
}
