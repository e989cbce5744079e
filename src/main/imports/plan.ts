import type { z } from 'zod';
import { Address, OfficeFields, type OfficeCreate } from '../../shared/domain/office';
import { namesClinician, PersonFields, staffRoleFrom } from '../../shared/domain/person';
import { splitFullName } from '../../shared/domain/personName';
import { IMPORT_FIELDS, type ImportField } from '../../shared/imports/fields';
import type { ImportRequest, RowError } from '../../shared/imports/contract';
import type { NppesSummary } from '../../shared/nppes/summary';
import { defaultExistingAction, defaultRepeatAction, MATCH_REASON_LABELS, MATCH_REASONS, type ExistingAction, type MatchReason, type RepeatAction } from '../../shared/imports/matching';
import { conflicts, fillBlanks, matchKeys, OfficeIndex, sameMatchFields, type MatchKeys } from './duplicates';
import { normaliseName, tidyName } from '../../shared/team/memberId';
import type { Ctx } from '../context';
import { MembersByName } from '../team/byName';
import { rowNumber, strayCells, type ParsedCsv } from './parse';
import type { SpecSummary } from './spec';

export type OfficeInput = z.output<typeof OfficeCreate>;
export type PersonInput = z.output<typeof PersonFields>;

export interface PlannedOffice {
  row: number;
  office: OfficeInput;
  people: PersonInput[];
  /** the live office this one matches, and why */
  existing: { id: string; name: string; reason: MatchReason; detail: string } | null;
  /** what the commit does with it when it matches one (the user's choice for its row or reason) */
  action: ExistingAction;
}

/** A row repeating an earlier row's office with other details: merged into it, or kept as another office, as the user chose. */
export interface RepeatedRow {
  row: number;
  name: string;
  of: { row: number; name: string };
  reason: MatchReason;
  detail: string;
  conflicts: string[];
  action: RepeatAction;
}

export interface ImportPlan {
  rowCount: number;
  /** the fields some column of the file fills */
  mapped: ReadonlySet<ImportField>;
  offices: PlannedOffice[];
  repeats: RepeatedRow[];
  errors: RowError[];
  /** Liaison names the team has no member by (normalised name → the file's first spelling): added on commit */
  newMembers: Map<string, string>;
}

const PERSON_FIELDS = new Set<ImportField>([
  'personFullName', 'personFirstName', 'personLastName', 'personKind', 'personCredentials', 'personSpecialty',
  'personNpi', 'personRole', 'personPhone', 'personEmail', 'personNotes',
]);

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
  // A job title (a CRM's "Title") that names a clinician ("Physician", "Orthopaedic Surgeon") is no staff role.
  const clinicianTitle = !v.personKind && !!v.personRole && namesClinician(v.personRole);
  // A title that names no role we know ("Owner", "CEO") is staff with role "other", the title kept in the notes, not a refused row.
  const otherTitle = v.personRole && !clinicianTitle && !staffRoleFrom(v.personRole) ? v.personRole : null;
  const raw: Record<keyof PersonInput, string | undefined> = {
    kind: kindAsRole ? 'staff' : v.personKind || (v.personRole && !clinicianTitle ? 'staff' : 'physician'),
    firstName: v.personFirstName || split?.firstName || '',
    lastName: v.personLastName || split?.lastName || '',
    credentials: v.personCredentials || split?.credentials || undefined,
    specialty: v.personSpecialty,
    npi: v.personNpi,
    role: (clinicianTitle ? undefined : otherTitle ? 'other' : v.personRole) || kindAsRole || undefined,
    phone: v.personPhone,
    email: v.personEmail,
    notes: otherTitle ? [`Title: ${otherTitle}`, v.personNotes].filter(Boolean).join('\n') : v.personNotes,
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

type DirectoryIndex = OfficeIndex<{ id: string; name: string }>;
/** The last index built per database, and the change-log position it was built at. */
const directoryIndexes = new WeakMap<object, { at: number; index: DirectoryIndex }>();

/**
 * Every live office, keyed every way it can be recognised, built once per state of the directory
 * rather than per plan: each duplicate choice on the review re-plans the file, and at 200,000
 * offices building this is most of the work. Any write moves the change log on, and a new one is built.
 */
export function existingOfficeIndex(ctx: Ctx): DirectoryIndex {
  const at = (ctx.store.read('SELECT max(rowid) AS n FROM changes').get() as { n: number | null }).n ?? 0;
  const kept = directoryIndexes.get(ctx.store);
  if (kept?.at === at) return kept.index;
  const index: DirectoryIndex = new OfficeIndex();
  const rows = ctx.store
    .read(`SELECT id, name, npi, zip, phone, json_extract(address, '$.line1') AS line1 FROM offices WHERE deleted_at IS NULL ORDER BY created_at`)
    .all() as { id: string; name: string; npi: string | null; zip: string | null; phone: string | null; line1: string | null }[];
  for (const r of rows) index.add(matchKeys({ name: r.name, npi: r.npi, phone: r.phone, address: { line1: r.line1, zip: r.zip } }), { id: r.id, name: r.name });
  directoryIndexes.set(ctx.store, { at, index });
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
    visitHours: [],
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

/** What the commit does with each office matching one in the app: the user's choice for its row, else for its reason, else the default. */
export function applyActions(offices: PlannedOffice[], actions: Actions): void {
  for (const p of offices) {
    if (!p.existing) continue;
    const { reason } = p.existing;
    p.action = (actions.rowActions[p.row] as ExistingAction | undefined) ?? actions.reasonActions[reason] ?? defaultExistingAction(reason, actions.duplicateMode);
  }
}

export type Actions = Pick<z.output<typeof ImportRequest>, 'duplicateMode' | 'reasonActions' | 'rowActions'>;
const NO_CHOICES: Actions = { duplicateMode: 'skip', reasonActions: {}, rowActions: {} };

/**
 * Reads every record into offices and people, validated with the same schemas as the forms.
 * Rows naming the same office become one office with several people, so a file may have one row
 * per office or one row per person; a row that repeats an office with other details is listed,
 * merged (blanks filled, never a value silently dropped: the differences are shown) or kept as
 * another office as the user chooses. Each office is then matched against the app's. Writes nothing.
 */
export function planImport(ctx: Ctx, csv: ParsedCsv, mapping: (ImportField | null)[], actions: Actions = NO_CHOICES): ImportPlan {
  const errors: RowError[] = [];
  const planned: PlannedOffice[] = [];
  const repeats: RepeatedRow[] = [];
  const inFile = new OfficeIndex<PlannedOffice>();
  const keysOf = new Map<PlannedOffice, MatchKeys>();
  /** offices a later row added cells to: their match keys are worked out again */
  const merged = new Set<PlannedOffice>();
  const cellResults = new CellResults();
  const mapped = new Set(mapping.filter((m): m is ImportField => m !== null));
  const personColumns = mapping.filter((m): m is ImportField => m !== null && PERSON_FIELDS.has(m));
  if (!mapping.includes('name')) {
    return {
      rowCount: csv.records.length, mapped: new Set(), offices: [], repeats: [], newMembers: new Map(),
      errors: [{ row: 1, message: 'No column is mapped to "Office name"; map one to import.' }],
    };
  }

  csv.records.forEach((record, i) => {
    const row = rowNumber(i);
    const stray = strayCells(record, csv.headers.length);
    if (stray) {
      errors.push({ row, message: stray });
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
    const o = parsed.data;
    const keys = matchKeys(o);
    const hit = inFile.find(keys);
    if (hit) {
      const first = hit.ref;
      const differ = conflicts(first.office, o, mapped);
      // The same office written again (one row per person): one office, nothing to ask.
      const action: RepeatAction = differ.length === 0 ? 'merge' : ((actions.rowActions[row] as RepeatAction | undefined) ?? defaultRepeatAction(hit.reason));
      if (differ.length > 0) repeats.push({ row, name: o.name, of: { row: first.row, name: first.office.name }, reason: hit.reason, detail: hit.detail, conflicts: differ, action });
      if (action === 'merge') {
        if (!sameMatchFields(first.office, o)) merged.add(first);
        fillBlanks(first.office, o, mapped);
        if (person) first.people.push(person);
        return;
      }
    }
    const office: PlannedOffice = { row, office: o, people: person ? [person] : [], existing: null, action: actions.duplicateMode };
    planned.push(office);
    keysOf.set(office, keys);
    if (!hit) inFile.add(keys, office);
  });

  const existing = existingOfficeIndex(ctx);
  for (const p of planned) {
    // The keys worked out for the file's own matching, unless a merged repeat filled in more since.
    const m = existing.find(merged.has(p) ? matchKeys(p.office) : keysOf.get(p)!);
    if (m) p.existing = { id: m.ref.id, name: m.ref.name, reason: m.reason, detail: m.detail };
  }
  applyActions(planned, actions);
  return { rowCount: csv.records.length, mapped, offices: planned, repeats, errors, newMembers: unknownOwners(ctx, planned) };
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

const PREVIEW_SAMPLE = 20;

/**
 * A few names as the file spells them, from the office and contact name columns, names with
 * letters beyond ASCII first: they are the ones a wrong encoding spoils, so they show it before
 * anything is imported.
 */
export function sampleNames(csv: ParsedCsv, mapping: (ImportField | null)[]): string[] {
  const cols = (['name', 'personFullName', 'personLastName', 'personFirstName'] as const).map((f) => mapping.indexOf(f)).filter((i) => i >= 0);
  if (cols.length === 0) cols.push(0);
  const names: string[] = [];
  const scan = (wanted: (v: string) => boolean) => {
    for (const r of csv.records.slice(0, 5000)) {
      for (const c of cols) {
        const v = (r[c] ?? '').trim();
        if (v && wanted(v) && !names.includes(v)) names.push(v);
        if (names.length === 5) return;
      }
    }
  };
  scan((v) => /[^ -~]/.test(v));
  if (names.length < 5) scan(() => true);
  return names;
}

const PREVIEW_MATCHES = 300;

/** The office part of the review: new and matched offices, people, liaisons to add, every match with its choice. */
export function summarisePlan(plan: ImportPlan, actions: Actions, nppes: NppesSummary | null): Extract<SpecSummary, { spec: 'offices' }> {
  let duplicates = 0;
  let people = 0;
  const outcome = { add: 0, update: 0, skip: 0 };
  const newMembers = new Set<string>();
  const byReason = new Map<MatchReason, number>();
  for (const o of plan.offices) {
    if (o.existing) {
      duplicates++;
      byReason.set(o.existing.reason, (byReason.get(o.existing.reason) ?? 0) + 1);
    }
    const does = !o.existing || o.action === 'keep' ? 'add' : o.action;
    outcome[does]++;
    if (does !== 'skip') {
      people += o.people.length;
      const name = o.office.ownerName && plan.newMembers.get(normaliseName(o.office.ownerName));
      if (name) newMembers.add(name);
    }
  }
  const matchRows = [
    ...plan.repeats.map((r) => ({ row: r.row, name: r.name, kind: 'repeat' as const, matchName: r.of.name, otherRow: r.of.row, reason: r.reason, detail: r.detail, conflicts: r.conflicts, action: r.action })),
    ...plan.offices.flatMap((o) =>
      o.existing ? [{ row: o.row, name: o.office.name, kind: 'existing' as const, matchName: o.existing.name, otherRow: null, reason: o.existing.reason, detail: o.existing.detail, conflicts: [], action: o.action }] : [],
    ),
  ].sort((a, b) => a.row - b.row);
  return {
    spec: 'offices',
    newOffices: plan.offices.length - duplicates,
    duplicateOffices: duplicates,
    outcome,
    people,
    newTeamMembers: newMembers.size,
    newTeamMemberNames: [...newMembers].slice(0, PREVIEW_SAMPLE),
    matches: {
      reasons: MATCH_REASONS.filter((r) => byReason.has(r)).map((reason) => ({
        reason,
        label: MATCH_REASON_LABELS[reason],
        rows: byReason.get(reason)!,
        action: actions.reasonActions[reason] ?? defaultExistingAction(reason, actions.duplicateMode),
      })),
      repeats: plan.repeats.length,
      total: matchRows.length,
      rows: matchRows.slice(0, PREVIEW_MATCHES),
    },
    sample: plan.offices.slice(0, PREVIEW_SAMPLE).map((o) => ({
      row: o.row,
      name: o.office.name,
      city: o.office.address.city,
      zip: o.office.address.zip,
      npi: o.office.npi ?? null,
      people: o.people.length,
      duplicateOf: o.existing?.name ?? null,
    })),
    nppes,
  };
}

