import type { OfficeFilters, OfficeRow, SortableColumn, Stage, Tier } from './domain/office';
import { OFFICE_KIND_LABELS } from './domain/office';

/**
 * Quick-search terms as they are matched against an office's search text (name, city and
 * liaison's name lower-cased without accents, ZIP, phone digits, NPI): "(555) 010" and "555-010" both become phone digits.
 * Every term must match (AND), anywhere in the text.
 */
export function searchTerms(search: string): string[] {
  return search
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => (/^[\d()\-.+]+$/.test(t) ? t.replace(/\D/g, '') : fold(t)))
    .filter(Boolean);
}

/**
 * Lower case without accents, so "pena" finds "Peña" and "clinica" "Clínica" (and typing the
 * accent still works). Plain ASCII, most names, skips the Unicode work.
 */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  return /[\u0080-\uffff]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
}

export function officeSearchText(r: Pick<OfficeRow, 'name' | 'city' | 'zip' | 'phone' | 'npi' | 'ownerName'>): string {
  return [fold(r.name), fold(r.city ?? ''), r.zip ?? '', (r.phone ?? '').replace(/\D/g, ''), r.npi ?? '', fold(r.ownerName ?? '')].join(' ');
}

/** An office row with the lower-cased keys that searching, filtering and sorting compare. */
export interface ListEntry {
  row: OfficeRow;
  search: string;
  name: string;
  city: string;
  owner: string;
  specialties: string;
  tags: string;
}

export function listEntry(row: OfficeRow): ListEntry {
  return {
    row,
    search: officeSearchText(row),
    name: row.name.toLowerCase(),
    city: (row.city ?? '').toLowerCase(),
    owner: (row.ownerName ?? '').toLowerCase(),
    specialties: row.specialties.join('\n').toLowerCase(),
    tags: row.tags.join('\n').toLowerCase(),
  };
}

/** One test per office for a search + filters + archived choice; built once per query. */
export function officePredicate(search: string, f: OfficeFilters, includeArchived: boolean): (e: ListEntry) => boolean {
  const terms = searchTerms(search);
  const lc = (s: string | undefined) => (s ? s.toLowerCase() : '');
  const name = lc(f.name), city = lc(f.city), specialty = lc(f.specialty), tag = lc(f.tag);
  const state = f.state ? f.state.toUpperCase() : '';
  const zip = f.zip ?? '';
  const kinds = f.kind?.length ? new Set<string>(f.kind) : null;
  const tiers = f.tier?.length ? new Set<string | null>(f.tier) : null;
  const stages = f.stage?.length ? new Set<string>(f.stage) : null;
  const owners = f.owner?.length ? new Set<string | null>(f.owner) : null;
  return (e) => {
    const r = e.row;
    if (!includeArchived && r.archivedAt) return false;
    for (const t of terms) if (!e.search.includes(t)) return false;
    if (name && !e.name.includes(name)) return false;
    if (city && !e.city.includes(city)) return false;
    if (specialty && !e.specialties.includes(specialty)) return false;
    if (tag && !e.tags.includes(tag)) return false;
    if (state && r.state !== state) return false;
    if (zip && !(r.zip ?? '').startsWith(zip)) return false;
    if (kinds && !kinds.has(r.kind)) return false;
    if (tiers && !tiers.has(r.tier)) return false;
    if (stages && !stages.has(r.stage)) return false;
    if (owners && !owners.has(r.ownerId)) return false;
    return true;
  };
}

const TIER_ORDER: Record<Tier, string> = { A: '1', B: '2', C: '3' };
const STAGE_ORDER: Record<Stage, string> = { prospect: '1', new: '2', established: '3', dormant: '4' };

/**
 * The value an office sorts by in a column; '' means blank. Tiers sort A→C and stages in
 * relationship order, not alphabetically; text sorts without regard to case.
 */
export function sortKey(e: ListEntry, column: SortableColumn): string {
  const r = e.row;
  switch (column) {
    case 'name': return e.name;
    case 'city': return e.city;
    case 'owner': return e.owner;
    case 'state': return r.state ?? '';
    case 'zip': return r.zip ?? '';
    case 'kind': return OFFICE_KIND_LABELS[r.kind].toLowerCase();
    case 'tier': return r.tier ? TIER_ORDER[r.tier] : '';
    case 'stage': return STAGE_ORDER[r.stage];
    case 'updatedAt': return r.updatedAt;
  }
}

/** Ascending or descending by key, blanks last either way, then by id so the order is total. */
export function compareEntries(a: string, aId: string, b: string, bId: string, desc: boolean): number {
  if (a !== b) {
    if (a === '') return 1;
    if (b === '') return -1;
    return (a < b ? -1 : 1) * (desc ? -1 : 1);
  }
  return aId === bId ? 0 : (aId < bId ? -1 : 1) * (desc ? -1 : 1);
}
