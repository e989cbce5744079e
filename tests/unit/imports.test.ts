import { afterEach, describe, expect, it } from 'vitest';
import { readChanges } from '../../src/main/sync/changes';
import { openTestApp, runImport, type TestApp } from '../helpers/tempApp';

let app: TestApp;
afterEach(() => app?.close());


const header = 'Practice Name,Street Address,City,State,Zip Code,Phone,NPI,Tier,Physician,Credentials,Role';
const file = [
  '\uFEFF' + header,
  'Riverside Family Medicine,1 Main St,Dayton,OH,45402,937-555-0101,1234567893,A,Dr. Ana Ruiz,MD,',
  'Riverside Family Medicine,1 Main St,Dayton,OH,45402,937-555-0101,1234567893,A,Bo Kim,,Front desk',
  '"Smith, Jones & Partners","200 Oak Ave\nSuite 4",Akron,OH,44308,330-555-0199,,B,,,',
  ',No name here,Kent,OH,44240,,,,,,',
  'Bad Phone Clinic,,Kent,OH,44240,12345,,,,,',
].join('\r\n');

describe('CSV import', () => {
  it('previews offices, people, and each bad row with its spreadsheet row number, writing nothing', async () => {
    app = openTestApp();
    const p = await app.call('imports.preview', { csv: file });
    expect(p.mapping).toEqual(['name', 'address1', 'city', 'state', 'zip', 'phone', 'npi', 'tier', 'personFullName', 'personCredentials', 'personRole']);
    expect(p).toMatchObject({ rowCount: 5, newOffices: 2, duplicateOffices: 0, people: 2, errorCount: 2 });
    expect(p.example.slice(0, 3)).toEqual(['Riverside Family Medicine', '1 Main St', 'Dayton']);
    expect(p.errors).toEqual([
      { row: 5, message: 'Office name: Name is required' },
      { row: 6, message: expect.stringMatching(/^Phone: Enter a 10-digit phone number/) },
    ]);
    expect(p.sample[1]).toMatchObject({ row: 4, name: 'Smith, Jones & Partners', city: 'Akron', people: 0 });
    expect((await app.call('offices.list', {})).total).toBe(0);
    expect(readChanges(app.ctx.store)).toHaveLength(0);
  });

  it('commits the good rows with their people, and logs every write for sync', async () => {
    app = openTestApp();
    const s = await runImport(app, { csv: file });
    expect(s).toMatchObject({ state: 'done', result: { created: 2, updated: 0, skipped: 0, peopleCreated: 2, badRows: 2 } });
    const list = await app.call('offices.list', {});
    expect(list.rows.map((r) => r.name)).toEqual(['Riverside Family Medicine', 'Smith, Jones & Partners']);
    const riverside = await app.call('offices.get', { id: list.rows[0]!.id });
    expect(riverside.people.map((p) => [p.firstName, p.lastName, p.kind, p.credentials, p.role])).toEqual([
      ['Ana', 'Ruiz', 'physician', 'MD', null],
      ['Bo', 'Kim', 'staff', null, 'front_desk'],
    ]);
    const smith = await app.call('offices.get', { id: list.rows[1]!.id });
    expect(smith.office.address.line1).toBe('200 Oak Ave\nSuite 4');
    expect(readChanges(app.ctx.store).filter((c) => c.col === '*')).toHaveLength(4);
  });

  it('handles duplicates by NPI or name + ZIP: skip, update or keep both', async () => {
    app = openTestApp();
    await app.call('offices.create', { name: 'Riverside Family Medicine', npi: '1234567893', notes: 'keep me' });
    await app.call('offices.create', { name: 'smith, jones & partners', address: { zip: '44308' } });

    const preview = await app.call('imports.preview', { csv: file, duplicateMode: 'skip' });
    expect(preview).toMatchObject({ newOffices: 0, duplicateOffices: 2, people: 0 });
    expect(preview.sample[0]?.duplicateOf).toBe('Riverside Family Medicine');

    expect((await runImport(app, { csv: file, duplicateMode: 'skip' })).result).toMatchObject({ created: 0, skipped: 2, peopleCreated: 0 });
    expect((await app.call('offices.list', {})).total).toBe(2);

    const upd = await runImport(app, { csv: file, duplicateMode: 'update' });
    expect(upd.result).toMatchObject({ created: 0, updated: 2, peopleCreated: 2 });
    const rows = (await app.call('offices.list', { search: 'riverside' })).rows;
    const detail = await app.call('offices.get', { id: rows[0]!.id });
    expect(detail.office).toMatchObject({ tier: 'A', phone: '(937) 555-0101', notes: 'keep me' });
    // Importing the same people again does not add them twice.
    expect((await runImport(app, { csv: file, duplicateMode: 'update' })).result).toMatchObject({ peopleCreated: 0 });

    expect(await app.call('imports.preview', { csv: file, duplicateMode: 'keep' })).toMatchObject({ newOffices: 0, duplicateOffices: 2, people: 2 });
    expect((await runImport(app, { csv: file, duplicateMode: 'keep' })).result).toMatchObject({ created: 2 });
    expect((await app.call('offices.list', {})).total).toBe(4);
  });

  it('leaves the database exactly as it was when the import fails part-way', async () => {
    app = openTestApp();
    await app.call('offices.create', { name: 'Already here' });
    const changesBefore = readChanges(app.ctx.store).length;
    // A real SQLite failure on the 1500th office, after the first batch was written.
    app.ctx.store.sqlite.exec(`CREATE TRIGGER boom BEFORE INSERT ON offices WHEN NEW.name = 'Office 1500' BEGIN SELECT RAISE(ABORT, 'disk said no'); END`);
    const big = ['Office name,ZIP', ...Array.from({ length: 2000 }, (_, i) => `Office ${i + 1},${String(10000 + i)}`)].join('\n');
    const s = await runImport(app, { csv: big });
    expect(s.state).toBe('failed');
    expect(s.error).toMatch(/nothing from it was saved.*disk said no/);
    expect((await app.call('offices.list', {})).rows.map((r) => r.name)).toEqual(['Already here']);
    expect(readChanges(app.ctx.store)).toHaveLength(changesBefore);
    // And the app still writes normally afterwards.
    await app.call('offices.create', { name: 'After' });
  });

  it('refuses other writes while an import holds the database (saying how far it is), shows only committed rows meanwhile, then accepts them', async () => {
    app = openTestApp();
    await app.call('offices.create', { name: 'Already here' });
    const big = ['Office name', ...Array.from({ length: 3000 }, (_, i) => `Office ${i}`)].join('\n');
    const { jobId } = await app.call('imports.commit', { csv: big });
    // Progress is readable while it runs: part done, of the whole.
    const midway = await app.call('imports.status', { jobId });
    expect(midway).toMatchObject({ state: 'running', total: 3000 });
    expect(midway.processed).toBeGreaterThan(0);
    expect(midway.processed).toBeLessThan(3000);
    await expect(app.call('offices.create', { name: 'Sneaky' })).rejects.toMatchObject({ body: { code: 'busy', message: /^An import is running \(\d+%\)/ } });
    // Other screens read through the second connection: the import's rows are not there until it commits.
    expect(app.ctx.store.othersTransactionOpen).toBe(true);
    const during = await app.call('offices.list', { search: 'office' });
    expect(during.rows.map((r) => r.name)).toEqual([]);
    expect((await app.call('offices.list', {})).total).toBe(1);
    while ((await app.call('imports.status', { jobId })).state === 'running') await new Promise((r) => setTimeout(r, 5));
    await app.call('offices.create', { name: 'Polite' });
    expect((await app.call('offices.list', {})).total).toBe(3002);
  });

  it('finds a duplicate by name + ZIP even when only the file row has an NPI', async () => {
    app = openTestApp();
    await app.call('offices.create', { name: 'Dayton Spine', address: { zip: '45402' } });
    const p = await app.call('imports.preview', { csv: 'Office name,ZIP,NPI\nDAYTON SPINE,45402,1234567893\nKettering Spine,45429,' });
    expect(p).toMatchObject({ newOffices: 1, duplicateOffices: 1 });
    expect(p.sample.map((s) => s.duplicateOf)).toEqual(['Dayton Spine', null]);
  });

  it('updates kind and stage from the file only when the file has those columns', async () => {
    app = openTestApp();
    const o = await app.call('offices.create', { name: 'Dayton Spine', address: { zip: '45402' }, kind: 'hospital', stage: 'established' });
    await runImport(app, { csv: 'Office name,ZIP,Phone\nDayton Spine,45402,937-555-0101', duplicateMode: 'update' });
    expect((await app.call('offices.get', { id: o.id })).office).toMatchObject({ kind: 'hospital', stage: 'established', phone: '(937) 555-0101' });
    await runImport(app, { csv: 'Office name,ZIP,Stage\nDayton Spine,45402,Dormant', duplicateMode: 'update' });
    expect((await app.call('offices.get', { id: o.id })).office).toMatchObject({ kind: 'hospital', stage: 'dormant' });
  });

  it('re-checks duplicates at commit when the directory changed after the preview', async () => {
    app = openTestApp();
    expect(await app.call('imports.preview', { csv: file })).toMatchObject({ newOffices: 2, duplicateOffices: 0 });
    // Someone adds one of the file's offices between "Check the file" and "Import".
    await app.call('offices.create', { name: 'Other name, same NPI', npi: '1234567893' });
    expect((await runImport(app, { csv: file, duplicateMode: 'skip' })).result).toMatchObject({ created: 1, skipped: 1 });
  });

  it('names the column a bad contact cell came from', async () => {
    app = openTestApp();
    const p = await app.call('imports.preview', { csv: 'Office name,Physician,Provider NPI,ZIP\nA,Dr. Ana Ruiz,1234567890,45402\nB,Dr. Bo Kim,,4540' });
    expect(p.errors).toEqual([{ row: 2, message: 'Contact NPI: This NPI fails its check digit; check for a typo' }]);
    // A 4-digit ZIP is a spreadsheet that dropped the leading zero: restored, not refused.
    expect(p.sample.find((s) => s.name === 'B')?.zip).toBe('04540');
  });

  it('uses a mapping the user chose over the guess', async () => {
    app = openTestApp();
    const p = await app.call('imports.preview', { csv: 'Col A,Col B\nDayton Spine,45402', mapping: ['name', 'zip'] });
    expect(p).toMatchObject({ newOffices: 1, errorCount: 0, sample: [{ name: 'Dayton Spine', zip: '45402' }] });
    await expect(app.call('imports.preview', { csv: 'Col A,Col B\nx,y' })).resolves.toMatchObject({
      errors: [{ row: 1, message: expect.stringMatching(/Office name/) }],
    });
  });
});

describe('CSV export', () => {
  it('exports the filtered list and the file imports back into an empty database unchanged', async () => {
    app = openTestApp();
    await runImport(app, { csv: file });
    await app.call('offices.create', { name: 'Filtered Out', tier: 'C' });
    const { csv, count } = await app.call('offices.exportCsv', { filters: { tier: ['A', 'B'] } });
    expect(count).toBe(2);
    expect(csv.startsWith('\uFEFFOffice name,Kind,')).toBe(true);
    const other = openTestApp();
    try {
      const preview = await other.call('imports.preview', { csv });
      expect(preview.mapping.every((m) => m !== null)).toBe(true);
      await runImport(other, { csv });
      const strip = (o: { office: { name: string } }) => ({ ...o.office, id: 0, createdAt: 0, updatedAt: 0 });
      const names = async (a: TestApp) => {
        const rows = (await a.call('offices.list', {})).rows;
        return Promise.all(rows.map(async (r) => strip(await a.call('offices.get', { id: r.id }))));
      };
      expect(await names(other)).toEqual((await names(app)).filter((o) => o.name !== 'Filtered Out'));
    } finally {
      other.close();
    }
  });
});
