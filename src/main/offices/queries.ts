import { sql, type SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import type { OfficeListQuery, OfficeQuery, SortableColumn } from '../../shared/domain/office';
import type { Database } from '../db/schema';
import type { Store } from '../db/store';

export type ParsedQuery = z.output<typeof OfficeQuery>;
export type ParsedListQuery = z.output<typeof OfficeListQuery>;

const SORT_SQL: Record<SortableColumn, string> = {
  name: 'name COLLATE NOCASE',
  kind: 'kind',
  city: 'city COLLATE NOCASE',
  state: 'state',
  zip: 'zip',
  tier: 'tier',
  stage: 'stage',
  owner: 'owner COLLATE NOCASE',
  updatedAt: 'updated_at',
};

/** `x` as a LIKE pattern that matches it literally (% and _ escaped). */
const likeText = (x: string) => x.replace(/[\\%_]/g, (m) => `\\${m}`);
const contains = (x: string) => `%${likeText(x)}%`;

/**
 * Quick-search terms as they are matched against offices.search_text (lower-case name, city, ZIP,
 * phone digits, NPI): "(555) 010" and "555-010" both become phone digits.
 */
export function searchTerms(search: string): string[] {
  return search
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => (/^[\d()\-.+]+$/.test(t) ? t.replace(/\D/g, '') : t.toLowerCase()))
    .filter(Boolean);
}

function applyQuery<O>(qb: SelectQueryBuilder<Database, 'offices', O>, q: ParsedQuery): SelectQueryBuilder<Database, 'offices', O> {
  qb = qb.where('deleted_at', 'is', null);
  if (!q.includeArchived) qb = qb.where('archived_at', 'is', null);
  for (const term of searchTerms(q.search)) qb = qb.where(sql<boolean>`instr(search_text, ${term}) > 0`);
  const f = q.filters;
  if (f.name) qb = qb.where(sql<boolean>`name LIKE ${contains(f.name)} ESCAPE '\\'`);
  if (f.city) qb = qb.where(sql<boolean>`city LIKE ${contains(f.city)} ESCAPE '\\'`);
  if (f.owner) qb = qb.where(sql<boolean>`owner LIKE ${contains(f.owner)} ESCAPE '\\'`);
  if (f.specialty) qb = qb.where(sql<boolean>`specialties LIKE ${contains(f.specialty)} ESCAPE '\\'`);
  if (f.tag) qb = qb.where(sql<boolean>`tags LIKE ${contains(f.tag)} ESCAPE '\\'`);
  if (f.zip) qb = qb.where(sql<boolean>`zip LIKE ${`${likeText(f.zip)}%`} ESCAPE '\\'`);
  if (f.state) qb = qb.where('state', '=', f.state.toUpperCase());
  if (f.kind?.length) qb = qb.where('kind', 'in', f.kind);
  if (f.tier?.length) qb = qb.where('tier', 'in', f.tier);
  if (f.stage?.length) qb = qb.where('stage', 'in', f.stage);
  return qb;
}

function applySort<O>(qb: SelectQueryBuilder<Database, 'offices', O>, q: ParsedQuery): SelectQueryBuilder<Database, 'offices', O> {
  const dir = q.sort.desc ? 'DESC' : 'ASC';
  return qb.orderBy(sql.raw(`${SORT_SQL[q.sort.column]} ${dir}, id ${dir}`));
}

export const LIST_COLUMNS = [
  'id', 'name', 'kind', 'specialties', 'phone', 'npi', 'tier', 'stage', 'owner', 'tags', 'updated_at', 'archived_at', 'city', 'state', 'zip',
] as const;

export function listPageQuery(store: Store, q: ParsedListQuery) {
  return applySort(applyQuery(store.q.selectFrom('offices').select(LIST_COLUMNS), q), q)
    .limit(q.limit)
    .offset(q.offset);
}

export function countQuery(store: Store, q: ParsedQuery) {
  return applyQuery(store.q.selectFrom('offices').select(sql<number>`count(*)`.as('n')), q);
}

export function allMatchingQuery(store: Store, q: ParsedQuery) {
  return applySort(applyQuery(store.q.selectFrom('offices').selectAll(), q), q);
}
