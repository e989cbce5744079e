import { afterEach, describe, expect, it } from 'vitest';
import { applyRemote } from '../../src/main/db/applyRemote';
import { TABLES } from '../../src/main/db/tables';
import { readChanges } from '../../src/main/sync/changes';
import { openTestApp, type TestApp } from '../helpers/tempApp';

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
  await a.call('team.setMe', { name: 'Dana Whitfield', role: 'liaison' });
  const tom = await a.call('team.create', { name: 'Tom Okafor', email: 'tom@practice.example' });
  await a.call('team.update', { id: tom.id, patch: { role: 'manager' } });
  await a.call('team.deactivate', { id: tom.id });
  await a.call('offices.update', { id: o.id, patch: { ownerName: 'Keisha Brown' } });
  const { jobId } = await a.call('imports.commit', { csv });
  for (let i = 0; i < 100 && (await a.call('imports.status', { jobId })).state === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
  expect((await a.call('imports.status', { jobId })).state).toBe('done');
}

function dump(store: TestApp['ctx']['store']) {
  const out: Record<string, unknown[]> = {};
  for (const [tbl, spec] of Object.entries(TABLES)) {
    out[tbl] = store.sqlite.prepare(`SELECT ${spec.columns.join(', ')} FROM ${tbl} ORDER BY id`).all();
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
    expect(new Set(officeUpdateCols)).toEqual(new Set(['stage', 'address', 'specialties', 'updated_at', 'archived_at', 'owner_id']));
    expect(inserts.filter((c) => c.tbl === 'team_members')).toHaveLength(3);
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

  it('rebuilds exactly the same rows when its changes are applied to an empty database as pulled changes', async () => {
    app = openTestApp();
    await exerciseEveryWrite(app);
    const fresh = openTestApp();
    try {
      const result = applyRemote(fresh.ctx, readChanges(app.ctx.store));
      expect(result.refused).toEqual([]);
      expect(result.pending).toBe(0);
      expect(dump(fresh.ctx.store)).toEqual(dump(app.ctx.store));
      expect(dump(fresh.ctx.store).people).toHaveLength(3);
      expect(dump(fresh.ctx.store).team_members).toHaveLength(3);
      // Pulled changes keep who made them.
      expect(readChanges(fresh.ctx.store)).toEqual(readChanges(app.ctx.store));
      expect(new Set(readChanges(fresh.ctx.store).map((c) => c.actor)).size).toBe(2);
      // What was pulled is marked so, and is not in the receiver's outbox.
      const sources = fresh.ctx.store.sqlite.prepare('SELECT source, count(*) AS n FROM changes GROUP BY source').all();
      expect(sources).toEqual([{ source: 'remote', n: readChanges(app.ctx.store).length }]);
    } finally {
      fresh.close();
    }
  });

  it('refuses a pulled change naming an internal table or a computed column, and applies the rest', async () => {
    app = openTestApp();
    const o = await app.call('offices.create', { name: 'Kept' });
    const other = openTestApp();
    try {
      applyRemote(other.ctx, readChanges(app.ctx.store));
      const now = String(Date.now()).padStart(15, '0');
      const hlc = (n: number) => `${now}-00000${n}-abcdefabcdefabcd`;
      const result = applyRemote(other.ctx, [
        { hlc: hlc(1), tbl: 'offices', row_id: o.id, col: 'city', value: '"Nowhere"' },
        { hlc: hlc(2), tbl: 'sqlite_master', row_id: 'a', col: 'name', value: '"x"' },
        { hlc: hlc(3), tbl: 'changes', row_id: 'a', col: 'value', value: '"x"' },
        { hlc: hlc(4), tbl: 'cell_clock', row_id: 'a', col: 'hlc', value: '"x"' },
        { hlc: hlc(5), tbl: 'meta', row_id: 'a', col: 'value', value: '"x"' },
        { hlc: hlc(6), tbl: 'offices', row_id: o.id, col: 'name', value: '"Renamed"' },
      ]);
      expect(result.refused.map((r) => r.hlc)).toEqual([hlc(1), hlc(2), hlc(3), hlc(4), hlc(5)]);
      expect(result.applied).toBe(1);
      expect(other.ctx.store.sqlite.prepare('SELECT name, city FROM offices').get()).toEqual({ name: 'Renamed', city: null });
      // Refused changes are not logged: nothing of them can come back.
      expect(other.ctx.store.sqlite.prepare("SELECT count(*) AS n FROM changes WHERE tbl != 'offices' OR col = 'city'").get()).toEqual({ n: 0 });
    } finally {
      other.close();
    }
  });

  it('gives every process that writes its own node id, and never goes back in time on reopen', async () => {
    app = openTestApp();
    await app.call('offices.create', { name: 'One' });
    const last = readChanges(app.ctx.store).at(-1)!.hlc;
    app.close();
    app = openTestApp(app.dir);
    await app.call('offices.create', { name: 'Two' });
    const after = readChanges(app.ctx.store).at(-1)!.hlc;
    const node = (hlc: string) => hlc.split('-').at(-1);
    expect(node(after)).not.toBe(node(last));
    expect(after > last).toBe(true);
  });
});
