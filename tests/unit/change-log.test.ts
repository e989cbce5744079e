import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/connection';
import { readChanges, replayChanges } from '../../src/main/sync/replay';
import { SYNCED_COLUMNS } from '../../src/main/sync/tables';
import { openTestApp, tempDir, type TestApp } from '../helpers/tempApp';

let app: TestApp;
afterEach(() => app?.close());

const csv = [
  'Office name,City,ZIP,NPI,Contact name,Credentials',
  'Lakeside Cardiology,Toledo,43604,1234567893,Dr. Ada Park,MD',
  'Lakeside Cardiology,Toledo,43604,1234567893,Dr. Ben Ode,DO',
  'Hilltop Clinic,Kent,44240,,,',
].join('\n');

/** Every service write there is, once each. */
async function exerciseEveryWrite(a: TestApp) {
  const o = await a.call('offices.create', { name: 'Riverside', address: { city: 'Dayton', zip: '45402' }, tags: ['x'] });
  const o2 = await a.call('offices.create', { name: 'Other' });
  await a.call('offices.update', { id: o.id, patch: { stage: 'new', address: { city: 'Dayton', zip: '45403' }, specialties: ['Cardiology'] } });
  await a.call('offices.archive', { id: o2.id });
  await a.call('offices.restore', { id: o2.id });
  await a.call('offices.archive', { id: o2.id });
  const p = await a.call('people.create', { officeId: o.id, firstName: 'Ana', lastName: 'Ruiz' });
  await a.call('people.update', { id: p.id, patch: { credentials: 'MD', email: 'ana@example.com' } });
  await a.call('people.move', { id: p.id, officeId: o2.id });
  await a.call('people.archive', { id: p.id });
  const { jobId } = await a.call('imports.commit', { csv });
  for (let i = 0; i < 100 && (await a.call('imports.status', { jobId })).state === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
  expect((await a.call('imports.status', { jobId })).state).toBe('done');
}

function dump(store: TestApp['ctx']['store']) {
  const out: Record<string, unknown[]> = {};
  for (const [tbl, cols] of Object.entries(SYNCED_COLUMNS)) {
    out[tbl] = store.sqlite.prepare(`SELECT ${cols.join(', ')} FROM ${tbl} ORDER BY id`).all();
  }
  return out;
}

describe('change log', () => {
  it('records every service write in the same transaction, column by column', async () => {
    app = openTestApp();
    await exerciseEveryWrite(app);
    const changes = readChanges(app.ctx.store);
    const inserts = changes.filter((c) => c.col === '*');
    expect(inserts.filter((c) => c.tbl === 'offices')).toHaveLength(4);
    expect(inserts.filter((c) => c.tbl === 'people')).toHaveLength(3);
    const officeUpdateCols = changes.filter((c) => c.tbl === 'offices' && c.col !== '*').map((c) => c.col);
    expect(new Set(officeUpdateCols)).toEqual(new Set(['stage', 'address', 'specialties', 'updated_at', 'archived_at']));
    // An address travels as one cell holding the whole address.
    expect(JSON.parse(JSON.parse(changes.find((c) => c.col === 'address')!.value))).toMatchObject({ city: 'Dayton', zip: '45403' });
    // Timestamps are unique and sorted in the order they were issued.
    expect(new Set(changes.map((c) => c.hlc)).size).toBe(changes.length);
    // Every changed cell has a clock entry at its latest change.
    const clock = app.ctx.store.sqlite.prepare("SELECT hlc FROM cell_clock WHERE tbl = 'offices' AND col = 'stage'").get() as { hlc: string };
    expect(clock.hlc).toBe(changes.filter((c) => c.col === 'stage').at(-1)!.hlc);
  });

  it('writes nothing to the log when an update changes nothing', async () => {
    app = openTestApp();
    const o = await app.call('offices.create', { name: 'Same', stage: 'new' });
    const before = readChanges(app.ctx.store).length;
    await app.call('offices.update', { id: o.id, patch: { name: 'Same', stage: 'new' } });
    expect(readChanges(app.ctx.store)).toHaveLength(before);
  });

  it('rebuilds exactly the same rows when replayed into an empty database', async () => {
    app = openTestApp();
    await exerciseEveryWrite(app);
    const fresh = openDatabase(tempDir());
    try {
      replayChanges(fresh.store, readChanges(app.ctx.store));
      expect(dump(fresh.store)).toEqual(dump(app.ctx.store));
      expect(dump(fresh.store).people).toHaveLength(3);
    } finally {
      fresh.store.sqlite.close();
    }
  });

  it('refuses a change naming a column outside the synced set', () => {
    const fresh = openDatabase(tempDir());
    try {
      expect(() => replayChanges(fresh.store, [{ hlc: 'x', tbl: 'offices', row_id: 'a', col: 'city', value: '"x"' }])).toThrow(/unknown column/);
      expect(() => replayChanges(fresh.store, [{ hlc: 'x', tbl: 'sqlite_master', row_id: 'a', col: 'name', value: '"x"' }])).toThrow(/unknown table/);
    } finally {
      fresh.store.sqlite.close();
    }
  });

  it('keeps its node id on reopen and makes a new one when the file moves', async () => {
    app = openTestApp();
    await app.call('offices.create', { name: 'One' });
    const node = (app.ctx.store.sqlite.prepare("SELECT value FROM meta WHERE key = 'hlc_node'").get() as { value: string }).value;
    const last = readChanges(app.ctx.store).at(-1)!.hlc;
    app.close();
    app = openTestApp(app.dir);
    await app.call('offices.create', { name: 'Two' });
    const after = readChanges(app.ctx.store).at(-1)!.hlc;
    expect(after.endsWith(node)).toBe(true);
    expect(after > last).toBe(true);
  });
});
