import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readDay } from '../../src/shared/imports/dates';
import { guessReferralMapping, phiKind } from '../../src/shared/imports/referralFields';
import { readChanges } from '../../src/main/sync/changes';
import { appsClosedAfterEach, runImport, tempDir, type TestApp } from '../helpers/tempApp';

const openApp = appsClosedAfterEach();

// Valid NPIs (check digit and all).
const NPI = { riverside: '1987654328', lakeside: '1456789019', ruiz: '1765432103', summit: '1543210987' };

const csv = (...rows: string[]) => rows.join('\r\n');

/** Offices and people already in the app: Riverside by NPI, Lakeside by name + ZIP, Dr. Ruiz (at Hilltop) by her NPI. */
async function directory(a: TestApp) {
  const riverside = await a.call('offices.create', { name: 'Riverside Family Medicine', npi: NPI.riverside, address: { zip: '45402' } });
  const lakeside = await a.call('offices.create', { name: 'Lakeside Pediatrics, LLC', address: { zip: '60607' } });
  const hilltop = await a.call('offices.create', { name: 'Hilltop Internal Medicine', address: { zip: '44240' } });
  const ruiz = await a.call('people.create', { officeId: hilltop.id, firstName: 'Ana', lastName: 'Ruiz', npi: NPI.ruiz });
  const kim = await a.call('people.create', { officeId: riverside.id, firstName: 'Bo', lastName: 'Kim' });
  return { riverside, lakeside, hilltop, ruiz, kim };
}

const referrals = (a: TestApp) =>
  a.ctx.store.read('SELECT source_id, office_id, person_id, received_on, status, source_kind, service_line, referral_code, seen_on, appointment_on, lost_on, lost_reason FROM referrals WHERE deleted_at IS NULL ORDER BY source_id').all() as Record<string, string | null>[];

/** Undoes an import and waits for the job to end. */
async function undo(a: TestApp, importJob: string) {
  const { jobId } = await a.call('imports.undo', { jobId: importJob });
  let u = await a.call('imports.status', { jobId });
  while (u.state === 'running') u = await a.call('imports.status', { jobId });
  return u;
}

const HEADER = 'Referral #,Referral Date,Patient Name,DOB,Referring Provider,Provider NPI,Referring Office,Office NPI,Zip,Referral Source,Department,Pt Initials,Status,Appt Date';

describe('a messy referral report', () => {
  // As a practice system on Windows exports it: CRLF, Windows-1252 (é is one byte), US dates, patient columns, and every kind of bad row.
  const report = Buffer.concat([
    Buffer.from(
      csv(
        HEADER,
        `R-1001,3/4/2026,Jane Doe,01/02/1961,Bo Kim,,Riverside Family Medicine,${NPI.riverside},45402,Physician,Orthopedics,JD,Scheduled,3/20/2026`,
        'R-1002,03/05/26,John Roe,1970-05-05,"Ruiz, Ana",,Clínica Peña,,60608,ER,Spine,JR,Completed,03/10/26',
        'R-1003,Mar 6 2026,Mary Major,2/2/1980,,,Lakeside Pediatrics,,60607,Web,Spine,John Smith,New,',
        'R-1001,3/7/2026,Jane Doe,01/02/1961,,,Riverside Family Medicine,,45402,Physician,Spine,JD,,',
        'R-1004,,Bob Blank,3/3/1990,,,Riverside Family Medicine,,45402,Physician,Spine,BB,,',
        'R-1005,12/31/2027,Fay Future,4/4/1944,,,Riverside Family Medicine,,45402,Physician,Spine,FF,,',
        'R-1006,3/9/2026,Al Ace,5/5/1955,,,Clínica Peña,,60608,Gym,Spine,AA,Cancelled,',
      ),
      'latin1',
    ),
  ]);

  it('maps what it can, leaves the patient columns unmapped with why, and never shows their values', async () => {
    const a = openApp();
    const fileId = await a.upload(report, 'referrals-march.csv');
    const c = await a.call('imports.inspect', { fileId, spec: 'referrals' });
    expect(c).toMatchObject({ spec: 'referrals', file: { encoding: 'windows-1252' }, mappingSource: 'guessed', rowCount: 7 });
    expect(c.mapping).toEqual(['sourceId', 'receivedOn', null, null, 'physicianName', 'physicianNpi', 'officeName', 'officeNpi', 'officeZip', 'sourceKind', 'serviceLine', 'referralCode', 'status', 'appointmentOn']);
    expect(c.refused).toEqual([
      { column: 2, header: 'Patient Name', reason: 'Patient name — a HIPAA identifier, never imported' },
      { column: 3, header: 'DOB', reason: 'Date of birth — a HIPAA identifier, never imported' },
    ]);
    expect(c.example.slice(0, 5)).toEqual(['R-1001', '3/4/2026', '', '', 'Bo Kim']);
    expect(c.sampleNames[0]).toBe('Clínica Peña');
  });

  it('groups every bad row by its problem, lists the office the app lacks, and writes nothing', async () => {
    const a = openApp();
    await directory(a);
    const before = readChanges(a.ctx.store).length;
    const p = await a.call('imports.preview', { csv: report, spec: 'referrals' });
    expect(p.problemGroups).toEqual(
      expect.arrayContaining([
        { problem: 'Referral code: That looks like a name: use the referral code or initials', rows: 1 },
        { problem: 'Source referral id: An earlier row of the file has the same id (each referral is imported once)', rows: 1 },
        { problem: 'Received date: Every referral needs the day it arrived', rows: 1 },
        { problem: expect.stringMatching(/^Received date: A referral cannot arrive after today/), rows: 1 },
      ]),
    );
    expect(p.errors.map((e) => e.row)).toEqual([4, 5, 6, 7]);
    expect(p.unmatched).toEqual([{ key: expect.any(String), name: 'Clínica Peña', zip: '60608', npi: null, rows: 2, choice: null, linkedName: null, suggested: null }]);
    expect(p).toMatchObject({ outcome: { add: 1, update: 0, unchanged: 0 }, waiting: 2, errorCount: 4 });
    expect(p.matched.map((m) => [m.name, m.by, m.rows])).toEqual([['Riverside Family Medicine', 'npi', 1]]);
    expect(readChanges(a.ctx.store)).toHaveLength(before);
    // The rows to fix keep the file's columns, but never the patient's.
    const bad = await a.call('imports.badRowsCsv', { csv: report, spec: 'referrals' });
    const rows = Papa.parse<string[]>(bad.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]!.slice(0, 4)).toEqual(['Referral #', 'Referral Date', 'Patient Name', 'DOB']);
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['R-1003', 'Mar 6 2026', '', ''],
      ['R-1001', '3/7/2026', '', ''],
      ['R-1004', '', '', ''],
      ['R-1005', '12/31/2027', '', ''],
    ]);
    expect(bad.csv).not.toMatch(/Jane Doe|1961|Mary Major/);
  });

  it('imports the good rows once the unknown office is created, by the statuses the system wrote', async () => {
    const a = openApp();
    const d = await directory(a);
    const first = await a.call('imports.preview', { csv: report, spec: 'referrals' });
    const key = first.unmatched[0]!.key;
    const s = await runImport(a, { csv: report, spec: 'referrals', officeChoices: { [key]: { action: 'create' } } });
    expect(s).toMatchObject({ state: 'done', spec: 'referrals', result: { created: 3, updated: 0, unchanged: 0, officesCreated: 1, badRows: 4, skipped: 0 } });
    const pena = (await a.call('offices.list', { search: 'pena' })).rows[0]!;
    expect(pena).toMatchObject({ name: 'Clínica Peña', zip: '60608', kind: 'urgent_care' });
    expect(referrals(a)).toEqual([
      expect.objectContaining({ source_id: 'R-1001', office_id: d.riverside.id, person_id: d.kim.id, received_on: '2026-03-04', status: 'scheduled', appointment_on: '2026-03-20', service_line: 'Orthopedics', referral_code: 'JD' }),
      // "Completed" with an appointment day: seen that day. Dr. Ruiz is at Hilltop, not at the new office: no physician.
      expect.objectContaining({ source_id: 'R-1002', office_id: pena.id, person_id: null, received_on: '2026-03-05', status: 'seen', seen_on: '2026-03-10', source_kind: 'urgent_care' }),
      // "Cancelled": lost for another reason, on the latest day the row knows.
      expect.objectContaining({ source_id: 'R-1006', office_id: pena.id, status: 'lost', lost_on: '2026-03-09', lost_reason: 'other', source_kind: 'community' }),
    ]);
    // Through the write path: every referral and the created office are in the change log.
    const inserted = readChanges(a.ctx.store).filter((c) => c.col === '*');
    expect(inserted.filter((c) => c.tbl === 'referrals')).toHaveLength(3);
    expect(inserted.filter((c) => c.tbl === 'offices' && c.row_id === pena.id)).toHaveLength(1);
  });
});

describe('finding the referring office', () => {
  it('by the office NPI, then the physician’s NPI, then name and ZIP; the physician by NPI or name at that office, never invented', async () => {
    const a = openApp();
    const d = await directory(a);
    // UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" saves it.
    const file = csv(
      '\uFEFFReferral ID,Referral Date,Referring Office,Office NPI,Referring Physician,Physician NPI,Zip Code,Department',
      // Another spelling, the same NPI.
      `A1,2026-04-01,Riverside FM,${NPI.riverside},"Kim, Bo",,,Spine`,
      // No office named: the physician's NPI finds her office.
      `A2,2026-04-02,,,Dr. Ana Ruiz MD,${NPI.ruiz},,Spine`,
      // "LLC" and punctuation aside, the same name at the same ZIP.
      'A3,2026-04-03,Lakeside Pediatrics,,Dr. Nobody,,60607-1234,Spine',
      // The same name at another ZIP is another office.
      'A4,2026-04-04,Lakeside Pediatrics,,,,60699,Spine',
    );
    const p = await a.call('imports.preview', { csv: file, spec: 'referrals' });
    expect(p.matched.map((m) => [m.name, m.by, m.rows]).sort()).toEqual([
      ['Hilltop Internal Medicine', 'physicianNpi', 1],
      ['Lakeside Pediatrics, LLC', 'nameZip', 1],
      ['Riverside Family Medicine', 'npi', 1],
    ]);
    expect(p.unmatched.map((g) => [g.name, g.zip, g.rows])).toEqual([['Lakeside Pediatrics', '60699', 1]]);
    expect(p.physiciansNotFound).toBe(1);
    await runImport(a, { csv: file, spec: 'referrals' });
    expect(referrals(a).map((r) => [r.source_id, r.office_id, r.person_id])).toEqual([
      ['A1', d.riverside.id, d.kim.id],
      ['A2', d.hilltop.id, d.ruiz.id],
      ['A3', d.lakeside.id, null],
    ]);
  });

  it('links one unknown office to an office the app has, creates another from the file, skips a third', async () => {
    const a = openApp();
    const d = await directory(a);
    const file = csv(
      'Referral ID,Referral Date,Referring Office,Office NPI,Zip,Department,Source',
      'B1,2026-05-01,Riverside Fam Med Annex,,45403,Spine,Physician',
      'B2,2026-05-02,Summit Orthopedics,' + NPI.summit + ',44308,Spine,Hospital',
      'B3,2026-05-03,Summit Ortho Group,' + NPI.summit + ',44309,Spine,Hospital',
      'B4,2026-05-04,Nowhere Clinic,,11111,Spine,Physician',
    );
    const p = await a.call('imports.preview', { csv: file, spec: 'referrals' });
    // Rows naming one NPI are one office, whatever their names.
    expect(p.unmatched.map((g) => [g.name, g.npi, g.rows])).toEqual([
      ['Riverside Fam Med Annex', null, 1],
      ['Summit Orthopedics', NPI.summit, 2],
      ['Nowhere Clinic', null, 1],
    ]);
    const [annex, summit, nowhere] = p.unmatched.map((g) => g.key);
    const officeChoices = { [annex!]: { action: 'link' as const, officeId: d.riverside.id }, [summit!]: { action: 'create' as const }, [nowhere!]: { action: 'skip' as const } };
    const chosen = await a.call('imports.preview', { csv: file, spec: 'referrals', officeChoices });
    expect(chosen).toMatchObject({ outcome: { add: 3 }, waiting: 0, skipped: 1 });
    expect(chosen.unmatched[0]).toMatchObject({ choice: { action: 'link' }, linkedName: 'Riverside Family Medicine' });
    const s = await runImport(a, { csv: file, spec: 'referrals', officeChoices });
    expect(s.result).toMatchObject({ created: 3, skipped: 1, officesCreated: 1 });
    const created = (await a.call('offices.list', { search: 'summit' })).rows;
    expect(created).toEqual([expect.objectContaining({ name: 'Summit Orthopedics', npi: NPI.summit, zip: '44308', kind: 'hospital' })]);
    expect(referrals(a).map((r) => [r.source_id, r.office_id])).toEqual([
      ['B1', d.riverside.id],
      ['B2', created[0]!.id],
      ['B3', created[0]!.id],
    ]);
    // The same report again names the annex: its referral stays at the office it was linked to, with nothing to ask.
    const again = await a.call('imports.preview', { csv: file, spec: 'referrals' });
    expect(again).toMatchObject({ outcome: { add: 0, update: 0, unchanged: 3 }, waiting: 1 });
    expect(again.matched.map((m) => [m.name, m.by, m.rows]).sort()).toEqual([
      ['Riverside Family Medicine', 'linked', 1],
      ['Summit Orthopedics', 'npi', 2],
    ]);
    expect(again.unmatched.map((g) => g.name)).toEqual(['Nowhere Clinic']);
    // A link to an office that is gone is refused in words.
    await expect(a.call('imports.preview', { csv: file, spec: 'referrals', officeChoices: { [nowhere!]: { action: 'link', officeId: '0190a7c0-0000-7000-8000-000000000000' } } })).rejects.toMatchObject({
      body: { code: 'invalid_input', message: 'The office chosen for “Nowhere Clinic” no longer exists. Choose another.' },
    });
  });
});

describe('an office linked by hand', () => {
  const may = csv('Referral ID,Referral Date,Referring Office,Zip,Department', 'L1,2026-05-01,Riverside Fam Med Annex,45403,Spine');
  const june = csv('Referral ID,Referral Date,Referring Office,Zip,Department', 'L2,2026-06-01,RIVERSIDE FAM. MED. ANNEX,45403,Spine', 'L3,2026-06-02,Riverside Fam Med Annex,45403-1234,Knee');

  it('is suggested when the report abbreviates or misspells the name of the one office at its ZIP', async () => {
    const a = openApp();
    const d = await directory(a);
    const file = csv(
      'Referral ID,Referral Date,Referring Office,Zip,Department',
      'S1,2026-05-01,Hiltop Internal Med,44240,Spine',
      'S2,2026-05-02,Lakeside Peds,60607-1234,Spine',
      'S3,2026-05-03,Lakeside Peds,44240,Spine',
      'S4,2026-05-04,Nowhere Clinic,44240,Spine',
    );
    const p = await a.call('imports.preview', { csv: file, spec: 'referrals' });
    expect(p.unmatched.map((g) => [g.name, g.zip, g.suggested])).toEqual([
      ['Hiltop Internal Med', '44240', { id: d.hilltop.id, name: 'Hilltop Internal Medicine' }],
      ['Lakeside Peds', '60607', { id: d.lakeside.id, name: 'Lakeside Pediatrics, LLC' }],
      // Not at Lakeside's ZIP: no suggestion, however alike the name.
      ['Lakeside Peds', '44240', null],
      ['Nowhere Clinic', '44240', null],
    ]);
  });

  it('is remembered: next month’s new referrals from it go to the same office without asking', async () => {
    const a = openApp();
    const d = await directory(a);
    const key = (await a.call('imports.preview', { csv: may, spec: 'referrals' })).unmatched[0]!.key;
    await runImport(a, { csv: may, spec: 'referrals', officeChoices: { [key]: { action: 'link', officeId: d.riverside.id } } });
    const p = await a.call('imports.preview', { csv: june, spec: 'referrals' });
    expect(p).toMatchObject({ outcome: { add: 2 }, waiting: 0, unmatched: [] });
    expect(p.matched).toEqual([{ officeId: d.riverside.id, name: 'Riverside Family Medicine', by: 'linked', rows: 2 }]);
    await runImport(a, { csv: june, spec: 'referrals' });
    expect(referrals(a).map((r) => [r.source_id, r.office_id])).toEqual([
      ['L1', d.riverside.id],
      ['L2', d.riverside.id],
      ['L3', d.riverside.id],
    ]);
  });

  it('is forgotten when the import that linked it is undone, so a wrong link can be chosen again', async () => {
    const a = openApp();
    const d = await directory(a);
    const key = (await a.call('imports.preview', { csv: may, spec: 'referrals' })).unmatched[0]!.key;
    const s = await runImport(a, { csv: may, spec: 'referrals', officeChoices: { [key]: { action: 'link', officeId: d.lakeside.id } } });
    expect((await a.call('imports.preview', { csv: june, spec: 'referrals' })).matched.map((m) => m.name)).toEqual(['Lakeside Pediatrics, LLC']);
    expect((await undo(a, s.jobId)).state).toBe('done');
    const p = await a.call('imports.preview', { csv: june, spec: 'referrals' });
    expect(p.unmatched.map((g) => [g.name, g.rows])).toEqual([['RIVERSIDE FAM. MED. ANNEX', 2]]);
    expect(p.matched).toEqual([]);
  });

  it('that is archived since says so on its rows instead of filing referrals under it', async () => {
    const a = openApp();
    const d = await directory(a);
    const key = (await a.call('imports.preview', { csv: may, spec: 'referrals' })).unmatched[0]!.key;
    await runImport(a, { csv: may, spec: 'referrals', officeChoices: { [key]: { action: 'link', officeId: d.riverside.id } } });
    await a.call('offices.archive', { id: d.riverside.id });
    const p = await a.call('imports.preview', { csv: june, spec: 'referrals' });
    expect(p).toMatchObject({ outcome: { add: 0 }, errorCount: 2 });
  });
});

describe('next month’s report', () => {
  const march = csv(
    'Referral #,Referral Date,Referring Office,Zip,Department,Status,Appt Date',
    'R-1,3/2/2026,Lakeside Pediatrics,60607,Spine,Scheduled,3/20/2026',
    'R-2,3/3/2026,Lakeside Pediatrics,60607,Spine,New,',
    'R-3,3/4/2026,Lakeside Pediatrics,60607,Hand,New,',
  );
  const april = csv(
    'Referral #,Referral Date,Referring Office,Zip,Department,Status,Appt Date',
    // Seen since: an update of R-1's seen day (and so its status), nothing else.
    'R-1,3/2/2026,Lakeside Pediatrics,60607,Spine,Seen,3/20/2026',
    // As it was.
    'R-2,3/3/2026,Lakeside Pediatrics,60607,Spine,New,',
    // A blank cell wipes nothing: R-3 stays as it was.
    'R-3,3/4/2026,Lakeside Pediatrics,60607,Hand,,',
    'R-4,4/1/2026,Lakeside Pediatrics,60607,Spine,New,',
    ',4/2/2026,Lakeside Pediatrics,60607,Spine,New,',
  );

  it('updates referrals by their source id, changing only the cells that differ, and never duplicates them', async () => {
    const a = openApp();
    await directory(a);
    expect((await runImport(a, { csv: march, spec: 'referrals' })).result).toMatchObject({ created: 3 });
    const r1 = a.ctx.store.read("SELECT id FROM referrals WHERE source_id = 'R-1'").get() as { id: string };
    const before = readChanges(a.ctx.store).length;
    const p = await a.call('imports.preview', { csv: april, spec: 'referrals' });
    expect(p).toMatchObject({ outcome: { add: 2, update: 1, unchanged: 2 }, withoutSourceId: 1 });
    expect(p.sample.map((s) => s.does)).toEqual(['update', 'unchanged', 'unchanged', 'add', 'add']);
    const s = await runImport(a, { csv: april, spec: 'referrals' });
    expect(s.result).toMatchObject({ created: 2, updated: 1, unchanged: 2 });
    const rows = referrals(a);
    expect(rows).toHaveLength(5);
    expect(rows.filter((r) => r.source_id === 'R-1')).toEqual([expect.objectContaining({ status: 'seen', seen_on: '2026-03-20' })]);
    const r1Changes = readChanges(a.ctx.store).slice(before).filter((c) => c.row_id === r1.id && c.col !== 'updated_at').map((c) => c.col).sort();
    expect(r1Changes).toEqual(['seen_on', 'status']);
    // The same file again: nothing new, nothing to write but the row without an id, which is added again (as the review warned).
    const again = await a.call('imports.preview', { csv: april, spec: 'referrals' });
    expect(again).toMatchObject({ outcome: { add: 1, update: 0, unchanged: 4 }, withoutSourceId: 1 });
  });

  it('undoes the last referral import: the referrals it added deleted, the one it updated put back as it was', async () => {
    const a = openApp();
    const key = (await a.call('imports.preview', { csv: march, spec: 'referrals' })).unmatched[0]!.key;
    await runImport(a, { csv: march, spec: 'referrals', officeChoices: { [key]: { action: 'create' } } });
    const lakeside = (await a.call('offices.list', {})).rows[0]!;
    const r1Before = a.ctx.store.read("SELECT * FROM referrals WHERE source_id = 'R-1'").get();
    const s = await runImport(a, { csv: april, spec: 'referrals' });
    expect(s.result).toMatchObject({ created: 2, updated: 1 });
    expect(referrals(a).find((r) => r.source_id === 'R-1')).toMatchObject({ status: 'seen' });
    const u = await undo(a, s.jobId);
    expect(u).toMatchObject({ kind: 'undo', spec: 'referrals', state: 'done', undo: { referralsDeleted: 2, referralsRestored: 1, referralsKept: 0, officesArchived: 0 } });
    expect(referrals(a).map((r) => [r.source_id, r.status])).toEqual([
      ['R-1', 'scheduled'],
      ['R-2', 'received'],
      ['R-3', 'received'],
    ]);
    // Every cell as it was before the import, but the time of the last write.
    expect({ ...(a.ctx.store.read("SELECT * FROM referrals WHERE source_id = 'R-1'").get() as object), updated_at: null }).toEqual({ ...(r1Before as object), updated_at: null });
    expect(readChanges(a.ctx.store).filter((c) => c.tbl === 'referrals' && c.col === 'deleted_at')).toHaveLength(2);
    expect((await a.call('offices.get', { id: lakeside.id })).office.archivedAt).toBeNull();
  });

  it('undo keeps an updated referral someone has edited since the import, whole', async () => {
    const a = openApp();
    const key = (await a.call('imports.preview', { csv: march, spec: 'referrals' })).unmatched[0]!.key;
    await runImport(a, { csv: march, spec: 'referrals', officeChoices: { [key]: { action: 'create' } } });
    const s = await runImport(a, { csv: april, spec: 'referrals' });
    const r1 = a.ctx.store.read("SELECT id FROM referrals WHERE source_id = 'R-1'").get() as { id: string };
    // The consult note went back after the import: a newer fact than either the report or the row before it.
    await a.call('referrals.update', { id: r1.id, patch: { noteSentOn: '2026-03-21' } });
    const u = await undo(a, s.jobId);
    expect(u.undo).toMatchObject({ referralsDeleted: 2, referralsRestored: 0, referralsKept: 1 });
    expect(referrals(a).find((r) => r.source_id === 'R-1')).toMatchObject({ status: 'note_sent', seen_on: '2026-03-20' });
  });
});

describe('an Excel referral report', () => {
  it('reads date cells, numbers and text alike', async () => {
    const a = openApp();
    const d = await directory(a);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Referrals');
    sheet.addRow(['Ref No', 'Date Received', 'Patient Last', 'MRN', 'Practice NPI', 'Specialty', 'Referral Status', 'Appointment Date']);
    sheet.addRow(['X-1', new Date(Date.UTC(2026, 2, 4)), 'Doe', 1234567, Number(NPI.riverside), 'Spine', 'Scheduled', new Date(Date.UTC(2026, 2, 18))]);
    sheet.addRow(['X-2', 'Mar 5, 2026', 'Roe', 7654321, Number(NPI.riverside), 'Hand', 'New', null]);
    const file = path.join(tempDir(), 'referrals.xlsx');
    await book.xlsx.writeFile(file);
    const fileId = await a.upload(fs.readFileSync(file), 'referrals.xlsx');
    const c = await a.call('imports.inspect', { fileId, spec: 'referrals' });
    expect(c.mapping).toEqual(['sourceId', 'receivedOn', null, null, 'officeNpi', 'serviceLine', 'status', 'appointmentOn']);
    expect(c.refused.map((r) => r.header)).toEqual(['Patient Last', 'MRN']);
    expect((await runImport(a, { fileId, spec: 'referrals' })).result).toMatchObject({ created: 2 });
    expect(referrals(a).map((r) => [r.source_id, r.office_id, r.received_on, r.status, r.appointment_on])).toEqual([
      ['X-1', d.riverside.id, '2026-03-04', 'scheduled', '2026-03-18'],
      ['X-2', d.riverside.id, '2026-03-05', 'received', null],
    ]);
  });
});

describe('all or nothing', () => {
  it('leaves no referral and no created office when the import fails part-way', async () => {
    const a = openApp();
    await directory(a);
    const rows = Array.from({ length: 1500 }, (_, i) => `F-${i + 1},2026-06-01,${i % 2 ? 'Lakeside Pediatrics' : 'Far Away Clinic'},${i % 2 ? '60607' : '99501'},Spine`);
    const file = csv('Referral ID,Referral Date,Referring Office,Zip,Department', ...rows);
    const key = (await a.call('imports.preview', { csv: file, spec: 'referrals' })).unmatched[0]!.key;
    const before = readChanges(a.ctx.store).length;
    // A real SQLite failure on the 1400th referral, after the first batch and the created office were written.
    a.ctx.store.sqlite.exec(`CREATE TRIGGER boom BEFORE INSERT ON referrals WHEN NEW.source_id = 'F-1400' BEGIN SELECT RAISE(ABORT, 'disk said no'); END`);
    const s = await runImport(a, { csv: file, spec: 'referrals', officeChoices: { [key]: { action: 'create' } } });
    expect(s.state).toBe('failed');
    expect(s.error).toMatch(/nothing from it was saved.*disk said no/);
    expect(referrals(a)).toEqual([]);
    expect((await a.call('offices.list', { search: 'far away' })).total).toBe(0);
    expect(readChanges(a.ctx.store)).toHaveLength(before);
    expect(a.ctx.store.read('SELECT count(*) AS n FROM referral_office_months WHERE received != 0').get()).toEqual({ n: 0 });
  });
});

describe('patient identifiers', () => {
  it('are never mapped, even when a mapping names them, and a referral field is checked against the spec', async () => {
    const a = openApp();
    await directory(a);
    const file = csv('Referral ID,Referral Date,Patient Name,Referring Office,Zip,Department', 'P1,2026-06-01,Jane Doe,Lakeside Pediatrics,60607,Spine');
    await expect(a.call('imports.preview', { csv: file, spec: 'referrals', mapping: ['sourceId', 'receivedOn', 'referralCode', 'officeName', 'officeZip', 'serviceLine'] })).rejects.toMatchObject({
      body: { code: 'invalid_input', message: 'The column “Patient Name” cannot be imported: Patient name — a HIPAA identifier, never imported. Leave it unmapped.' },
    });
    await expect(a.call('imports.commit', { csv: file, spec: 'referrals', mapping: ['sourceId', 'receivedOn', 'notes', 'officeName', 'officeZip', 'serviceLine'] })).rejects.toMatchObject({
      body: { code: 'invalid_input' },
    });
    // An office field is no referral field, and the boundary says so before anything is read.
    await expect(a.call('imports.preview', { csv: file, spec: 'referrals', mapping: ['name', null, null, null, null, null] })).rejects.toMatchObject({
      body: { code: 'invalid_input', message: 'mapping.0: "name" is not a field of a referral report; choose one of its fields or leave the column out' },
    });
    expect(referrals(a)).toEqual([]);
  });

  it('are recognised by the headers practice systems use', () => {
    const phi = ['Patient Name', 'Pt Last', 'Pt First Name', 'DOB', 'Birth Date', 'Date of Birth', 'MRN', 'Chart #', 'Account #', 'SSN', 'Patient Phone', 'Patient Address', 'Patient Email', 'Name', 'Patient Zip'];
    expect(phi.filter((h) => !phiKind(h))).toEqual([]);
    const fine = ['Referral #', 'Referring Provider', 'Pt Initials', 'Zip', 'Department', 'Referral Date', 'Office NPI', 'Ref No'];
    expect(fine.filter((h) => phiKind(h))).toEqual([]);
    expect(guessReferralMapping(['Patient Name', 'Name', 'Referring Practice', 'Pt Initials', 'Ref No', 'Appt Status', 'Cancel Reason', 'Comments'])).toEqual([
      null, null, 'officeName', 'referralCode', 'sourceId', 'status', 'lostReason', null,
    ]);
  });

  it('a mapping saved for a referral report is the referral spec’s own', async () => {
    const a = openApp();
    await directory(a);
    const file = csv('Ref No,Day In,Referring Office,Zip,Dept', 'S1,2026-06-01,Lakeside Pediatrics,60607,Spine');
    const mapping = ['sourceId', 'receivedOn', 'officeName', 'officeZip', 'serviceLine'];
    await runImport(a, { csv: file, spec: 'referrals', mapping });
    const next = csv('Ref No,Day In,Referring Office,Zip,Dept', 'S2,2026-06-02,Lakeside Pediatrics,60607,Spine');
    expect(await a.call('imports.inspect', { fileId: await a.upload(next), spec: 'referrals' })).toMatchObject({ mapping, mappingSource: 'saved' });
    expect(await a.call('imports.inspect', { fileId: await a.upload(next), spec: 'offices' })).toMatchObject({ mappingSource: 'guessed' });
  });
});

describe('dates as reports write them', () => {
  it('reads ISO, US slashes, two-digit years, month names and Excel day numbers', () => {
    const same = ['2026-03-04', '3/4/2026', '03/04/26', '3-4-2026', '2026/3/4', 'Mar 4, 2026', 'March 4 2026', '4 March 2026', '04-Mar-26', 'Wed, Mar 4, 2026', '3/4/2026 10:15 AM', '2026-03-04T00:00:00', '46085', 'Mar 4th, 2026'];
    expect(same.map(readDay)).toEqual(same.map(() => '2026-03-04'));
    expect(['2/30/2026', '13/1/2026', 'soon', '12345', 'Smarch 4, 2026', ''].map(readDay)).toEqual([null, null, null, null, null, null]);
  });
});

describe('patient columns however the report spells them', () => {
  it('refuses joined-up and reworded patient headers, and never guesses free-text comments', async () => {
    const { phiKind, guessReferralMapping } = await import('../../src/shared/imports/referralFields');
    expect(['PatientName', 'PtLastName', 'PatientDOB', 'Name of patient', 'Client name', 'Birth Dt', 'DOB'].map(phiKind)).toEqual(['name', 'name', 'birth', 'patient', 'patient', 'birth', 'birth']);
    expect(phiKind('Patient initials')).toBeNull();
    expect(phiKind('Referring Practice')).toBeNull();
    expect(guessReferralMapping(['Referral ID', 'Comments', 'PatientName'])).toEqual(['sourceId', null, null]);
  });
});
