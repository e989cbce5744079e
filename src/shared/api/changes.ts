/**
 * What the main process tells open screens after each committed write: which tables changed, and
 * which rows (or null: too many to list, refetch everything of that table). Zod-free, so the
 * sandboxed preload can carry it.
 */
export interface ChangeBatch {
  /** local: written in this app; remote: pulled from the team's sync server */
  source: 'local' | 'remote';
  tables: Record<string, string[] | null>;
}

/** The IPC channel the main process announces committed changes on. */
export const CHANGES_CHANNEL = 'api:changes';

/** Past this many ids of one table, a batch sent to a screen says "many" (null) instead. */
const MAX_IDS_PER_TABLE = 200;

export function forScreens(batch: ChangeBatch): ChangeBatch {
  const tables: ChangeBatch['tables'] = {};
  for (const [t, ids] of Object.entries(batch.tables)) tables[t] = ids && ids.length <= MAX_IDS_PER_TABLE ? ids : null;
  return { source: batch.source, tables };
}
