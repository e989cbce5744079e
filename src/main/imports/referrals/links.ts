import type { Ctx } from '../../context';
import type { MatchKeys } from '../duplicates';

/**
 * The offices a user linked by hand, remembered for the next report (`import_office_links`, 0008,
 * local): a practice system that writes "Lakeside Peds" every month is asked about once. Keyed by
 * what the import groups a report's office by: its NPI, and its name with ZIP.
 */
export const linkKeys = (keys: Pick<MatchKeys, 'npi' | 'nameZip'>): string[] => [...(keys.npi ? [`npi:${keys.npi}`] : []), ...(keys.nameZip ? [`name:${keys.nameZip}`] : [])];

/** A link this import wrote, with what it replaced, so an undo can put the old one back. */
export interface SavedLink {
  key: string;
  before: string | null;
}

/** Every remembered link: key → office id. */
export function readLinks(ctx: Ctx): Map<string, string> {
  const rows = ctx.store.read('SELECT key, office_id FROM import_office_links').all() as { key: string; office_id: string }[];
  return new Map(rows.map((r) => [r.key, r.office_id]));
}

/** Remembers that the report's office (by its keys) is this office; answers what it replaced. */
export function saveLink(writer: Ctx, keys: Pick<MatchKeys, 'npi' | 'nameZip'>, officeId: string): SavedLink[] {
  const out: SavedLink[] = [];
  for (const key of linkKeys(keys)) {
    const before = (writer.store.read('SELECT office_id FROM import_office_links WHERE key = ?').get(key) as { office_id: string } | undefined)?.office_id ?? null;
    if (before === officeId) continue;
    writer.store
      .prepare('INSERT INTO import_office_links (key, office_id, saved_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET office_id = excluded.office_id, saved_at = excluded.saved_at')
      .run(key, officeId, writer.now());
    out.push({ key, before });
  }
  return out;
}

/** Puts back the links an import replaced, and forgets the ones it added (undo). */
export function restoreLinks(writer: Ctx, saved: readonly SavedLink[]): void {
  for (const { key, before } of saved) {
    if (before === null) writer.store.prepare('DELETE FROM import_office_links WHERE key = ?').run(key);
    else writer.store.prepare('UPDATE import_office_links SET office_id = ? WHERE key = ?').run(before, key);
  }
}
