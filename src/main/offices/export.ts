import { OFFICE_KIND_LABELS, STAGE_LABELS } from '../../shared/domain/office';
import { IMPORT_FIELDS, type ImportField } from '../../shared/imports/fields';
import type { Ctx } from '../context';
import { toCsv } from '../csv/toCsv';
import { idIn } from '../db/idList';
import { officeList, type ParsedQuery } from './listIndex';
import { memberNames } from '../team/names';
import { officeFromRow } from './rows';

const OFFICE_COLUMNS: ImportField[] = [
  'name', 'kind', 'specialties', 'address1', 'address2', 'city', 'state', 'zip', 'phone', 'fax', 'email', 'website',
  'npi', 'tier', 'stage', 'owner', 'tags', 'notes', 'bestTime', 'lunchPrefs',
];
const label = (k: ImportField) => IMPORT_FIELDS.find((f) => f.key === k)!.label;

/**
 * The offices matching the list's current search, filters and sort, one row per office, headed
 * with the import labels so the file imports back without any mapping.
 */
export function exportOfficesCsv(ctx: Ctx, q: ParsedQuery): { csv: string; count: number } {
  // Same matches and the same order as the list on screen.
  const ids = officeList(ctx).allIds(q);
  // The liaison by name, which imports back by name.
  const names = memberNames(ctx.store);
  const byId = new Map(
    ctx.store.all(ctx.store.q.selectFrom('offices').selectAll().where(idIn(ids))).map((r) => [r.id, officeFromRow(r, r.owner_id ? (names.get(r.owner_id) ?? null) : null)]),
  );
  const rows = ids.map((id) => byId.get(id)!);
  const data = rows.map((o) => [
    o.name, OFFICE_KIND_LABELS[o.kind], o.specialties.join('; '), o.address.line1, o.address.line2, o.address.city,
    o.address.state, o.address.zip, o.phone, o.fax, o.email, o.website, o.npi, o.tier, STAGE_LABELS[o.stage], o.ownerName,
    o.tags.join('; '), o.notes, o.bestTime, o.lunchPrefs,
  ]);
  return { csv: toCsv(OFFICE_COLUMNS.map(label), data), count: rows.length };
}
