/**
 * The columns each synced table carries through the change log. Replay and (later) remote
 * changes are checked against this list, so a change can never name a table or column we
 * did not mean to write. Computed columns (city, state, zip) are absent on purpose.
 */
export const SYNCED_COLUMNS = {
  offices: [
    'id', 'name', 'kind', 'specialties', 'address', 'phone', 'fax', 'email', 'website', 'npi', 'tier', 'stage',
    'owner', 'tags', 'notes', 'best_time', 'lunch_prefs', 'created_at', 'updated_at', 'archived_at', 'deleted_at',
  ],
  people: [
    'id', 'office_id', 'kind', 'first_name', 'last_name', 'credentials', 'specialty', 'npi', 'role', 'phone',
    'email', 'notes', 'created_at', 'updated_at', 'archived_at', 'deleted_at',
  ],
} as const;

export type SyncedTable = keyof typeof SYNCED_COLUMNS;

export function isSyncedColumn(tbl: string, col: string): boolean {
  const cols = SYNCED_COLUMNS[tbl as SyncedTable] as readonly string[] | undefined;
  return cols !== undefined && cols.includes(col);
}
