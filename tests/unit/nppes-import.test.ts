import { afterEach, describe, expect, it } from 'vitest';
import { isNppesHeaders, nppesHeaders } from '../../src/shared/nppes/headers';
import { normaliseStreet, practiceKey, tidyCase } from '../../src/shared/nppes/practice';
import { providerKind, taxonomyTable } from '../../src/shared/nppes/taxonomy';
import { npi, registryFile, type RegistryRow } from '../helpers/nppesFile';
import { openTestApp, runImport, type TestApp } from '../helpers/tempApp';

let app: TestApp;
afterEach(() => app?.close());

describe('the NPPES layout', () => {
  it('has CMS’s 330 columns in their order', () => {
    const h = nppesHeaders();
    expect(h).toHaveLength(330);
    expect(h.slice(0, 5)).toEqual(['NPI', 'Entity Type Code', 'Replacement NPI', 'Employer Identification Number (EIN)', 'Provider Organization Name (Legal Business Name)']);
    expect(h[28]).toBe('Provider First Line Business Practice Location Address');
    expect(h[32]).toBe('Provider Business Practice Location Address Postal Code');
    expect(h.slice(47, 51)).toEqual(['Healthcare Provider Taxonomy Code_1', 'Provider License Number_1', 'Provider License Number State Code_1', 'Healthcare Provider Primary Taxonomy Switch_1']);
    expect(h[107]).toBe('Other Provider Identifier_1');
    expect(h[306]).toBe('Other Provider Identifier Issuer_50');
    expect(h[307]).toBe('Is Sole Proprietor');
    expect(h[314]).toBe('Healthcare Provider Taxonomy Group_1');
    expect(h[329]).toBe('Certification Date');
    expect(new Set(h).size).toBe(330);
  });

  it('is recognised from its key columns, whatever their case and spacing, and not from a look-alike', () => {
    expect(isNppesHeaders(nppesHeaders())).toBe(true);
    expect(isNppesHeaders(nppesHeaders().map((x) => `  ${x.toUpperCase().replace(/ /g, '  ')} `))).toBe(true);
    // An extract cut to the columns that matter is still the registry's layout.
    expect(isNppesHeaders(nppesHeaders().slice(0, 51))).toBe(true);
    expect(isNppesHeaders(['NPI', 'Entity Type Code', 'Office name'])).toBe(false);
  });

  it('matches practice addresses however they are written', () => {
    expect(normaliseStreet('1200 W. Harrison St.')).toBe('1200 w harrison st');
    expect(normaliseStreet('1200 WEST HARRISON STREET, SUITE 300')).toBe('1200 w harrison st');
    expect(normaliseStreet('1200 W HARRISON ST # 4B')).toBe('1200 w harrison st');
    expect(practiceKey('1200 W. Harrison St.', '606071234')).toBe(practiceKey('1200 W HARRISON ST', '60607'));
    expect(practiceKey('1200 W Harrison St', '60608')).not.toBe(practiceKey('1200 W Harrison St', '60607'));
    expect(tidyCase('1200 W HARRISON ST', 'address')).toBe('1200 W Harrison St');
    expect(tidyCase("MARY-KATE O'BRIEN III")).toBe("Mary-Kate O'Brien III");
    expect(tidyCase('McDonald')).toBe('McDonald');
  });

  it('tells the provider’s kind from the primary taxonomy, by NUCC’s numbering for codes it does not know', () => {
    const t = taxonomyTable();
    expect(providerKind(t, ['363L00000X', '207Q00000X'], '363L00000X')).toBe('clinician');
    expect(providerKind(t, ['363L00000X', '207Q00000X'], '207Q00000X')).toBe('physician');
    expect(providerKind(t, ['225100000X'], '225100000X')).toBe('therapist');
    expect(providerKind(t, ['207ZP0101X'], '207ZP0101X')).toBe('physician');
    expect(providerKind(t, ['390200000X'], '390200000X')).toBeNull();
  });
});

// The scene: two practices at one address written two ways, one reached only by phone, two at a
// shared address, a practice-less therapy pair, a deactivated and a reactivated NPI, a bad row.
const A = npi(1);
const B = npi(2);
const C = npi(3);
const D = npi(4);
const chicago = { city: 'CHICAGO', state: 'IL' };
const rows: RegistryRow[] = [
  { npi: A, org: 'LAKESHORE FAMILY MEDICINE LLC', line1: '1200 W. Harrison St.', line2: 'Suite 300', ...chicago, zip: '606071234', phone: '3125550100', fax: '3125550101', taxonomies: ['193400000X', '207Q00000X'], primary: 1, mailing: true },
  { npi: npi(10), last: 'SMITH', first: 'JOHN', middle: 'Q', credential: 'M.D.', line1: '1200 W HARRISON ST', ...chicago, zip: '60607', phone: '3125550100', taxonomies: ['207Q00000X'], enumerated: '05/23/2005' },
  { npi: npi(11), last: 'DOE', first: 'JANE', line1: '1200 WEST HARRISON STREET', line2: 'STE 300', ...chicago, zip: '60607', phone: '3125550111', taxonomies: ['363L00000X'] },
  { npi: B, org: 'WEST LOOP ORTHOPAEDICS SC', line1: '900 W JACKSON BLVD', ...chicago, zip: '60607', phone: '3125550200', taxonomies: ['207X00000X'] },
  // Only the phone ties this PA to West Loop: the registry has another street for them.
  { npi: npi(12), last: 'PATEL', first: 'RAVI', credential: 'PA-C', line1: '905 W JACKSON BLVD', ...chicago, zip: '60607', phone: '(312) 555-0200', taxonomies: ['363A00000X'] },
  { npi: npi(13), last: 'NGUYEN', first: 'LAN', credential: 'MD', line1: '900 West Jackson Boulevard', ...chicago, zip: '60607', phone: '3125550200', taxonomies: ['207ZP0101X'] },
  { npi: C, org: 'LOOP RHEUMATOLOGY PC', line1: '55 E WASHINGTON ST', line2: 'STE 1000', ...chicago, zip: '60602', phone: '3125550300', taxonomies: ['207RR0500X'] },
  { npi: D, org: 'DOWNTOWN INTERNAL MEDICINE', line1: '55 E WASHINGTON ST', line2: 'STE 2000', ...chicago, zip: '60602', phone: '3125550400', taxonomies: ['207R00000X'] },
  { npi: npi(14), last: 'GARCIA', first: 'ANA', credential: 'MD', line1: '55 E. Washington St.', ...chicago, zip: '60602', phone: '3125550999', taxonomies: ['207RR0500X'] },
  { npi: npi(15), last: 'OKAFOR', first: 'CHIDI', credential: 'PT, DPT', line1: '10 S MAIN ST', city: 'EVANSTON', state: 'IL', zip: '602011234', phone: '8475550500', taxonomies: ['225100000X'] },
  { npi: npi(16), last: 'LEE', first: 'MIN', line1: '10 SOUTH MAIN STREET', city: 'EVANSTON', state: 'IL', zip: '60201', phone: '8475550500', taxonomies: ['225X00000X'] },
  { npi: npi(17), deactivated: '03/01/2019' },
  { npi: npi(18), last: 'BROWN', first: 'AL', credential: 'DO', line1: '1200 W HARRISON ST', ...chicago, zip: '60607', phone: '3125550100', taxonomies: ['207Q00000X'], deactivated: '01/10/2015', reactivated: '06/01/2016' },
  { npi: npi(19), org: 'BAD ZIP CLINIC', line1: '1 MAIN ST', ...chicago, zip: 'ABCDE', taxonomies: ['207Q00000X'] },
];
const FILE = registryFile(rows);
const rowOf = (n: string) => rows.findIndex((r) => r.npi === n) + 2;

async function officeNamed(name: string) {
  const row = (await app.call('offices.list', { search: '' })).rows.find((r) => r.name === name);
  if (!row) throw new Error(`no office ${name}`);
  return app.call('offices.get', { id: row.id });
}
const who = (people: { firstName: string; lastName: string; kind: string; credentials: string | null; specialty: string | null; npi: string | null; phone: string | null }[]) =>
  people.map((p) => [`${p.firstName} ${p.lastName}`, p.kind, p.credentials, p.specialty, p.npi, p.phone]);

describe('importing the NPI registry file', () => {
  it('previews organisations as offices and individuals at them, with no column matching', async () => {
    app = openTestApp();
    const p = await app.call('imports.preview', { csv: FILE, name: 'npidata_pfile.csv' });
    expect(p.mappingSource).toBe('guessed');
    expect(p.mapping[4]).toBe('name');
    expect(p.mapping[28]).toBe('address1');
    expect(p).toMatchObject({ rowCount: 14, newOffices: 5, duplicateOffices: 0, people: 8, errorCount: 1 });
    expect(p.errors).toEqual([{ row: rowOf(npi(19)), message: 'ZIP: A ZIP code is 5 digits (or ZIP+4: 12345-6789)' }]);
    expect(p.nppes).toMatchObject({
      organisations: 4, individuals: 8, deactivated: 1, attachedByAddress: 5, attachedByPhone: 1, newOfficesForIndividuals: 1, ambiguousCount: 1,
      unknownCodes: ['207ZP0101X'], unknownCodeCount: 1, taxonomy: { source: 'shipped', fileName: null, codes: 38 },
    });
    expect(p.nppes!.ambiguous).toEqual([
      {
        row: rowOf(npi(14)), person: 'Ana Garcia, MD', address: '55 E. Washington St., Chicago IL', by: 'address', chosen: C,
        candidates: [
          { key: C, label: `LOOP RHEUMATOLOGY PC — 55 E Washington St, Chicago (NPI ${C})` },
          { key: D, label: `DOWNTOWN INTERNAL MEDICINE — 55 E Washington St, Chicago (NPI ${D})` },
        ],
      },
    ]);
  });

  it('imports offices, people with their kind, credential and specialty, and honours the user’s choice', async () => {
    app = openTestApp();
    const attach = { [String(rowOf(npi(14)))]: D };
    const withChoice = await app.call('imports.preview', { csv: FILE, attach });
    expect(withChoice.nppes!.ambiguous[0]!.chosen).toBe(D);
    const s = await runImport(app, { csv: FILE, attach });
    expect(s).toMatchObject({ state: 'done', result: { created: 5, peopleCreated: 8, badRows: 1, skipped: 0 } });

    const names = (await app.call('offices.list', {})).rows.map((r) => r.name);
    expect(names).toEqual(['10 S Main St, Evanston IL', 'DOWNTOWN INTERNAL MEDICINE', 'LAKESHORE FAMILY MEDICINE LLC', 'LOOP RHEUMATOLOGY PC', 'WEST LOOP ORTHOPAEDICS SC']);

    const lakeshore = await officeNamed('LAKESHORE FAMILY MEDICINE LLC');
    expect(lakeshore.office).toMatchObject({
      kind: 'physician_office', npi: A, stage: 'prospect', specialties: ['Family Medicine', 'Single Specialty Group'], phone: '(312) 555-0100', fax: '(312) 555-0101',
      address: { line1: '1200 W. Harrison St.', line2: 'Suite 300', city: 'Chicago', state: 'IL', zip: '60607-1234' },
    });
    expect(who(lakeshore.people)).toEqual([
      ['Jane Doe', 'clinician', 'NP', 'Nurse Practitioner', npi(11), '(312) 555-0111'],
      ['Al Brown', 'physician', 'DO', 'Family Medicine', npi(18), null],
      ['John Smith', 'physician', 'MD', 'Family Medicine', npi(10), null],
    ]);

    const westLoop = await officeNamed('WEST LOOP ORTHOPAEDICS SC');
    expect(westLoop.office).toMatchObject({ kind: 'physician_office', specialties: ['Orthopaedic Surgery'] });
    expect(who(westLoop.people)).toEqual([
      ['Ravi Patel', 'clinician', 'PA-C', 'Physician Assistant', npi(12), null],
      // A code the shipped names do not know is kept as the code.
      ['Lan Nguyen', 'physician', 'MD', '207ZP0101X', npi(13), null],
    ]);

    expect((await officeNamed('LOOP RHEUMATOLOGY PC')).people).toEqual([]);
    expect(who((await officeNamed('DOWNTOWN INTERNAL MEDICINE')).people)).toEqual([['Ana Garcia', 'physician', 'MD', 'Rheumatology', npi(14), '(312) 555-0999']]);

    const evanston = await officeNamed('10 S Main St, Evanston IL');
    expect(evanston.office).toMatchObject({
      kind: 'other', npi: null, specialties: ['Physical Therapist', 'Occupational Therapist'], phone: '(847) 555-0500',
      address: { line1: '10 S Main St', city: 'Evanston', state: 'IL', zip: '60201-1234' },
    });
    expect(who(evanston.people)).toEqual([
      ['Min Lee', 'clinician', 'OT', 'Occupational Therapist', npi(16), null],
      ['Chidi Okafor', 'clinician', 'PT, DPT', 'Physical Therapist', npi(15), null],
    ]);

    // Importing the same file again finds every office already there (by NPI, or the address office by name + ZIP).
    expect(await app.call('imports.preview', { csv: FILE })).toMatchObject({ newOffices: 0, duplicateOffices: 5 });
  });

  it('takes the first candidate by file order when the user has not chosen', async () => {
    app = openTestApp();
    await runImport(app, { csv: FILE });
    expect(who((await officeNamed('LOOP RHEUMATOLOGY PC')).people)).toEqual([['Ana Garcia', 'physician', 'MD', 'Rheumatology', npi(14), '(312) 555-0999']]);
  });

  it('reads it as a plain spreadsheet once the user changes a column match', async () => {
    app = openTestApp();
    const p = await app.call('imports.preview', { csv: FILE });
    const mapping = [...p.mapping];
    mapping[4] = null;
    mapping[11] = 'name';
    const plain = await app.call('imports.preview', { csv: FILE, mapping });
    expect(plain.nppes).toBeNull();
  });

  it('names codes from NUCC’s CSV once the user loads it, over the shipped names, until they go back', async () => {
    app = openTestApp();
    const nucc = [
      'Code,Grouping,Classification,Specialization,Definition,Notes,Display Name,Section',
      '207Q00000X,Allopathic & Osteopathic Physicians,Family Medicine,,"Family Medicine is …",,Family Medicine Physician,Individual',
      '207ZP0101X,Allopathic & Osteopathic Physicians,Pathology,"Anatomic Pathology",,,Anatomic Pathology Physician,Individual',
      '261QR0400X,Ambulatory Health Care Facilities,Clinic/Center,Rehabilitation,,,Rehabilitation Clinic/Center,Non-Individual',
      'not a code,,,,,,,',
    ].join('\r\n');
    const loaded = await app.call('taxonomy.load', { fileId: await app.upload(nucc, 'nucc_taxonomy_250.csv') });
    expect(loaded).toMatchObject({ source: 'nucc', fileName: 'nucc_taxonomy_250.csv', codes: 40, skipped: 1 });
    expect(loaded.entries).toContainEqual({ code: '261QR0400X', name: 'Rehabilitation Clinic/Center', kind: 'organisation' });

    const p = await app.call('imports.preview', { csv: FILE });
    expect(p.nppes).toMatchObject({ unknownCodes: [], unknownCodeCount: 0, taxonomy: { source: 'nucc', fileName: 'nucc_taxonomy_250.csv' } });
    await runImport(app, { csv: FILE });
    expect((await officeNamed('LAKESHORE FAMILY MEDICINE LLC')).office.specialties).toEqual(['Family Medicine Physician', 'Single Specialty Group']);
    expect(who((await officeNamed('WEST LOOP ORTHOPAEDICS SC')).people)[1]).toEqual(['Lan Nguyen', 'physician', 'MD', 'Anatomic Pathology Physician', npi(13), null]);

    expect(await app.call('taxonomy.reset', {})).toMatchObject({ source: 'shipped', fileName: null, codes: 38 });
    await expect(app.call('taxonomy.load', { fileId: await app.upload('Name,Phone\r\nA,1\r\n', 'x.csv') })).rejects.toThrow(/not NUCC’s taxonomy CSV/);
  });
});
