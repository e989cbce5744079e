import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/tempApp';

let app: TestApp;
afterEach(() => app?.close());

describe('people at offices', () => {
  it('adds physicians and staff, lists them on the office, and moves a person to another office', async () => {
    app = openTestApp();
    const a = await app.call('offices.create', { name: 'Office A' });
    const b = await app.call('offices.create', { name: 'Office B' });
    const doc = await app.call('people.create', { officeId: a.id, kind: 'physician', firstName: 'Ana', lastName: 'Ruiz', credentials: 'MD', npi: '1234567893', role: 'front_desk' });
    const staff = await app.call('people.create', { officeId: a.id, kind: 'staff', firstName: 'Bo', lastName: 'Kim' });
    expect(doc.role).toBeNull();
    expect(staff.role).toBe('other');
    expect((await app.call('offices.get', { id: a.id })).people.map((p) => p.lastName)).toEqual(['Ruiz', 'Kim']);

    const moved = await app.call('people.move', { id: doc.id, officeId: b.id });
    expect(moved.officeId).toBe(b.id);
    expect((await app.call('offices.get', { id: a.id })).people.map((p) => p.lastName)).toEqual(['Kim']);
    expect((await app.call('offices.get', { id: b.id })).people.map((p) => p.id)).toEqual([doc.id]);
  });

  it('archives and restores a person, listing archived people last', async () => {
    app = openTestApp();
    const a = await app.call('offices.create', { name: 'Office A' });
    const p1 = await app.call('people.create', { officeId: a.id, firstName: 'Ana', lastName: 'Adams' });
    await app.call('people.create', { officeId: a.id, firstName: 'Zed', lastName: 'Zimmer' });
    await app.call('people.archive', { id: p1.id });
    const people = (await app.call('offices.get', { id: a.id })).people;
    expect(people.map((p) => [p.lastName, p.archivedAt !== null])).toEqual([['Zimmer', false], ['Adams', true]]);
    await app.call('people.restore', { id: p1.id });
    expect((await app.call('offices.get', { id: a.id })).people[0]?.lastName).toBe('Adams');
  });

  it('refuses a person for an office that does not exist', async () => {
    app = openTestApp();
    await expect(app.call('people.create', { officeId: '01890000-0000-7000-8000-000000000000', firstName: 'A', lastName: 'B' })).rejects.toMatchObject({
      body: { code: 'not_found' },
    });
  });

  it("keeps a staff member's role when an edit changes only other fields, and drops it when they become a physician or clinician", async () => {
    app = openTestApp();
    const o = await app.call('offices.create', { name: 'Role Clinic' });
    const p = await app.call('people.create', { officeId: o.id, kind: 'staff', role: 'office_manager', firstName: 'Kim', lastName: 'Lee' });
    expect((await app.call('people.update', { id: p.id, patch: { phone: '330 555 0123' } })).role).toBe('office_manager');
    expect((await app.call('people.update', { id: p.id, patch: { firstName: 'Kimberly' } })).role).toBe('office_manager');
    expect((await app.call('people.update', { id: p.id, patch: { kind: 'physician' } })).role).toBeNull();
    expect((await app.call('people.update', { id: p.id, patch: { kind: 'staff' } })).role).toBe('other');
    // Nurse practitioners, physician assistants and therapists see patients: no staff role either.
    expect(await app.call('people.update', { id: p.id, patch: { kind: 'clinician', credentials: 'NP' } })).toMatchObject({ kind: 'clinician', role: null, credentials: 'NP' });
  });
});
