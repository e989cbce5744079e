import { guessMapping, IMPORT_FIELD_KEYS, type ImportField } from '../../shared/imports/fields';
import type { Ctx } from '../context';

/** Header rows that differ only in case, spacing or a BOM are the same export. */
const headersKey = (headers: readonly string[]) => headers.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ')).join('\u001f');

const SPEC = 'offices';

/**
 * Remembers the mapping a user made for a file, keyed by its header row, so next month's export
 * from the same system maps itself. A mapping equal to what the headers would guess anyway is not
 * kept (and replaces an older saved one), so a fixed guess is never shadowed by a stale choice.
 */
export function saveMapping(ctx: Ctx, headers: readonly string[], mapping: readonly (ImportField | null)[]): void {
  const key = headersKey(headers);
  const guessed = guessMapping(headers);
  if (mapping.every((m, i) => m === guessed[i])) {
    ctx.store.prepare('DELETE FROM saved_mappings WHERE headers_key = ?').run(key);
    return;
  }
  ctx.store
    .prepare('INSERT INTO saved_mappings (headers_key, spec, mapping, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT (headers_key) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at')
    .run(key, SPEC, JSON.stringify(mapping), ctx.now());
}

/** The saved mapping for this header row, if any (fields this build no longer has are left unmapped). */
export function findSavedMapping(ctx: Ctx, headers: readonly string[]): (ImportField | null)[] | null {
  const row = ctx.store.read('SELECT mapping FROM saved_mappings WHERE headers_key = ? AND spec = ?').get(headersKey(headers), SPEC) as { mapping: string } | undefined;
  if (!row) return null;
  const known = new Set<string>(IMPORT_FIELD_KEYS);
  const saved = JSON.parse(row.mapping) as (string | null)[];
  if (saved.length !== headers.length) return null;
  return saved.map((m) => (m !== null && known.has(m) ? (m as ImportField) : null));
}
