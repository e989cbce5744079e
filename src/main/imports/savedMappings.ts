import { SPEC_FIELDS } from '../../shared/imports/specs';
import type { Ctx } from '../context';
import type { ImportSpec, Mapping } from './spec';

/** Header rows that differ only in case, spacing or a BOM are the same export. */
const headersKey = (headers: readonly string[]) => headers.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ')).join('\u001f');

/**
 * One saved mapping per header row and spec. The key of an office mapping is the header row alone,
 * as saved before there were other specs; another spec's is prefixed with its name, so the same
 * header row read as a referral report keeps its own.
 */
const keyOf = (spec: ImportSpec['key'], headers: readonly string[]) => (spec === 'offices' ? headersKey(headers) : `${spec}\u001e${headersKey(headers)}`);

/**
 * Remembers the mapping a user made for a file, keyed by its header row, so next month's export
 * from the same system maps itself. A mapping equal to what the headers would guess anyway is not
 * kept (and replaces an older saved one), so a fixed guess is never shadowed by a stale choice.
 */
export function saveMapping(ctx: Ctx, spec: ImportSpec, headers: readonly string[], mapping: Mapping): void {
  const key = keyOf(spec.key, headers);
  const guessed = spec.guess(headers);
  if (mapping.every((m, i) => m === guessed[i])) {
    ctx.store.prepare('DELETE FROM saved_mappings WHERE headers_key = ?').run(key);
    return;
  }
  ctx.store
    .prepare('INSERT INTO saved_mappings (headers_key, spec, mapping, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT (headers_key) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at')
    .run(key, spec.key, JSON.stringify(mapping), ctx.now());
}

/** The saved mapping for this header row, if any (fields this build no longer has, and columns the spec refuses, are left unmapped). */
export function findSavedMapping(ctx: Ctx, spec: ImportSpec, headers: readonly string[]): Mapping | null {
  const row = ctx.store.read('SELECT mapping FROM saved_mappings WHERE headers_key = ? AND spec = ?').get(keyOf(spec.key, headers), spec.key) as { mapping: string } | undefined;
  if (!row) return null;
  const known = new Set<string>(SPEC_FIELDS[spec.key].map((f) => f.key));
  const saved = JSON.parse(row.mapping) as (string | null)[];
  if (saved.length !== headers.length) return null;
  const refused = spec.refused(headers);
  return saved.map((m, i) => (m !== null && known.has(m) && !refused[i] ? m : null));
}
