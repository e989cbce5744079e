import { describe, expect, it } from 'vitest';
import { phoneNumber } from '../../src/shared/domain/fields';
import { Address } from '../../src/shared/domain/office';
import { staffRoleFrom } from '../../src/shared/domain/person';
import { splitFullName } from '../../src/shared/domain/personName';
import { stateCode } from '../../src/shared/domain/usStates';
import { zipCode } from '../../src/shared/domain/zip';
import { openTestApp, runImport } from '../helpers/tempApp';

describe('values as people write them (the same rules for forms and imports)', () => {
  it.each([
    ['Illinois', 'IL'], ['illinois', 'IL'], ['New  York', 'NY'], ['il', 'IL'], ['District of Columbia', 'DC'], ['Washington, D.C.', 'DC'],
    ['Puerto Rico', 'PR'], ['ZZ', null], ['Ill', null], ['Ohio State', null],
  ])('state %j → %j', (written, code) => expect(stateCode(written)).toBe(code));

  it.each([
    ['60607', '60607'], ['60607-1234', '60607-1234'], ['606071234', '60607-1234'], ['60607 1234', '60607-1234'],
    ['2134', '02134'], ['21341234', '02134-1234'], ['2134-5678', '02134-5678'], [' 60607 ', '60607'],
    ['606071', null], ['6060712345', null], ['IL 60607', null], ['', null],
  ])('ZIP %j → %j', (written, stored) => expect(zipCode(written)).toBe(stored));

  it.each([
    ['630-555-0177 x204', '(630) 555-0177 x204'],
    ['(630) 555-0177 ext. 204', '(630) 555-0177 x204'],
    ['630.555.0177, extension 204', '(630) 555-0177 x204'],
    ['630-555-0177 #12', '(630) 555-0177 x12'],
    ['+1 630 555 0177', '(630) 555-0177'],
  ])('phone %j → %j', (written, stored) => expect(phoneNumber.parse(written)).toBe(stored));

  it('still refuses a phone number that is short of digits, extension or not', () => {
    expect(phoneNumber.safeParse('555-0177 x2').success).toBe(false);
    expect(phoneNumber.safeParse('12345').success).toBe(false);
  });

  it('reads an address as people write it, and says what it wants when it cannot', () => {
    expect(Address.parse({ city: 'Chicago', state: 'Illinois', zip: '606071234' })).toMatchObject({ state: 'IL', zip: '60607-1234' });
    expect(Address.safeParse({ state: 'Ilinois' }).error?.issues[0]?.message).toBe('Use a US state’s two-letter code or its name, like OH or Ohio');
  });

  it.each([
    ['María José Peña, MD', { firstName: 'María José', lastName: 'Peña', credentials: 'MD' }],
    ['Dr. John A. Smith Jr.', { firstName: 'John A.', lastName: 'Smith Jr.', credentials: null }],
    ['John Smith, Jr., MD', { firstName: 'John', lastName: 'Smith Jr.', credentials: 'MD' }],
    ['Ana Ruiz MD, FACC', { firstName: 'Ana', lastName: 'Ruiz', credentials: 'MD, FACC' }],
    ['Lee Wong PA-C', { firstName: 'Lee', lastName: 'Wong', credentials: 'PA-C' }],
    ['Cher', { firstName: 'Cher', lastName: '', credentials: null }],
  ])('name %j', (full, parts) => expect(splitFullName(full)).toEqual(parts));

  it.each([
    ['Office Manager', 'office_manager'], ['Practice Administrator', 'office_manager'], ['Referral Coordinator', 'referral_coordinator'],
    ['Front desk', 'front_desk'], ['Receptionist', 'front_desk'], ['Medical Assistant', 'other'], ['front_desk', 'front_desk'],
    ['MD', null], ['Physician', null], ['Cardiologist', null],
  ])('title %j → staff role %j', (title, role) => expect(staffRoleFrom(title)).toBe(role));
});

describe('an import reads them the same way', () => {
  it('keeps ZIP+4 without a dash, state names, extensions, middle names, and makes an office manager staff', async () => {
    const app = openTestApp();
    try {
      await app.call('offices.create', { name: 'Northside Urgent Care', address: { zip: '60607' } });
      const csv = [
        'Practice Name,City,State,Zip,Phone,Contact,Contact kind',
        'Northside Urgent Care,Chicago,Illinois,606071234,630-555-0177 x204,,',
        'Lakeview Cardiology,Chicago,Illinois,606131234,(773) 555-0100 ext. 12,"María José Peña, MD",',
        'Lakeview Cardiology,Chicago,Illinois,606131234,(773) 555-0100 ext. 12,Dana Scott,Office Manager',
      ].join('\n');
      const preview = await app.call('imports.preview', { csv });
      // 60607-1234 and 60607 are the same place: the first row is the office already here.
      expect(preview).toMatchObject({ errorCount: 0, newOffices: 1, duplicateOffices: 1 });
      const job = await runImport(app, { csv, duplicateMode: 'skip' });
      expect(job.result).toMatchObject({ created: 1, skipped: 1, peopleCreated: 2 });
      const id = (await app.call('offices.list', { search: 'lakeview' })).rows[0]!.id;
      const { office, people } = await app.call('offices.get', { id });
      expect(office.address).toMatchObject({ state: 'IL', zip: '60613-1234' });
      expect(office.phone).toBe('(773) 555-0100 x12');
      const byName = Object.fromEntries(people.map((p) => [p.lastName, p]));
      expect(byName['Peña']).toMatchObject({ firstName: 'María José', kind: 'physician', credentials: 'MD' });
      expect(byName['Scott']).toMatchObject({ firstName: 'Dana', kind: 'staff', role: 'office_manager' });
    } finally {
      app.close();
    }
  });
});

describe('quick search ignores accents', () => {
  it('finds "Peña" by "pena" and "Clínica" by "CLINICA", typed with or without the accent', async () => {
    const app = openTestApp();
    try {
      for (const name of ['Clínica Peña', 'Pena Family Practice', 'Penn Orthopedics']) await app.call('offices.create', { name });
      const names = async (search: string) => (await app.call('offices.list', { search })).rows.map((r) => r.name).sort();
      expect(await names('pena')).toEqual(['Clínica Peña', 'Pena Family Practice']);
      expect(await names('peña')).toEqual(['Clínica Peña', 'Pena Family Practice']);
      expect(await names('CLINICA')).toEqual(['Clínica Peña']);
      expect(await names('p')).toEqual(['Clínica Peña', 'Pena Family Practice', 'Penn Orthopedics']);
    } finally {
      app.close();
    }
  });
});
