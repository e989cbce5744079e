import { AppError } from '../../shared/errors';
import type { TaxonomySource } from '../../shared/nppes/summary';
import { nuccEntries, taxonomyTable, TAXONOMY_KINDS, type TaxonomyEntry, type TaxonomyKind, type TaxonomyTable } from '../../shared/nppes/taxonomy';
import type { TaxonomyList } from '../../shared/taxonomy/contract';
import type { Ctx } from '../context';
import type { Store } from '../db/store';
import type { ImportFiles } from '../imports/files';
import { readTable } from '../imports/read';

/**
 * NUCC's list as a user loaded it: a local setting in `meta` (each device reads its own files;
 * nothing else refers to it, so it is not synced). About 870 codes, some 60 KB as JSON.
 */
const KEY = 'nucc_taxonomy';

interface Stored {
  fileName: string;
  loadedAt: string;
  /** [code, name, kind] */
  entries: [string, string, TaxonomyKind][];
}

/** The parsed setting per database, re-read only when its text changes. */
const cache = new WeakMap<Store, { raw: string | undefined; stored: Stored | null; table: TaxonomyTable }>();

function current(ctx: Ctx): { stored: Stored | null; table: TaxonomyTable } {
  const raw = ctx.store.first(ctx.store.q.selectFrom('meta').select('value').where('key', '=', KEY))?.value;
  const hit = cache.get(ctx.store);
  if (hit && hit.raw === raw) return hit;
  let stored: Stored | null = null;
  try {
    stored = raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    // A damaged setting is as good as none: the shipped names still work.
  }
  const supplied: TaxonomyEntry[] = (stored?.entries ?? [])
    .filter(([, , kind]) => (TAXONOMY_KINDS as readonly string[]).includes(kind))
    .map(([code, name, kind]) => ({ code, name, kind }));
  const entry = { raw, stored, table: taxonomyTable(supplied) };
  cache.set(ctx.store, entry);
  return entry;
}

/** The names in use: the shipped codes with a loaded NUCC list over them. */
export const currentTaxonomy = (ctx: Ctx): TaxonomyTable => current(ctx).table;

export function taxonomySource(ctx: Ctx): TaxonomySource {
  const { stored, table } = current(ctx);
  return { source: stored ? 'nucc' : 'shipped', fileName: stored?.fileName ?? null, loadedAt: stored?.loadedAt ?? null, codes: table.size };
}

export function taxonomyList(ctx: Ctx): TaxonomyList {
  const { table } = current(ctx);
  const entries = [...table.values()].map(({ code, name, kind }) => ({ code, name, kind })).sort((a, b) => a.name.localeCompare(b.name));
  return { ...taxonomySource(ctx), entries };
}

/** Reads NUCC's CSV (any encoding the import reads) and keeps it as this device's names. */
export async function loadNucc(ctx: Ctx, files: ImportFiles, fileId: string): Promise<TaxonomyList & { skipped: number }> {
  ctx.gate.health.assertWritable();
  const { table, file } = await readTable(files, { fileId });
  const { entries, skipped } = nuccEntries(table.headers, table.records);
  if (entries.length === 0) throw new AppError('invalid_input', 'No taxonomy code was found in that file (codes look like 207Q00000X).');
  const stored: Stored = { fileName: file.name, loadedAt: ctx.now(), entries: entries.map((e) => [e.code, e.name, e.kind]) };
  const value = JSON.stringify(stored);
  ctx.store.tx(() => ctx.store.run(ctx.store.q.insertInto('meta').values({ key: KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value }))));
  return { ...taxonomyList(ctx), skipped };
}

export function resetTaxonomy(ctx: Ctx): TaxonomyList {
  ctx.gate.health.assertWritable();
  ctx.store.tx(() => ctx.store.run(ctx.store.q.deleteFrom('meta').where('key', '=', KEY)));
  return taxonomyList(ctx);
}

/** Changes whenever the names in use change, so a reviewed import plan made with the old names is not reused. */
export const taxonomyStamp = (ctx: Ctx): string => taxonomySource(ctx).loadedAt ?? 'shipped';
