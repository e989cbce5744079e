import { describe, expect, it } from 'vitest';
import { OfficeCreate } from '../../src/shared/domain/office';
import { PersonFields } from '../../src/shared/domain/person';
import type { ImportField } from '../../src/shared/imports/fields';
import { parseOfficeCells, parsePersonCells } from '../../src/main/imports/plan';
import { splitFullName } from '../../src/shared/domain/personName';
import { generateOffices } from '../../scripts/seed/generate';

type Cells = Partial<Record<ImportField, string>>;

/** The reference: the whole row through OfficeCreate, as the create form's input is checked. */
function viaOfficeCreate(v: Cells) {
  const r = OfficeCreate.safeParse({
    name: v.name ?? '', kind: v.kind || undefined, specialties: v.specialties,
    address: { line1: v.address1, line2: v.address2, city: v.city, state: v.state, zip: v.zip },
    phone: v.phone, fax: v.fax, email: v.email, website: v.website, npi: v.npi, tier: v.tier || null, stage: v.stage || undefined,
    ownerName: v.owner, tags: v.tags, notes: v.notes, bestTime: v.bestTime, lunchPrefs: v.lunchPrefs,
  });
  if (!r.success) return { success: false, message: r.error.issues[0]!.message };
  const o = r.data;
  const n = <T,>(x: T | undefined) => x ?? null;
  return {
    success: true,
    data: { ...o, phone: n(o.phone), fax: n(o.fax), email: n(o.email), website: n(o.website), npi: n(o.npi), tier: n(o.tier), ownerId: n(o.ownerId), ownerName: n(o.ownerName), notes: n(o.notes), bestTime: n(o.bestTime), lunchPrefs: n(o.lunchPrefs) },
  };
}

const asCells = (o: ReturnType<typeof generateOffices> extends Generator<infer T> ? T : never): Cells => ({
  name: o.office.name, kind: String(o.office.kind), specialties: (o.office.specialties as string[]).join('; '),
  address1: o.office.address.line1, city: o.office.address.city, state: o.office.address.state, zip: o.office.address.zip,
  phone: o.office.phone ?? '', fax: o.office.fax ?? '', npi: o.office.npi ?? '', tier: o.office.tier ?? '', stage: String(o.office.stage),
  owner: o.office.ownerName ?? '', tags: (o.office.tags as string[]).join('; '), bestTime: o.office.bestTime ?? '', lunchPrefs: o.office.lunchPrefs ?? '',
});

describe('import rows are checked by the same rules as the office form', () => {
  it('agrees with OfficeCreate on 2,000 realistic rows', () => {
    for (const o of generateOffices(2000, 0, 3)) {
      const cells = asCells(o);
      expect(parseOfficeCells(cells)).toEqual(viaOfficeCreate(cells));
    }
  });

  it.each<[string, Cells]>([
    ['an empty row', {}],
    ['only a name', { name: '  Lone Clinic ' }],
    ['a bad NPI', { name: 'A', npi: '1234567890' }],
    ['a short phone', { name: 'A', phone: '555-12' }],
    ['a dropped ZIP zero', { name: 'A', zip: '2134' }],
    ['a bad ZIP', { name: 'A', zip: 'ABCDE' }],
    ['labels and odd case', { name: 'A', kind: 'URGENT CARE', stage: 'Established', tier: 'b', specialties: 'Ortho; ortho, Spine' }],
    ['an unknown kind', { name: 'A', kind: 'spaceship' }],
    ['a website without scheme', { name: 'A', website: 'example.com' }],
    ['a bad email', { name: 'A', email: 'nope@' }],
    ['a two-letter state in lower case', { name: 'A', state: 'oh' }],
  ])('agrees on %s', (_label, cells) => {
    const ours = parseOfficeCells(cells);
    const ref = viaOfficeCreate(cells);
    expect(ours.success).toBe(ref.success);
    if (ours.success && ref.success) expect(ours.data).toEqual(ref.data);
    if (!ours.success && !ref.success) expect(ours.message).toContain((ref as { message: string }).message);
  });
});

/** The reference for contacts: the derived values through PersonFields, as the person form is checked. */
function viaPersonFields(v: Cells) {
  const split = v.personFullName ? splitFullName(v.personFullName) : null;
  const r = PersonFields.safeParse({
    kind: v.personKind || (v.personRole ? 'staff' : 'physician'),
    firstName: v.personFirstName || split?.firstName || '',
    lastName: v.personLastName || split?.lastName || '',
    credentials: v.personCredentials || split?.credentials,
    specialty: v.personSpecialty, npi: v.personNpi, role: v.personRole || null,
    phone: v.personPhone, email: v.personEmail, notes: v.personNotes,
  });
  if (!r.success) return { success: false, message: r.error.issues[0]!.message };
  const p = r.data;
  return { success: true, data: p.kind !== 'staff' ? { ...p, role: null } : { ...p, role: p.role ?? 'other' } };
}

describe('import contacts are checked by the same rules as the person form', () => {
  it('agrees with PersonFields on 2,000 realistic contacts', () => {
    for (const { people } of generateOffices(500, 4, 5)) {
      for (const p of people) {
        const cells: Cells = {
          personFirstName: p.firstName, personLastName: p.lastName, personKind: String(p.kind), personCredentials: p.credentials ?? '',
          personSpecialty: p.specialty ?? '', personNpi: p.npi ?? '', personRole: p.role ?? '', personPhone: p.phone ?? '',
        };
        expect(parsePersonCells(cells)).toEqual(viaPersonFields(cells));
      }
    }
  });

  it.each<[string, Cells]>([
    ['a full name with title and credentials', { personFullName: 'Dr. Jane A. Smith, MD' }],
    ['a role that makes a staff member', { personFirstName: 'Bo', personLastName: 'Kim', personRole: 'Front desk' }],
    ['staff without a role', { personFirstName: 'Bo', personLastName: 'Kim', personKind: 'staff' }],
    ['a physician given a role', { personFirstName: 'Ana', personLastName: 'Ruiz', personKind: 'physician', personRole: 'office manager' }],
    ['a clinician (no role)', { personFirstName: 'Nia', personLastName: 'Cole', personKind: 'Clinician', personCredentials: 'NP' }],
    ['a missing last name', { personFullName: 'Cher' }],
    ['a bad NPI', { personFirstName: 'A', personLastName: 'B', personNpi: '1234567890' }],
    ['a bad email', { personFirstName: 'A', personLastName: 'B', personEmail: 'x@' }],
    ['an unknown kind', { personFirstName: 'A', personLastName: 'B', personKind: 'robot' }],
  ])('agrees on %s', (_label, cells) => {
    const ours = parsePersonCells(cells);
    const ref = viaPersonFields(cells);
    expect(ours.success).toBe(ref.success);
    if (ours.success && ref.success) expect(ours.data).toEqual(ref.data);
    if (!ours.success && !ref.success) expect(ours.message).toContain((ref as { message: string }).message);
  });
});
