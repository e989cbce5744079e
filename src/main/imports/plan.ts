import type { z } from 'zod';
import { Address, OfficeFields, type OfficeCreate } from '../../shared/domain/office';
import { PersonFields, staffRoleFrom } from '../../shared/domain/person';
import { splitFullName } from '../../shared/domain/personName';
import { zip5 } from '../../shared/domain/zip';
import { IMPORT_FIELDS, type ImportField } from '../../shared/imports/fields';
import type { DuplicateMode, ImportPreview, RowError } from '../../shared/imports/contract';
import { normaliseName, tidyName } from '../../shared/team/memberId';
import type { Ctx } from '../context';
import { MembersByName } from '../team/byName';
import { rowNumber, type ParsedCsv } from './parse';

export type OfficeInput = z.output<typeof OfficeCreate>;
export type PersonInput = z.output<typeof PersonFields>;

export interface PlannedOffice {
  row: number;
  office: OfficeInput;
  people: PersonInput[];
  /** the live office this row duplicates (by NPI, else by name + ZIP), if any */
  existing: { id: string; name: string } | null;
}

export interface ImportPlan {
  rowCount: number;
  /** the fields some column of the file fills */
  mapped: ReadonlySet<ImportField>;
  offices: PlannedOffice[];
  errors: RowError[];
  /** Liaison names the team has no member by (normalised name → the file's first spelling): added on commit */
  newMembers: Map<string, string>;
}

const PERSON_FIELDS = new Set<ImportField>([
  'personFullName', 'personFirstName', 'personLastName', 'personKind', 'personCredentials', 'personSpecialty',
  'personNpi', 'personRole', 'personPhone', 'personEmail', 'personNotes',
]);

/** How a file row and an office in the app are recognised as the same office. */
const byNpi = (npi: string) => `npi:${npi}`;
// By the ZIP's first five digits: 60607 and 60607-1234 are the same place.
const byNameZip = (name: string, zip: string | null | undefined) => `nz:${name.toLowerCase()}|${zip5(zip)}`;
const officeKey = (o: { npi?: string | null; name: string; address: { zip: string | null } }) => (o.npi ? byNpi(o.npi) : byNameZip(o.name, o.address.zip));

const fieldLabel = (k: ImportField) => IMPORT_FIELDS.find((f) => f.key === k)!.label;

/** Each person field, the column it is named by in errors, and whether an empty cell is checked too. */
const PERSON_CELLS = [
  ['kind', 'personKind', true],
  ['firstName', 'personFirstName', true],
  ['lastName', 'personLastName', true],
  ['credentials', 'personCredentials', false],
  ['specialty', 'personSpecialty', false],
  ['npi', 'personNpi', false],
  ['role', 'personRole', false],
  ['phone', 'personPhone', false],
  ['email', 'personEmail', false],
  ['notes', 'personNotes', false],
] as const satisfies ReadonlyArray<readonly [keyof PersonInput, ImportField, boolean]>;

/**
 * One spreadsheet row's contact, by the same field schemas as the person form. A full name
 * ("Dr. Ana Ruiz, MD") fills first name, last name and credentials the row leaves blank; a row
 * with a role is staff unless it says otherwise. A test holds this equal to PersonFields.
 */
export function parsePersonCells(
  v: Partial<Record<ImportField, string>>,
  cells: CellResults = new CellResults(),
): { success: true; data: PersonInput } | { success: false; message: string } {
  const split = v.personFullName ? splitFullName(v.personFullName) : null;
  // A "kind" cell that names a staff title ("Office Manager") makes staff with that role, not a physician.
  const kindAsRole = v.personKind && !/^(physician|staff)$/i.test(v.personKind.trim()) ? staffRoleFrom(v.personKind) : null;
  const raw: Record<keyof PersonInput, string | undefined> = {
    kind: kindAsRole ? 'staff' : v.personKind || (v.personRole ? 'staff' : 'physician'),
    firstName: v.personFirstName || split?.firstName || '',
    lastName: v.personLastName || split?.lastName || '',
    credentials: v.personCredentials || split?.credentials || undefined,
    specialty: v.personSpecialty,
    npi: v.personNpi,
    role: v.personRole || kindAsRole || undefined,
    phone: v.personPhone,
    email: v.personEmail,
    notes: v.personNotes,
  };
  const problems: string[] = [];
  const person: Record<string, unknown> = { credentials: null, specialty: null, npi: null, role: null, phone: null, email: null, notes: null };
  for (const [key, column, always] of PERSON_CELLS) {
    const value = raw[key];
    if (!value && !always) continue;
    const r = cells.parse(column, PersonFields.shape[key], value ?? '');
    if (!r.success) {
      problems.push(`${fieldLabel(column)}: ${r.error.issues[0]!.message}`);
      continue;
    }
    person[key] = r.data;
  }
  if (problems.length) return { success: false, message: problems.join('; ') };
  const p = person as PersonInput;
  return { success: true, data: p.kind !== 'staff' ? { ...p, role: null } : { ...p, role: p.role ?? 'other' } };
}

/** Every live office keyed both ways, loaded once per import rather than looked up per row. */
function existingOfficeIndex(ctx: Ctx): Map<string, { id: string; name: string }> {
  const index = new Map<string, { id: string; name: string }>();
  const rows = ctx.store.all(
    ctx.store.q.selectFrom('offices').select(['id', 'name', 'npi', 'zip']).where('deleted_at', 'is', null).orderBy('created_at'),
  );
  for (const r of rows) {
    const hit = { id: r.id, name: r.name };
    if (r.npi && !index.has(byNpi(r.npi))) index.set(byNpi(r.npi), hit);
    const nz = byNameZip(r.name, r.zip);
    if (!index.has(nz)) index.set(nz, hit);
  }
  return index;
}

/** Each office column and the schema that checks it: the very field schemas the forms use. */
const OFFICE_CELLS: ReadonlyArray<readonly [ImportField, (o: OfficeInput, value: never) => void, z.ZodType]> = [
  ['kind', (o, x) => (o.kind = x), OfficeFields.shape.kind],
  ['specialties', (o, x) => (o.specialties = x), OfficeFields.shape.specialties],
  ['address1', (o, x) => (o.address.line1 = x), Address.shape.line1],
  ['address2', (o, x) => (o.address.line2 = x), Address.shape.line2],
  ['city', (o, x) => (o.address.city = x), Address.shape.city],
  ['state', (o, x) => (o.address.state = x), Address.shape.state],
  ['zip', (o, x) => (o.address.zip = x), Address.shape.zip],
  ['phone', (o, x) => (o.phone = x), OfficeFields.shape.phone],
  ['fax', (o, x) => (o.fax = x), OfficeFields.shape.fax],
  ['email', (o, x) => (o.email = x), OfficeFields.shape.email],
  ['website', (o, x) => (o.website = x), OfficeFields.shape.website],
  ['npi', (o, x) => (o.npi = x), OfficeFields.shape.npi],
  ['tier', (o, x) => (o.tier = x), OfficeFields.shape.tier],
  ['stage', (o, x) => (o.stage = x), OfficeFields.shape.stage],
  ['owner', (o, x) => (o.ownerName = x), OfficeFields.shape.ownerName],
  ['tags', (o, x) => (o.tags = x), OfficeFields.shape.tags],
  ['notes', (o, x) => (o.notes = x), OfficeFields.shape.notes],
  ['bestTime', (o, x) => (o.bestTime = x), OfficeFields.shape.bestTime],
  ['lunchPrefs', (o, x) => (o.lunchPrefs = x), OfficeFields.shape.lunchPrefs],
];

/**
 * Remembers each field's result per distinct cell text for one import: a sheet repeats its kinds,
 * stages, tiers, cities and specialties thousands of times, and the schemas are pure functions.
 * Capped per field so a column of unique values (names, phones) does not grow it without bound.
 */
export class CellResults {
  private readonly byField = new Map<ImportField, Map<string, z.ZodSafeParseResult<unknown>>>();

  parse(field: ImportField, schema: z.ZodType, raw: string): z.ZodSafeParseResult<unknown> {
    let seen = this.byField.get(field);
    if (!seen) this.byField.set(field, (seen = new Map()));
    let r = seen.get(raw);
    if (!r) {
      r = schema.safeParse(raw);
      if (seen.size < 5000) seen.set(raw, r);
    }
    return r;
  }
}

/**
 * One spreadsheet row's office, by the same rules as OfficeCreate (same field schemas, same
 * defaults), checking only the cells that hold something: most cells of a real sheet are empty,
 * and a 50,000-row import should not pay for validating nothing. A test holds the two equal.
 */
export function parseOfficeCells(
  v: Partial<Record<ImportField, string>>,
  cells: CellResults = new CellResults(),
): { success: true; data: OfficeInput } | { success: false; message: string } {
  // Every problem of the row, not only the first: the user fixes the file once.
  const problems: string[] = [];
  const name = OfficeFields.shape.name.safeParse(v.name ?? '');
  if (!name.success) problems.push(`${fieldLabel('name')}: ${name.error.issues[0]!.message}`);
  const office: OfficeInput = {
    name: name.success ? name.data : '', kind: 'physician_office', stage: 'prospect', specialties: [], tags: [],
    address: { line1: null, line2: null, city: null, state: null, zip: null },
    phone: null, fax: null, email: null, website: null, npi: null, tier: null, ownerId: null, ownerName: null, notes: null, bestTime: null, lunchPrefs: null,
  };
  for (const [field, set, schema] of OFFICE_CELLS) {
    const raw = v[field];
    if (!raw) continue;
    const r = cells.parse(field, schema, raw);
    if (!r.success) {
      problems.push(`${fieldLabel(field)}: ${r.error.issues[0]!.message}`);
      continue;
    }
    // Arrays (specialties, tags) may be shared between rows through the cache: copy them.
    set(office, (Array.isArray(r.data) ? [...r.data] : r.data) as never);
  }
  return problems.length ? { success: false, message: problems.join('; ') } : { success: true, data: office };
}

/**
 * Reads every record into offices and people, validated with the same schemas as the forms.
 * Rows naming the same office (same NPI, or same name + ZIP) become one office with several
 * people, so a file may have one row per office or one row per person. Writes nothing.
 */
export function planImport(ctx: Ctx, csv: ParsedCsv, mapping: (ImportField | null)[]): ImportPlan {
  const errors: RowError[] = [];
  const byKey = new Map<string, PlannedOffice>();
  const existing = existingOfficeIndex(ctx);
  const cellResults = new CellResults();
  const personColumns = mapping.filter((m): m is ImportField => m !== null && PERSON_FIELDS.has(m));
  if (!mapping.includes('name')) {
    return {
      rowCount: csv.records.length, mapped: new Set(), offices: [], newMembers: new Map(),
      errors: [{ row: 1, message: 'No column is mapped to "Office name"; map one to import.' }],
    };
  }

  csv.records.forEach((record, i) => {
    const row = rowNumber(i);
    // More filled cells than the header has columns: a stray delimiter shifted the row, and what
    // lies past the last column would be lost. (Fewer cells is a row that ends early: blanks.)
    const extra = record.length > csv.headers.length ? record.slice(csv.headers.length).filter((c) => c.trim() !== '').length : 0;
    if (extra > 0) {
      errors.push({ row, message: `This row has ${record.length} cells but the header has ${csv.headers.length} columns (a stray comma or semicolon?), so its values may be in the wrong columns` });
      return;
    }
    const v: Partial<Record<ImportField, string>> = {};
    mapping.forEach((field, col) => {
      if (field) v[field] = (record[col] ?? '').trim();
    });
    const parsed = parseOfficeCells(v, cellResults);
    const p = personColumns.some((f) => v[f]) ? parsePersonCells(v, cellResults) : null;
    if (!parsed.success || (p && !p.success)) {
      errors.push({ row, message: [parsed, p].flatMap((r) => (r && !r.success ? [r.message] : [])).join('; ') });
      return;
    }
    const person: PersonInput | null = p && p.success ? p.data : null;
    const key = officeKey(parsed.data);
    let planned = byKey.get(key);
    if (!planned) {
      // In the app already if either the NPI or the name + ZIP matches.
      const o = parsed.data;
      const match = (o.npi ? existing.get(byNpi(o.npi)) : undefined) ?? existing.get(byNameZip(o.name, o.address.zip)) ?? null;
      planned = { row, office: o, people: [], existing: match };
      byKey.set(key, planned);
    }
    if (person) planned.people.push(person);
  });
  const offices = [...byKey.values()];
  return { rowCount: csv.records.length, mapped: new Set(mapping.filter((m): m is ImportField => m !== null)), offices, errors, newMembers: unknownOwners(ctx, offices) };
}

/** The liaisons the file names that the team has no member by, matched by the same rule the commit uses. */
function unknownOwners(ctx: Ctx, offices: PlannedOffice[]): Map<string, string> {
  const byName = new MembersByName(ctx);
  const seen = new Set<string>();
  const unknown = new Map<string, string>();
  for (const { office } of offices) {
    if (!office.ownerName) continue;
    const key = normaliseName(office.ownerName);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!byName.find(office.ownerName)) unknown.set(key, tidyName(office.ownerName));
  }
  return unknown;
}

const PREVIEW_ERRORS = 200;
const PREVIEW_SAMPLE = 20;

/** A few names as the file spells them, from the office name column (else a contact's): accents read wrong show here first. */
function sampleNames(csv: ParsedCsv, mapping: (ImportField | null)[]): string[] {
  const col = (['name', 'personFullName', 'personLastName'] as const).map((f) => mapping.indexOf(f)).find((i) => i >= 0) ?? 0;
  const names: string[] = [];
  // Names with letters beyond ASCII first: they are the ones a wrong encoding spoils.
  for (const r of csv.records.slice(0, 5000)) {
    const v = (r[col] ?? '').trim();
    if (v && /[^ -~]/.test(v) && !names.includes(v)) names.push(v);
    if (names.length === 5) return names;
  }
  for (const r of csv.records) {
    const v = (r[col] ?? '').trim();
    if (v && !names.includes(v)) names.push(v);
    if (names.length === 5) break;
  }
  return names;
}

export function summarisePlan(
  plan: ImportPlan,
  csv: ParsedCsv,
  mapping: (ImportField | null)[],
  mode: DuplicateMode,
): Omit<ImportPreview, 'file' | 'mappingSource'> {
  let duplicates = 0;
  let people = 0;
  const newMembers = new Set<string>();
  for (const o of plan.offices) {
    if (o.existing) duplicates++;
    if (!o.existing || mode !== 'skip') {
      people += o.people.length;
      const name = o.office.ownerName && plan.newMembers.get(normaliseName(o.office.ownerName));
      if (name) newMembers.add(name);
    }
  }
  return {
    headers: csv.headers,
    sampleNames: sampleNames(csv, mapping),
    example: csv.headers.map((_, i) => (csv.records[0]?.[i] ?? '').slice(0, 80)),
    mapping,
    rowCount: plan.rowCount,
    newOffices: plan.offices.length - duplicates,
    duplicateOffices: duplicates,
    people,
    newTeamMembers: newMembers.size,
    newTeamMemberNames: [...newMembers].slice(0, PREVIEW_SAMPLE),
    errorCount: plan.errors.length,
    problemGroups: groupProblems(plan.errors),
    errors: plan.errors.slice(0, PREVIEW_ERRORS),
    sample: plan.offices.slice(0, PREVIEW_SAMPLE).map((o) => ({
      row: o.row,
      name: o.office.name,
      city: o.office.address.city,
      zip: o.office.address.zip,
      npi: o.office.npi ?? null,
      people: o.people.length,
      duplicateOf: o.existing?.name ?? null,
    })),
  };
}

/**
 * "412 rows: ZIP: A ZIP code is 5 digits": each distinct problem and how many rows have it. A
 * row's message lists all its problems, "; "-separated, so a row may count in several groups.
 */
function groupProblems(errors: readonly RowError[]): { problem: string; rows: number }[] {
  const counts = new Map<string, number>();
  for (const e of errors) for (const problem of new Set(e.message.split('; '))) counts.set(problem, (counts.get(problem) ?? 0) + 1);
  return [...counts].map(([problem, rows]) => ({ problem, rows })).sort((a, b) => b.rows - a.rows || a.problem.localeCompare(b.problem)).slice(0, 50);
}
