import { sql } from 'kysely';
import { OFFICE_KIND_LABELS, STAGE_LABELS, type Office } from '../../shared/domain/office';
import { STAFF_ROLE_LABELS, type Person } from '../../shared/domain/person';
import { IMPORT_FIELDS, type ImportField } from '../../shared/imports/fields';
import type { Ctx } from '../context';
import { toCsv } from '../csv/toCsv';
import { matchKeys, OfficeIndex } from '../imports/duplicates';
import { defaultRepeatAction } from '../../shared/imports/matching';
import { idIn } from '../db/idList';
import { personFromRow } from '../people/rows';
import { officeList, type ParsedQuery } from './listIndex';
import { memberNames } from '../team/names';
import { officeFromRow } from './rows';

const OFFICE_COLUMNS: ImportField[] = [
  'name', 'kind', 'specialties', 'address1', 'address2', 'city', 'state', 'zip', 'phone', 'fax', 'email', 'website',
  'npi', 'tier', 'stage', 'owner', 'tags', 'notes', 'bestTime', 'lunchPrefs',
];
const PERSON_COLUMNS: ImportField[] = [
  'personFirstName', 'personLastName', 'personKind', 'personCredentials', 'personSpecialty', 'personNpi', 'personRole',
  'personPhone', 'personEmail', 'personNotes',
];
const label = (k: ImportField) => IMPORT_FIELDS.find((f) => f.key === k)!.label;

const officeCells = (o: Office): unknown[] => [
  o.name, OFFICE_KIND_LABELS[o.kind], o.specialties.join('; '), o.address.line1, o.address.line2, o.address.city,
  o.address.state, o.address.zip, o.phone, o.fax, o.email, o.website, o.npi, o.tier, STAGE_LABELS[o.stage], o.ownerName,
  o.tags.join('; '), o.notes, o.bestTime, o.lunchPrefs,
];
const personCells = (p: Person): unknown[] => [
  p.firstName, p.lastName, p.kind === 'physician' ? 'Physician' : 'Staff', p.credentials, p.specialty, p.npi,
  p.role ? STAFF_ROLE_LABELS[p.role] : null, p.phone, p.email, p.notes,
];
const NO_PERSON = PERSON_COLUMNS.map(() => null);


/**
 * The live, non-archived people of these offices, as the office page lists them (physicians, then
 * staff, by last and first name). Archived people are left out: the import has no archived
 * person, so they would come back as current.
 */
function peopleOf(ctx: Ctx, officeIds: readonly string[]): Map<string, Person[]> {
  const rows = ctx.store.all(
    ctx.store.q
      .selectFrom('people')
      .selectAll()
      .where(sql<boolean>`office_id IN (SELECT value FROM json_each(${JSON.stringify(officeIds)}))`)
      .where('deleted_at', 'is', null)
      .where('archived_at', 'is', null)
      .orderBy(sql.raw('office_id, kind, last_name COLLATE NOCASE, first_name COLLATE NOCASE')),
  );
  const byOffice = new Map<string, Person[]>();
  for (const r of rows) {
    const list = byOffice.get(r.office_id);
    if (list) list.push(personFromRow(r));
    else byOffice.set(r.office_id, [personFromRow(r)]);
  }
  return byOffice;
}

/**
 * The offices matching the list's current search, filters and sort, headed with the import labels
 * so the file imports back without any mapping: one row per office, or with people one row per
 * person (the office's cells repeated on each, as the import reads a sheet of people), an office
 * with no one still on a row of its own.
 */
export function exportOfficesCsv(
  ctx: Ctx,
  q: ParsedQuery & { includePeople: boolean },
): { csv: string; count: number; people: number; joinedOnImport: number } {
  // Same matches and the same order as the list on screen.
  const ids = officeList(ctx).allIds(q);
  // The liaison by name, which imports back by name.
  const names = memberNames(ctx.store);
  const byId = new Map(
    ctx.store.all(ctx.store.q.selectFrom('offices').selectAll().where(idIn(ids))).map((r) => [r.id, officeFromRow(r, r.owner_id ? (names.get(r.owner_id) ?? null) : null)]),
  );
  const offices = ids.map((id) => byId.get(id)!);
  // Offices the import would take for an earlier one by default (same NPI, or same name and ZIP).
  const seen = new OfficeIndex<true>();
  let joinedOnImport = 0;
  for (const o of offices) {
    const keys = matchKeys(o);
    const hit = seen.find(keys);
    if (hit && defaultRepeatAction(hit.reason) === 'merge') joinedOnImport++;
    else if (!hit) seen.add(keys, true);
  }
  if (!q.includePeople) {
    return { csv: toCsv(OFFICE_COLUMNS.map(label), offices.map(officeCells)), count: offices.length, people: 0, joinedOnImport };
  }
  const people = peopleOf(ctx, ids);
  let personCount = 0;
  const data = offices.flatMap((o) => {
    const cells = officeCells(o);
    const here = people.get(o.id) ?? [];
    personCount += here.length;
    return here.length ? here.map((p) => [...cells, ...personCells(p)]) : [[...cells, ...NO_PERSON]];
  });
  return { csv: toCsv([...OFFICE_COLUMNS, ...PERSON_COLUMNS].map(label), data), count: offices.length, people: personCount, joinedOnImport };
}
