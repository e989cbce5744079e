import { describe, expect, it } from 'vitest';
import { likelySameOffice, nearNames, normaliseOfficeName, normaliseStreet, phoneKey } from '../../src/shared/imports/matching';
import { appsClosedAfterEach, runImport } from '../helpers/tempApp';

const openApp = appsClosedAfterEach();

describe('what makes two offices the same', () => {
  it('compares names without case, punctuation, accents or words like LLC, Inc, PC, PLLC and Group', () => {
    const same = ['Northside Urgent Care', 'Northside Urgent Care, LLC', 'NORTHSIDE URGENT CARE INC.', 'The Northside Urgent Care P.C.', 'Northside Urgent Care Group, PLLC'];
    expect(new Set(same.map(normaliseOfficeName))).toEqual(new Set(['northside urgent care']));
    expect(normaliseOfficeName('Clínica Peña, P.A.')).toBe(normaliseOfficeName('Clinica Pena'));
    expect(normaliseOfficeName('Smith & Jones')).toBe(normaliseOfficeName('Smith and Jones Ltd'));
    expect(normaliseOfficeName('Lakeside Orthopaedics')).not.toBe(normaliseOfficeName('Lakeview Orthopaedics'));
  });

  it('compares street lines as written different ways, phones without extensions or a leading 1', () => {
    expect(normaliseStreet('1200 W. Harrison Street, Suite 4')).toBe(normaliseStreet('1200 W HARRISON ST STE 4'));
    expect(normaliseStreet('1200 West Harrison St.')).toBe(normaliseStreet('1200 W Harrison Street'));
    // Words that are also names of a plain object's own properties are words like any other.
    expect(normaliseStreet('1 Constructor Way')).toBe('1 constructor way');
    expect(phoneKey('(630) 555-0177 x204')).toBe('6305550177');
    expect(phoneKey('+1 630.555.0177')).toBe('6305550177');
    expect(phoneKey('555-0177')).toBe('');
  });

  it('takes a typo or two for the same name, never a different word', () => {
    expect(nearNames('northside urgent care', 'nortside urgent care')).toEqual({ equal: false, distance: 1 });
    expect(nearNames('northside urgent care', 'northside urgent care')).toEqual({ equal: true, distance: 0 });
    expect(nearNames('lakeside', 'lakeview')).toBeNull();
    expect(nearNames('abc', 'abd')).toBeNull();
  });
});

describe('duplicates in an import', () => {
  it('recognises offices already in the app for each reason, says why, and applies the action chosen for that reason or row', async () => {
    const a = openApp();
    await runImport(a, {
      csv: [
        'Office name,Address,ZIP,Phone,NPI',
        '"Northside Urgent Care, LLC",10 Lake St,60607,,',
        'Riverside Family Medicine,1200 W. Harrison Street,60607,,',
        'Hilltop Pediatrics,5 Hill Rd,60611,(312) 555-0100,',
        'Summit Ortho,9 Peak Ave,60612,,1234567893',
      ].join('\n'),
    });
    const file = [
      'Office name,Address,ZIP,Phone,NPI,Notes',
      'Northside Urgent Care,,60607-1234,,,from the file',
      'Riversde Family Medicine,1200 W HARRISON ST,60607,,,typo',
      'Elm Street Clinic,77 Elm St,60614,312-555-0100 x12,,shared switchboard',
      'Summit Orthopaedics,9 Peak Ave,60612,,1234567893,renamed',
      'Brand New Clinic,1 New St,60615,,,new',
    ].join('\n');
    const p = await a.call('imports.preview', { csv: file, duplicateMode: 'update' });
    expect(p.matches.reasons).toEqual([
      { reason: 'npi', label: 'Same NPI', rows: 1, action: 'update' },
      { reason: 'nameZip', label: 'Same name and ZIP', rows: 1, action: 'update' },
      { reason: 'nameStreet', label: 'Nearly the same name at the same street address', rows: 1, action: 'update' },
      { reason: 'phone', label: 'Same phone number', rows: 1, action: 'keep' },
    ]);
    expect(p.matches.rows.map((r) => [r.row, r.matchName, r.detail, r.action])).toEqual([
      [2, 'Northside Urgent Care, LLC', 'Same name and ZIP', 'update'],
      [3, 'Riverside Family Medicine', 'Same address; the names differ by 1 letter', 'update'],
      [4, 'Hilltop Pediatrics', 'Same phone number', 'keep'],
      [5, 'Summit Ortho', 'Same NPI', 'update'],
    ]);
    expect(p.outcome).toEqual({ add: 2, update: 3, skip: 0 });

    // Near names are skipped as a group, and one row (the NPI match) is added as another office after all.
    const choices = { duplicateMode: 'update' as const, reasonActions: { nameStreet: 'skip' as const }, rowActions: { '5': 'keep' as const } };
    expect((await a.call('imports.preview', { csv: file, ...choices })).outcome).toEqual({ add: 3, update: 1, skip: 1 });
    const done = await runImport(a, { csv: file, ...choices });
    expect(done.result).toMatchObject({ created: 3, updated: 1, skipped: 1 });
    const names = (await a.call('offices.list', { limit: 100 })).rows.map((r) => [r.name, r.zip]);
    expect(names).toEqual([
      ['Brand New Clinic', '60615'],
      ['Elm Street Clinic', '60614'],
      ['Hilltop Pediatrics', '60611'],
      // Updated with the file's non-empty cells: its spelling of the name, and the longer ZIP.
      ['Northside Urgent Care', '60607-1234'],
      ['Riverside Family Medicine', '60607'],
      ['Summit Ortho', '60612'],
      ['Summit Orthopaedics', '60612'],
    ]);
  });

  it('lists a row that repeats an earlier office with other details instead of dropping them, and merges or keeps it as chosen', async () => {
    const a = openApp();
    const file = [
      'Office name,ZIP,Phone,NPI,Contact name',
      'Lakeside Clinic,60607,312-555-0101,1234567893,Dr. Ana Ruiz',
      // The same office again for another doctor: nothing differs, nothing to ask.
      'Lakeside Clinic,60607,312-555-0101,1234567893,Dr. Bo Kim',
      // The same NPI with another phone: a real difference, shown.
      'Lakeside Clinic,60607,312-555-0199,1234567893,Dr. Cy Lee',
      // A blank the first row had is filled from a repeat.
      'Lakeside Clinic,60607-1234,,1234567893,',
    ].join('\n');
    const p = await a.call('imports.preview', { csv: file });
    expect(p.matches).toMatchObject({
      repeats: 1,
      rows: [{ row: 4, kind: 'repeat', otherRow: 2, reason: 'npi', conflicts: ['Phone'], action: 'merge' }],
    });
    expect(p).toMatchObject({ newOffices: 1, people: 3 });

    const kept = await runImport(a, { csv: file, rowActions: { '4': 'keep' } });
    expect(kept.result).toMatchObject({ created: 2, peopleCreated: 3 });
    const rows = (await a.call('offices.list', { limit: 10 })).rows;
    expect(rows.map((r) => [r.name, r.phone, r.zip])).toEqual([
      ['Lakeside Clinic', '(312) 555-0101', '60607-1234'],
      ['Lakeside Clinic', '(312) 555-0199', '60607'],
    ]);
  });

  it('matches an office with the app by what a later row of the file added to it (an NPI the first row left blank)', async () => {
    const a = openApp();
    await runImport(a, { csv: 'Office name,ZIP,NPI\nLakeside Medical Group,60614,1234567893' });
    const p = await a.call('imports.preview', { csv: ['Office name,ZIP,NPI,Contact name', 'Lakeside Clinic,60614,,Dr. Ana Ruiz', 'Lakeside Clinic,60614,1234567893,Dr. Bo Kim'].join('\n') });
    expect(p).toMatchObject({ newOffices: 0, duplicateOffices: 1, people: 0, matches: { repeats: 0, rows: [{ row: 2, matchName: 'Lakeside Medical Group', reason: 'npi' }] } });
  });

  it('sees an office added to the app between two checks of the same file', async () => {
    const a = openApp();
    const csv = 'Office name,ZIP\nHarbor Clinic,60601';
    expect(await a.call('imports.preview', { csv })).toMatchObject({ newOffices: 1, duplicateOffices: 0 });
    await a.call('offices.create', { name: 'Harbor Clinic, LLC', address: { zip: '60601' } });
    expect(await a.call('imports.preview', { csv })).toMatchObject({ newOffices: 0, duplicateOffices: 1, matches: { rows: [{ matchName: 'Harbor Clinic, LLC' }] } });
  });
});

describe('a referral report’s office name that is likely one the app has (a suggestion, never a match)', () => {
  it('takes abbreviations, one typo in a long word, and legal forms left off', () => {
    expect(likelySameOffice('Hiltop Internal Med', 'Hilltop Internal Medicine')).toBe(true);
    expect(likelySameOffice('RIVERSIDE FAM. MED.', 'Riverside Family Medicine, LLC')).toBe(true);
    expect(likelySameOffice('Lakeside Peds', 'Lakeside Pediatrics')).toBe(true);
    expect(likelySameOffice('Summit Orthopedics', 'Summit Orthopaedics Group')).toBe(true);
  });

  it('refuses another practice: a different first word, a word the office lacks, or words out of order', () => {
    expect(likelySameOffice('Lakeview Pediatrics', 'Lakeside Pediatrics')).toBe(false);
    expect(likelySameOffice('Hilltop Cardiology', 'Hilltop Internal Medicine')).toBe(false);
    expect(likelySameOffice('Medicine Hilltop', 'Hilltop Internal Medicine')).toBe(false);
    expect(likelySameOffice('Dr', 'Drake Clinic')).toBe(false);
    expect(likelySameOffice('', 'Drake Clinic')).toBe(false);
  });
});
