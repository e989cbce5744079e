import type { z } from 'zod';
import { OfficeCreate } from '../../shared/domain/office';
import { PersonFields } from '../../shared/domain/person';
import { IMPORT_FIELDS, type ImportField } from '../../shared/imports/fields';
import type { DuplicateMode, ImportPreview, RowError } from '../../shared/imports/contract';
import type { Ctx } from '../context';
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
}

const PERSON_FIELDS = new Set<ImportField>([
  'personFullName', 'personFirstName', 'personLastName', 'personKind', 'personCredentials', 'personSpecialty',
  'personNpi', 'personRole', 'personPhone', 'personEmail', 'personNotes',
]);

/** "Dr. Jane A. Smith, MD" → first Jane, last Smith, credentials MD. */
export function splitFullName(full: string): { firstName: string; lastName: string; credentials: string | null } {
  const [namePart = '', ...creds] = full.split(',');
  const words = namePart.replace(/^\s*(dr\.?|doctor)\s+/i, '').trim().split(/\s+/).filter(Boolean);
  return {
    firstName: words[0] ?? '',
    lastName: words.length > 1 ? words[words.length - 1]! : '',
    credentials: creds.join(',').trim() || null,
  };
}

const officeKey = (o: { npi?: string | null; name: string; address: { zip: string | null } }) =>
  o.npi ? `npi:${o.npi}` : `nz:${o.name.toLowerCase()}|${o.address.zip ?? ''}`;

/** Schema paths named as the import's own column labels, so a row error reads like the file. */
const ISSUE_LABELS: Record<string, ImportField> = {
  name: 'name', kind: 'kind', specialties: 'specialties', 'address.line1': 'address1', 'address.line2': 'address2',
  'address.city': 'city', 'address.state': 'state', 'address.zip': 'zip', phone: 'phone', fax: 'fax', email: 'email',
  website: 'website', npi: 'npi', tier: 'tier', stage: 'stage', owner: 'owner', tags: 'tags', notes: 'notes',
  bestTime: 'bestTime', lunchPrefs: 'lunchPrefs',
};
const PERSON_ISSUE_LABELS: Record<string, ImportField> = {
  kind: 'personKind', firstName: 'personFirstName', lastName: 'personLastName', credentials: 'personCredentials',
  specialty: 'personSpecialty', npi: 'personNpi', role: 'personRole', phone: 'personPhone', email: 'personEmail', notes: 'personNotes',
};
const fieldLabel = (k: ImportField) => IMPORT_FIELDS.find((f) => f.key === k)!.label;

function firstIssue(error: z.ZodError, labels: Record<string, ImportField>): string {
  const issue = error.issues[0]!;
  const path = issue.path.join('.');
  const field = labels[path] ?? labels[String(issue.path[0])];
  return `${field ? fieldLabel(field) : path}: ${issue.message}`;
}

/** Every live office keyed both ways, loaded once per import rather than looked up per row. */
function existingOfficeIndex(ctx: Ctx): Map<string, { id: string; name: string }> {
  const index = new Map<string, { id: string; name: string }>();
  const rows = ctx.store.all(
    ctx.store.q.selectFrom('offices').select(['id', 'name', 'npi', 'zip']).where('deleted_at', 'is', null).orderBy('created_at'),
  );
  for (const r of rows) {
    const hit = { id: r.id, name: r.name };
    if (r.npi && !index.has(`npi:${r.npi}`)) index.set(`npi:${r.npi}`, hit);
    const nz = `nz:${r.name.toLowerCase()}|${r.zip ?? ''}`;
    if (!index.has(nz)) index.set(nz, hit);
  }
  return index;
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
  const personColumns = mapping.filter((m): m is ImportField => m !== null && PERSON_FIELDS.has(m));
  if (!mapping.includes('name')) {
    return { rowCount: csv.records.length, mapped: new Set(), offices: [], errors: [{ row: 1, message: 'No column is mapped to "Office name"; map one to import.' }] };
  }

  csv.records.forEach((record, i) => {
    const row = rowNumber(i);
    const v: Partial<Record<ImportField, string>> = {};
    mapping.forEach((field, col) => {
      if (field) v[field] = (record[col] ?? '').trim();
    });
    const parsed = OfficeCreate.safeParse({
      name: v.name ?? '',
      kind: v.kind || undefined,
      specialties: v.specialties,
      address: { line1: v.address1, line2: v.address2, city: v.city, state: v.state, zip: v.zip },
      phone: v.phone, fax: v.fax, email: v.email, website: v.website, npi: v.npi,
      tier: v.tier || null,
      stage: v.stage || undefined,
      owner: v.owner, tags: v.tags, notes: v.notes, bestTime: v.bestTime, lunchPrefs: v.lunchPrefs,
    });
    if (!parsed.success) {
      errors.push({ row, message: firstIssue(parsed.error, ISSUE_LABELS) });
      return;
    }
    let person: PersonInput | null = null;
    if (personColumns.some((f) => v[f])) {
      const split = v.personFullName ? splitFullName(v.personFullName) : null;
      const p = PersonFields.safeParse({
        kind: v.personKind || (v.personRole ? 'staff' : 'physician'),
        firstName: v.personFirstName || split?.firstName || '',
        lastName: v.personLastName || split?.lastName || '',
        credentials: v.personCredentials || split?.credentials,
        specialty: v.personSpecialty, npi: v.personNpi, role: v.personRole || null,
        phone: v.personPhone, email: v.personEmail, notes: v.personNotes,
      });
      if (!p.success) {
        errors.push({ row, message: firstIssue(p.error, PERSON_ISSUE_LABELS) });
        return;
      }
      person = p.data.kind === 'physician' ? { ...p.data, role: null } : { ...p.data, role: p.data.role ?? 'other' };
    }
    const key = officeKey(parsed.data);
    let planned = byKey.get(key);
    if (!planned) {
      planned = { row, office: parsed.data, people: [], existing: existing.get(key) ?? null };
      byKey.set(key, planned);
    }
    if (person) planned.people.push(person);
  });
  return { rowCount: csv.records.length, mapped: new Set(mapping.filter((m): m is ImportField => m !== null)), offices: [...byKey.values()], errors };
}

const PREVIEW_ERRORS = 200;
const PREVIEW_SAMPLE = 20;

export function summarisePlan(plan: ImportPlan, headers: string[], mapping: (ImportField | null)[], mode: DuplicateMode): ImportPreview {
  let duplicates = 0;
  let people = 0;
  for (const o of plan.offices) {
    if (o.existing) duplicates++;
    if (!o.existing || mode !== 'skip') people += o.people.length;
  }
  return {
    headers,
    mapping,
    rowCount: plan.rowCount,
    newOffices: plan.offices.length - (mode === 'keep' ? 0 : duplicates),
    duplicateOffices: duplicates,
    people,
    errorCount: plan.errors.length,
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
