import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/main/imports/parse';
import type { ApiInput } from '../../src/shared/api/contract';
import { appsClosedAfterEach, runImport, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();

type PersonInput = Omit<ApiInput<'people.create'>, 'officeId'>;

async function officeWithPeople(app: TestApp, office: ApiInput<'offices.create'>, people: PersonInput[]): Promise<string> {
  const { id } = await app.call('offices.create', office);
  for (const p of people) await app.call('people.create', { ...p, officeId: id });
  return id;
}

/** Every office and its people as the office page shows them, without what a new database makes anew (ids, times). */
async function directory(app: TestApp) {
  const { rows } = await app.call('offices.list', { limit: 1000 });
  const all = await Promise.all(
    rows.map(async (r) => {
      const { office, people } = await app.call('offices.get', { id: r.id });
      const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = office;
      return {
        ...fields,
        people: people.map(({ id: _pid, officeId: _o, createdAt: _pc, updatedAt: _pu, ...p }) => p),
      };
    }),
  );
  return all.sort((a, b) => a.name.localeCompare(b.name) || (a.address.zip ?? '').localeCompare(b.address.zip ?? ''));
}

describe('exporting offices with their people', () => {
  it('writes one row per person and imports back into an empty app with every office and person field as it was', async () => {
    const app = open();
    await officeWithPeople(
      app,
      {
        name: 'Clínica Peña', kind: 'physician_office', npi: '1234567893', specialties: ['Cardiology', 'Vascular'], tags: ['lunch ok'],
        address: { line1: '12 Calle Ñandú', line2: 'Suite 4', city: 'Chicago', state: 'IL', zip: '60607-1234' },
        phone: '(312) 555-0100 x204', email: 'front@pena.example', tier: 'A', stage: 'established', ownerName: 'Maya Chen',
        notes: 'Parking behind, "ask Bo"\nthen turn left, past the café', bestTime: 'Tue, after 2', lunchPrefs: 'No nuts',
      },
      [
        { kind: 'physician', firstName: 'María José', lastName: 'Peña', credentials: 'MD, FACC', specialty: 'Interventional cardiology', npi: '1987654328', email: 'mj.pena@pena.example', notes: 'Refers "all" valve cases, Mondays' },
        { kind: 'staff', firstName: 'Dana', lastName: "O'Neil", role: 'office_manager', phone: '312-555-0177 ext. 12', notes: '-call first\nthen email' },
        { kind: 'staff', firstName: 'Zoë', lastName: 'Åberg', role: 'other', credentials: 'RN' },
      ],
    );
    // Two offices with one name, in different ZIPs and without an NPI: two offices again after the import.
    await officeWithPeople(app, { name: 'Lakeview Orthopaedics', address: { zip: '60613' } }, [
      { kind: 'physician', firstName: 'Ana', lastName: 'Ruiz', credentials: 'DO', specialty: 'Sports medicine', npi: '1543210987' },
    ]);
    await officeWithPeople(app, { name: 'Lakeview Orthopaedics', address: { zip: '60614' }, kind: 'urgent_care' }, [
      { kind: 'staff', firstName: 'Bo', lastName: 'Kim', role: 'referral_coordinator', email: 'bo@lakeview.example' },
      { kind: 'staff', firstName: 'Cy', lastName: 'Lee', role: 'front_desk' },
    ]);
    await officeWithPeople(app, { name: 'Nobody Here Yet', tier: 'C', address: { city: 'Evanston', state: 'IL' } }, []);
    // An archived person is not on the office's current list, and the import has no archived person: left out.
    const archivedAt = await officeWithPeople(app, { name: 'Quiet Clinic', npi: '1678901236' }, [{ kind: 'physician', firstName: 'Gone', lastName: 'Away' }]);
    const gone = (await app.call('offices.get', { id: archivedAt })).people[0]!;
    await app.call('people.archive', { id: gone.id });

    const exported = await app.call('offices.exportCsv', { includePeople: true });
    expect(exported).toMatchObject({ count: 5, people: 6, joinedOnImport: 0 });
    const { headers, records } = parseCsv(exported.csv);
    expect(headers.slice(20)).toEqual([
      'Contact first name', 'Contact last name', 'Contact kind', 'Credentials', 'Contact specialty', 'Contact NPI', 'Contact role',
      'Contact phone', 'Contact email', 'Contact notes',
    ]);
    // One row per person, in the office page's order; an office with no one (or only archived people) on a row of its own with blank person cells.
    expect(records.map((r) => [r[0], r[7], r[20], r[22], r[26]])).toEqual([
      ['Clínica Peña', '60607-1234', 'María José', 'Physician', ''],
      ['Clínica Peña', '60607-1234', 'Dana', 'Staff', 'Office manager'],
      ['Clínica Peña', '60607-1234', 'Zoë', 'Staff', 'Other staff'],
      ['Lakeview Orthopaedics', '60613', 'Ana', 'Physician', ''],
      ['Lakeview Orthopaedics', '60614', 'Bo', 'Staff', 'Referral coordinator'],
      ['Lakeview Orthopaedics', '60614', 'Cy', 'Staff', 'Front desk'],
      ['Nobody Here Yet', '', '', '', ''],
      ['Quiet Clinic', '', '', '', ''],
    ]);
    // The exported text neutralises a cell a spreadsheet would run; the import reads it back.
    expect(exported.csv).toContain(`"'-call first\nthen email"`);

    const other = open();
    const preview = await other.call('imports.preview', { csv: exported.csv });
    expect(preview.mapping.every((m) => m !== null)).toBe(true);
    expect(preview).toMatchObject({ errorCount: 0, newOffices: 5, people: 6 });
    expect((await runImport(other, { csv: exported.csv })).result).toMatchObject({ created: 5, peopleCreated: 6, badRows: 0 });

    const before = await directory(app);
    const quiet = before.find((o) => o.name === 'Quiet Clinic')!;
    expect(quiet.people.map((p) => p.firstName)).toEqual(['Gone']);
    quiet.people = [];
    expect(await directory(other)).toEqual(before);
  });

  it('says when the import would take two exported offices for one, and that is what an import then does', async () => {
    const app = open();
    await officeWithPeople(app, { name: 'Twin Clinic', address: { line1: '1 North St', zip: '45402' } }, [{ kind: 'physician', firstName: 'Ana', lastName: 'North' }]);
    await officeWithPeople(app, { name: 'twin clinic', address: { line1: '9 South St', zip: '45402-0009' } }, [{ kind: 'physician', firstName: 'Bo', lastName: 'South' }]);
    // Same name in another ZIP: told apart. Same name and ZIP with an NPI the others lack: the same office.
    await officeWithPeople(app, { name: 'Twin Clinic', address: { zip: '45403' } }, []);
    await officeWithPeople(app, { name: 'Twin Clinic', address: { zip: '45402' }, npi: '1234567893' }, []);

    const exported = await app.call('offices.exportCsv', { includePeople: true });
    expect(exported).toMatchObject({ count: 4, people: 2, joinedOnImport: 2 });
    const other = open();
    // The import lists the repeat whose street differs, and merges it by default (blanks filled: the NPI arrives).
    const preview = await other.call('imports.preview', { csv: exported.csv });
    expect(preview.matches).toMatchObject({ repeats: 1, rows: [{ kind: 'repeat', reason: 'nameZip', conflicts: ['Office name', 'Address'], action: 'merge' }] });
    await runImport(other, { csv: exported.csv });
    const offices = await directory(other);
    expect(offices.map((o) => [o.address.zip, o.address.line1, o.npi, o.people.map((p) => p.lastName)])).toEqual([
      ['45402', '1 North St', '1234567893', ['North', 'South']],
      ['45403', null, null, []],
    ]);
  });

  it('without people, writes one row per office as before', async () => {
    const app = open();
    await officeWithPeople(app, { name: 'Solo Clinic' }, [{ kind: 'physician', firstName: 'Ana', lastName: 'Ruiz' }]);
    const exported = await app.call('offices.exportCsv', {});
    expect(exported).toMatchObject({ count: 1, people: 0, joinedOnImport: 0 });
    const { headers, records } = parseCsv(exported.csv);
    expect(headers).toHaveLength(20);
    expect(headers).not.toContain('Contact first name');
    expect(records).toHaveLength(1);
  });
});
