import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/tempApp';

let app: TestApp;
afterEach(() => app?.close());

const riverside = { name: 'Riverside Family Medicine', address: { city: 'Dayton', state: 'OH', zip: '45402' }, phone: '937-555-0101', npi: '1234567893', tier: 'A' as const };

describe('offices service', () => {
  it('creates an office with defaults and reads it back', async () => {
    app = openTestApp();
    const o = await app.call('offices.create', riverside);
    expect(o).toMatchObject({ name: 'Riverside Family Medicine', kind: 'physician_office', stage: 'prospect', tier: 'A', phone: '(937) 555-0101' });
    const detail = await app.call('offices.get', { id: o.id });
    expect(detail.office).toEqual(o);
    expect(detail.people).toEqual([]);
    expect(detail.timeline).toEqual([]);
  });

  it('refuses a second office with the same NPI, naming the first', async () => {
    app = openTestApp();
    await app.call('offices.create', riverside);
    await expect(app.call('offices.create', { ...riverside, name: 'Copy' })).rejects.toMatchObject({
      body: { code: 'conflict', message: expect.stringContaining('Riverside Family Medicine') },
    });
  });

  it('lets an office that shares its NPI (kept by an import) be edited, but not take a taken NPI', async () => {
    app = openTestApp();
    await app.call('offices.create', riverside);
    const { jobId } = await app.call('imports.commit', { csv: 'Office name,NPI\nRiverside Annex,1234567893', duplicateMode: 'keep' });
    while ((await app.call('imports.status', { jobId })).state === 'running') await new Promise((r) => setTimeout(r, 5));
    const annex = (await app.call('offices.list', { search: 'annex' })).rows[0]!;
    await expect(app.call('offices.update', { id: annex.id, patch: { npi: '1234567893', notes: 'Second site' } })).resolves.toMatchObject({ notes: 'Second site' });
    const other = await app.call('offices.create', { name: 'Other' });
    await expect(app.call('offices.update', { id: other.id, patch: { npi: '1234567893' } })).rejects.toMatchObject({ body: { code: 'conflict' } });
  });

  it('updates only the fields given and keeps the rest', async () => {
    app = openTestApp();
    const o = await app.call('offices.create', riverside);
    const u = await app.call('offices.update', { id: o.id, patch: { stage: 'established', notes: 'Prefers Tuesday' } });
    expect(u).toMatchObject({ stage: 'established', notes: 'Prefers Tuesday', tier: 'A', npi: '1234567893' });
    expect(u.updatedAt >= o.updatedAt).toBe(true);
  });

  it('archives out of the list and restores back into it', async () => {
    app = openTestApp();
    const o = await app.call('offices.create', riverside);
    await app.call('offices.archive', { id: o.id });
    expect((await app.call('offices.list', {})).total).toBe(0);
    expect((await app.call('offices.list', { includeArchived: true })).rows[0]?.archivedAt).not.toBeNull();
    await app.call('offices.restore', { id: o.id });
    expect((await app.call('offices.list', {})).total).toBe(1);
  });

  it('answers not_found for an id that does not exist', async () => {
    app = openTestApp();
    await expect(app.call('offices.get', { id: '01890000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ body: { code: 'not_found' } });
  });
});

describe('office list', () => {
  async function seedThree(a: TestApp) {
    await a.call('offices.create', riverside);
    await a.call('offices.create', { name: 'Akron Orthopaedic Partners', kind: 'physician_office', address: { city: 'Akron', state: 'OH', zip: '44308' }, phone: '330 555 0199', tier: 'B', specialties: ['Orthopaedics'], tags: ['lunch-ok'] });
    await a.call('offices.create', { name: 'Summit Urgent Care', kind: 'urgent_care', address: { city: 'Cleveland', state: 'OH', zip: '44113' }, tier: 'C', stage: 'new', ownerName: 'Maria Lopez' });
  }

  it('quick search matches name, city, ZIP, phone in any punctuation, and NPI', async () => {
    app = openTestApp();
    await seedThree(app);
    const names = async (search: string) => (await app.call('offices.list', { search })).rows.map((r) => r.name);
    expect(await names('river')).toEqual(['Riverside Family Medicine']);
    expect(await names('akron')).toEqual(['Akron Orthopaedic Partners']);
    expect(await names('44113')).toEqual(['Summit Urgent Care']);
    expect(await names('(330) 555-0199')).toEqual(['Akron Orthopaedic Partners']);
    expect(await names('1234567893')).toEqual(['Riverside Family Medicine']);
    expect(await names('care cleveland')).toEqual(['Summit Urgent Care']);
    // The liaison's name, as the list shows it.
    expect(await names('lopez')).toEqual(['Summit Urgent Care']);
    expect(await names('nothing-like-this')).toEqual([]);
  });

  it('sorts by any column both ways and pages with a stable total', async () => {
    app = openTestApp();
    await seedThree(app);
    const byCity = await app.call('offices.list', { sort: { column: 'city', desc: true } });
    expect(byCity.rows.map((r) => r.city)).toEqual(['Dayton', 'Cleveland', 'Akron']);
    const page = await app.call('offices.list', { sort: { column: 'name', desc: false }, offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 3, rows: [{ name: 'Riverside Family Medicine' }] });
  });

  it('filters per column', async () => {
    app = openTestApp();
    await seedThree(app);
    const names = async (filters: object) => (await app.call('offices.list', { filters })).rows.map((r) => r.name).sort();
    expect(await names({ kind: ['urgent_care'] })).toEqual(['Summit Urgent Care']);
    expect(await names({ tier: ['A', 'B'] })).toEqual(['Akron Orthopaedic Partners', 'Riverside Family Medicine']);
    expect(await names({ zip: '44' })).toEqual(['Akron Orthopaedic Partners', 'Summit Urgent Care']);
    const [maria] = await app.call('team.list', {});
    expect(maria).toMatchObject({ name: 'Maria Lopez', role: 'liaison' });
    expect(await names({ owner: [maria!.id] })).toEqual(['Summit Urgent Care']);
    expect(await names({ specialty: 'ortho', tag: 'lunch' })).toEqual(['Akron Orthopaedic Partners']);
    expect(await names({ name: '%' })).toEqual([]);
  });
});
