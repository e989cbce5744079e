import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { milesBetween, zipIn } from '../../src/shared/geo/distance';
import { taxonomyTable } from '../../src/shared/nppes/taxonomy';
import { zipCentroids } from '../../src/main/geo/zipCentroids';
import { filterRegistry } from '../../src/main/targets/filter';
import type { ApiInput, ApiOutput } from '../../src/shared/api/contract';
import { npi, registryFile, type RegistryRow } from '../helpers/nppesFile';
import { openTestApp, tempDir, type TestApp } from '../helpers/tempApp';

let app: TestApp;
afterEach(() => app?.close());

const IL = { state: 'IL' };
const rows: RegistryRow[] = [
  // West Loop, Chicago (60607): the centre of most searches below.
  { npi: npi(1), org: 'LAKESHORE FAMILY MEDICINE LLC', line1: '1200 W HARRISON ST', city: 'CHICAGO', ...IL, zip: '606071234', phone: '3125550100', taxonomies: ['207Q00000X'] },
  { npi: npi(2), last: 'SMITH', first: 'JOHN', credential: 'M.D.', line1: '1200 W. Harrison St.', city: 'CHICAGO', ...IL, zip: '60607', phone: '3125550100', taxonomies: ['207Q00000X'] },
  { npi: npi(3), last: 'DOE', first: 'JANE', credential: 'NP', line1: '1200 W HARRISON ST', city: 'CHICAGO', ...IL, zip: '60607', phone: '3125550100', taxonomies: ['363L00000X'] },
  // Evanston (60201), about 12.5 miles north.
  { npi: npi(4), last: 'KIM', first: 'SARA', credential: 'MD', line1: '10 S MAIN ST', city: 'EVANSTON', ...IL, zip: '602011234', phone: '8475550100', taxonomies: ['207R00000X', '207Q00000X'], primary: 1 },
  // Champaign (61820), about 130 miles south.
  { npi: npi(5), last: 'RUIZ', first: 'ANA', credential: 'MD', line1: '1 GREEN ST', city: 'CHAMPAIGN', ...IL, zip: '61820', phone: '2175550100', taxonomies: ['207Q00000X'] },
  // A PO-box ZIP (60690) the Census has no area for: placed by its 606 prefix.
  { npi: npi(6), org: 'LOOP PO BOX PRACTICE', line1: 'PO BOX 1', city: 'CHICAGO', ...IL, zip: '60690', phone: '3125550600', taxonomies: ['207Q00000X'] },
  { npi: npi(7), deactivated: '01/01/2020' },
  { npi: npi(8), last: 'OLD', first: 'GONE', line1: '1200 W HARRISON ST', city: 'CHICAGO', ...IL, zip: '60607', taxonomies: ['207Q00000X'], deactivated: '01/01/2020' },
  { npi: npi(9), org: 'KNOWN BY NAME CLINIC', line1: '500 W MADISON ST', city: 'CHICAGO', ...IL, zip: '60661', phone: '3125550900', taxonomies: ['207Q00000X'] },
  { npi: npi(10), last: 'PARK', first: 'LEE', credential: 'PT', line1: '1200 W HARRISON ST', city: 'CHICAGO', ...IL, zip: '60607', phone: '3125550100', taxonomies: ['225100000X'] },
  { npi: npi(11), org: 'MILWAUKEE FAMILY CARE', line1: '1 N WATER ST', city: 'MILWAUKEE', state: 'WI', zip: '53202', phone: '4145550100', taxonomies: ['207Q00000X'] },
];
const FILE = registryFile(rows);

type Criteria = Omit<ApiInput<'targets.run'>, 'fileId'>;

async function search(criteria: Criteria, file = FILE): Promise<{ job: ApiOutput<'targets.status'>; rows: ApiOutput<'targets.matches'>['rows'] }> {
  const { jobId } = await app.call('targets.run', { fileId: await app.upload(file, 'npidata_pfile.csv'), ...criteria });
  for (let i = 0; i < 2000; i++) {
    const job = await app.call('targets.status', { jobId });
    if (job.state !== 'running') return { job, rows: job.state === 'done' ? (await app.call('targets.matches', { jobId, limit: 500 })).rows : [] };
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('search did not finish');
}
const npis = (r: { npi: string }[]) => r.map((x) => x.npi);

describe('ZIP centres', () => {
  it('places ZIPs by the Census’s points, PO-box ZIPs by their 3-digit area, and measures miles', async () => {
    const zips = await zipCentroids();
    expect(zips.size).toBeGreaterThan(30_000);
    const loop = zips.place('60607')!;
    expect(loop).toMatchObject({ exact: true });
    expect(zips.place('606071234')).toEqual(loop);
    const evanston = milesBetween(loop, zips.place('60201-1234')!);
    expect(evanston).toBeGreaterThan(11);
    expect(evanston).toBeLessThan(13);
    const poBox = zips.place('60690')!;
    expect(poBox.exact).toBe(false);
    expect(milesBetween(loop, poBox)).toBeLessThan(15);
    expect(zips.place('00000')).toBeNull();
    expect(zips.place('abc')).toBeNull();
    expect(zipIn('1200 W Harrison St, Chicago IL 60607-1234')).toBe('60607');
    expect(zipIn('60201')).toBe('60201');
    expect(zipIn('no zip here, suite 12')).toBeNull();
  });
});

describe('target lists', () => {
  it('finds providers by any of their taxonomy codes within a radius, skipping deactivated NPIs', async () => {
    app = openTestApp();
    const fm = await search({ taxonomies: ['207Q00000X'], notInDirectory: false });
    expect(fm.job).toMatchObject({ state: 'done', rowsRead: 11, count: 7, listed: 7, capped: false, centre: null, error: null });
    // Sara Kim is an internist whose second code is family medicine.
    expect(npis(fm.rows)).toEqual([npi(1), npi(2), npi(4), npi(5), npi(6), npi(9), npi(11)]);
    expect(fm.rows[1]).toMatchObject({ entity: 'individual', name: 'John Smith, MD', specialty: 'Family Medicine', address: '1200 W. Harrison St., Chicago IL 60607', phone: '(312) 555-0100', added: false });

    const near = await search({ taxonomies: ['207Q00000X'], near: { from: '1200 W Harrison St, Chicago IL 60607', miles: 10 }, notInDirectory: false });
    expect(near.job.centre).toEqual({ zip: '60607', exact: true });
    expect(npis(near.rows)).toEqual([npi(1), npi(2), npi(6), npi(9)]);
    expect(near.rows[0]!.miles).toBe(0);
    const wider = await search({ taxonomies: ['207Q00000X'], near: { from: '60607', miles: 15 }, notInDirectory: false });
    expect(npis(wider.rows)).toEqual([npi(1), npi(2), npi(4), npi(6), npi(9)]);
    const kim = wider.rows.find((r) => r.npi === npi(4))!;
    expect(kim.miles).toBeGreaterThan(11);
    expect(kim.miles).toBeLessThan(13);

    expect(npis((await search({ entity: 'organisations', state: 'Illinois', notInDirectory: false })).rows)).toEqual([npi(1), npi(6), npi(9)]);
    expect(npis((await search({ entity: 'individuals', taxonomies: ['363L00000X', '225100000X'], notInDirectory: false })).rows)).toEqual([npi(3), npi(10)]);
  });

  it('leaves out who the directory has: by NPI (offices and people), and organisations by name + ZIP', async () => {
    app = openTestApp();
    const office = await app.call('offices.create', { name: 'Lakeshore', npi: npi(1) });
    await app.call('people.create', { officeId: office.id, firstName: 'John', lastName: 'Smith', npi: npi(2) });
    await app.call('offices.create', { name: 'Known by Name Clinic', address: { zip: '60661-0001' } });
    const r = await search({ taxonomies: ['207Q00000X'] });
    expect(npis(r.rows)).toEqual([npi(4), npi(5), npi(6), npi(11)]);
    expect(r.job.count).toBe(4);
  });

  it('counts every match past the kept list and says it was cut', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'npidata.csv');
    fs.writeFileSync(file, FILE);
    const r = await filterRegistry(file, { codes: new Set(), entity: 'both', near: null, state: null, directory: null }, taxonomyTable(), { cap: 3 });
    expect(r).toMatchObject({ rowsRead: 11, count: 9 });
    expect(r.kept.map((k) => k.view.npi)).toEqual([npi(1), npi(2), npi(3)]);
    // Only the columns the app reads are kept of each row, not all 330.
    expect(r.kept[0]!.record.length).toBeLessThan(60);
  });

  it('refuses a file that is not the registry’s and a ZIP it cannot place', async () => {
    app = openTestApp();
    const { job } = await search({}, 'Office name,ZIP\r\nA,60607\r\n');
    expect(job).toMatchObject({ state: 'failed', error: expect.stringMatching(/^This is not an NPI registry file/) });
    await expect(search({ near: { from: 'Chicago', miles: 5 } })).rejects.toThrow(/Enter a ZIP code/);
    await expect(search({ near: { from: '00000', miles: 5 } })).rejects.toThrow(/does not know where ZIP 00000 is/);
  });

  it('adds the chosen providers as prospects of a liaison: practices with their people, the rest at the directory’s office or one named for the address', async () => {
    app = openTestApp();
    const casey = await app.call('team.create', { name: 'Casey Liaison', role: 'liaison' });
    const known = await app.call('offices.create', { name: 'Evanston Health', address: { line1: '10 South Main Street', zip: '60201' }, stage: 'established' });
    const { job, rows: found } = await search({ near: { from: '60607', miles: 15 } });
    const pick = (n: number) => found.find((r) => r.npi === npi(n))!.id;
    const result = await app.call('targets.add', { jobId: job.jobId, ids: [pick(1), pick(2), pick(3), pick(4), pick(10), pick(9)], ownerId: casey.id });
    expect(result).toEqual({ officesAdded: 2, peopleAdded: 4, peopleAtExistingOffices: 1, alreadyThere: 0, problems: 0, firstProblem: null });

    const list = (await app.call('offices.list', {})).rows;
    expect(list.map((o) => [o.name, o.stage, o.ownerName])).toEqual([
      ['Evanston Health', 'established', null],
      ['KNOWN BY NAME CLINIC', 'prospect', 'Casey Liaison'],
      ['LAKESHORE FAMILY MEDICINE LLC', 'prospect', 'Casey Liaison'],
    ]);
    const lakeshore = await app.call('offices.get', { id: list[2]!.id });
    expect(lakeshore.office).toMatchObject({ npi: npi(1), kind: 'physician_office', ownerId: casey.id, specialties: ['Family Medicine'] });
    expect(lakeshore.people.map((p) => [p.firstName, p.lastName, p.kind, p.credentials, p.specialty])).toEqual([
      ['Jane', 'Doe', 'clinician', 'NP', 'Nurse Practitioner'],
      ['Lee', 'Park', 'clinician', 'PT', 'Physical Therapist'],
      ['John', 'Smith', 'physician', 'MD', 'Family Medicine'],
    ]);
    // Sara Kim practises where the directory already has an office: she joins it, and it stays as it was.
    const evanston = await app.call('offices.get', { id: known.id });
    expect(evanston.people.map((p) => [p.firstName, p.lastName, p.npi])).toEqual([['Sara', 'Kim', npi(4)]]);

    // Added ones show as added; adding them again is refused, and the rest can still go in.
    const after = (await app.call('targets.matches', { jobId: job.jobId, limit: 500 })).rows;
    expect(after.filter((r) => r.added).map((r) => r.npi).sort()).toEqual([npi(1), npi(2), npi(3), npi(4), npi(9), npi(10)].sort());
    await expect(app.call('targets.add', { jobId: job.jobId, ids: [pick(1)], ownerId: casey.id })).rejects.toThrow(/added already/);
    const rest = await app.call('targets.add', { jobId: job.jobId, all: true, ownerName: 'Robin New' });
    expect(rest).toMatchObject({ officesAdded: 1, peopleAdded: 0 });
    expect((await app.call('offices.list', { search: 'po box' })).rows.map((o) => [o.name, o.ownerName])).toEqual([['LOOP PO BOX PRACTICE', 'Robin New']]);
  });
});
