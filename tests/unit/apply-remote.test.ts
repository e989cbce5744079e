import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/main/context';
import { applyRemote, retryPending, type RemoteChange } from '../../src/main/db/applyRemote';
import { TABLES, type Registry } from '../../src/main/db/tables';
import { readChanges } from '../../src/main/sync/changes';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();

/** Timestamps another device would issue: `ms` milliseconds from now, its own node id. */
const base = Date.now();
const remoteHlc = (ms: number, counter = 0, node = 'abcdefabcdefabcd') => `${String(base + ms).padStart(15, '0')}-${counter.toString(16).padStart(6, '0')}-${node}`;

const officeRow = (id: string, name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, name, kind: 'physician_office', specialties: '[]', address: '{}', stage: 'prospect', tags: '[]', created_at: 'x', updated_at: 'x', ...extra });

const ID = '0190a5b0-0000-7000-8000-00000000000a';
const row = (a: TestApp, cols = 'name, phone') => a.ctx.store.sqlite.prepare(`SELECT ${cols} FROM offices WHERE id = ?`).get(ID);
const pendingCount = (a: TestApp) => (a.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM pending_changes').get() as { n: number }).n;

describe('applying pulled changes', () => {
  it('is a no-op the second time the same changes arrive', () => {
    const a = open();
    const batch: RemoteChange[] = [
      { hlc: remoteHlc(-1000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside'), server_seq: 1 },
      { hlc: remoteHlc(-900), tbl: 'offices', row_id: ID, col: 'phone', value: '"(614) 555-0100"', server_seq: 2 },
    ];
    expect(applyRemote(a.ctx, batch)).toMatchObject({ applied: 2, duplicate: 0 });
    const log = readChanges(a.ctx.store);
    expect(applyRemote(a.ctx, batch)).toMatchObject({ applied: 0, duplicate: 2, stale: 0 });
    expect(readChanges(a.ctx.store)).toEqual(log);
    expect(row(a)).toEqual({ name: 'Northside', phone: '(614) 555-0100' });
  });

  it('merges two inserts of one derived id cell by cell, the later insert winning, whichever arrives first', () => {
    // Two devices made the same row (an id derived from what it is); a later edit on the first still wins over the second insert.
    const first: RemoteChange = { hlc: remoteHlc(-3000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside', { phone: '111' }) };
    const second: RemoteChange = { hlc: remoteHlc(-2000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside Clinic', { notes: 'from b' }) };
    const edit: RemoteChange = { hlc: remoteHlc(-1000), tbl: 'offices', row_id: ID, col: 'name', value: '"Northside Ortho"' };
    const orders = [[first, second, edit], [second, first, edit], [edit, second, first], [second, edit, first]];
    const rows = orders.map((order) => {
      const a = open();
      for (const c of order) applyRemote(a.ctx, [c]);
      return row(a, 'name, phone, notes');
    });
    expect(rows[0]).toEqual({ name: 'Northside Ortho', phone: null, notes: 'from b' });
    for (const r of rows) expect(r).toEqual(rows[0]);
  });

  it('never lets an older remote cell overwrite a newer local one, and a newer one wins', async () => {
    const a = open();
    applyRemote(a.ctx, [{ hlc: remoteHlc(-5000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside') }]);
    await a.call('offices.update', { id: ID, patch: { name: 'Northside Urgent Care' } });
    // Edited on another device before ours (an older clock), pulled after.
    const r = applyRemote(a.ctx, [
      { hlc: remoteHlc(-4000), tbl: 'offices', row_id: ID, col: 'name', value: '"Northside UC"' },
      { hlc: remoteHlc(-4000, 1), tbl: 'offices', row_id: ID, col: 'phone', value: '"(614) 555-0199"' },
    ]);
    expect(r).toMatchObject({ applied: 1, stale: 1 });
    expect(row(a)).toEqual({ name: 'Northside Urgent Care', phone: '(614) 555-0199' });
    // A later edit elsewhere wins over ours.
    applyRemote(a.ctx, [{ hlc: remoteHlc(60_000), tbl: 'offices', row_id: ID, col: 'name', value: '"Northside Clinic"' }]);
    expect(row(a)).toEqual({ name: 'Northside Clinic', phone: '(614) 555-0199' });
    // Our next edit is stamped after the newest change we have seen, so it wins in turn.
    await a.call('offices.update', { id: ID, patch: { name: 'Ours again' } });
    const last = readChanges(a.ctx.store).at(-1)!;
    expect(last.hlc > remoteHlc(60_000)).toBe(true);
  });

  it('refuses a clock more than five minutes ahead, applying nothing of the batch', () => {
    const a = open();
    expect(() =>
      applyRemote(a.ctx, [
        { hlc: remoteHlc(-1000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Fine') },
        { hlc: remoteHlc(10 * 60_000), tbl: 'offices', row_id: ID, col: 'name', value: '"From the future"' },
      ]),
    ).toThrow(/more than 5 minutes ahead/);
    expect(row(a)).toBeUndefined();
  });

  it('keeps a change naming a column or table this build does not know, applies the rest, and lands it after the migration that adds it', () => {
    const a = open();
    const parked = applyRemote(a.ctx, [
      { hlc: remoteHlc(-3000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside', { parking_notes: 'Use the back lot' }) },
      { hlc: remoteHlc(-2000), tbl: 'offices', row_id: ID, col: 'parking_notes', value: '"Back lot, level 2"' },
      { hlc: remoteHlc(-1500), tbl: 'future_notes', row_id: 't1', col: '*', value: JSON.stringify({ id: 't1', office_id: ID, kind: 'call' }) },
      { hlc: remoteHlc(-1000), tbl: 'offices', row_id: ID, col: 'phone', value: '"(614) 555-0100"' },
    ]);
    expect(parked).toMatchObject({ applied: 2, pending: 2, refused: [] });
    expect(row(a)).toEqual({ name: 'Northside', phone: '(614) 555-0100' });
    expect(pendingCount(a)).toBe(3); // the insert's unknown cell, the later edit of it, the unknown table's row
    // Start-up retries do nothing while this build still lacks them.
    expect(retryPending(a.ctx)).toBe(0);

    // A later build: a migration adds the column and the table, and the registry declares them.
    a.ctx.store.sqlite.exec(`ALTER TABLE offices ADD COLUMN parking_notes TEXT`);
    a.ctx.store.sqlite.exec(`CREATE TABLE future_notes (id TEXT PRIMARY KEY, office_id TEXT NOT NULL, kind TEXT NOT NULL) STRICT`);
    const tables: Registry = {
      ...TABLES,
      offices: { ...TABLES.offices, columns: [...TABLES.offices.columns, 'parking_notes'] },
      future_notes: { policy: 'append-only', noun: 'note', columns: ['id', 'office_id', 'kind'], computed: [] },
    };
    const later: Ctx = { ...a.ctx, tables };
    expect(retryPending(later)).toBe(3);
    expect(row(a, 'name, phone, parking_notes')).toEqual({ name: 'Northside', phone: '(614) 555-0100', parking_notes: 'Back lot, level 2' });
    expect(a.ctx.store.sqlite.prepare('SELECT id, kind FROM future_notes').all()).toEqual([{ id: 't1', kind: 'call' }]);
    expect(pendingCount(a)).toBe(0);
  });

  it('parks an edit whose row has not arrived and applies it once the row does', () => {
    const a = open();
    applyRemote(a.ctx, [{ hlc: remoteHlc(-2000), tbl: 'offices', row_id: ID, col: 'phone', value: '"(614) 555-0100"' }]);
    expect(pendingCount(a)).toBe(1);
    applyRemote(a.ctx, [{ hlc: remoteHlc(-3000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside') }]);
    expect(row(a)).toEqual({ name: 'Northside', phone: '(614) 555-0100' });
    expect(pendingCount(a)).toBe(0);
  });

  it('refuses a change that cannot apply and still applies the rest of the pull, which later pulls are not blocked by', () => {
    const a = open();
    const OTHER = '0190a5b0-0000-7000-8000-00000000000b';
    const result = applyRemote(a.ctx, [
      { hlc: remoteHlc(-9000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside') },
      { hlc: remoteHlc(-8000), tbl: 'offices', row_id: ID, col: 'name', value: 'null' }, // breaks NOT NULL
      { hlc: remoteHlc(-7000), tbl: 'offices', row_id: ID, col: 'phone', value: '{"not":"a cell"}' },
      { hlc: remoteHlc(-6000), tbl: 'offices', row_id: ID, col: 'notes', value: 'not json' },
      { hlc: remoteHlc(-5000), tbl: 'offices', row_id: OTHER, col: '*', value: officeRow(OTHER, 'Sneaky', { city: 'Computed' }) },
      { hlc: remoteHlc(-4500), tbl: 'offices', row_id: ID, col: '*', value: JSON.stringify([1, 2]) },
      { hlc: remoteHlc(-4000), tbl: 'constructor', row_id: ID, col: 'name', value: '"x"' },
      { hlc: remoteHlc(-3500), tbl: '__proto__', row_id: ID, col: '*', value: '{}' },
      { hlc: remoteHlc(-3000), tbl: 'future_notes', row_id: 'v1', col: 'notes', value: 'no json here' }, // unknown table, bad value: refused, not parked
      { hlc: remoteHlc(-2000), tbl: 'offices', row_id: ID, col: 'phone', value: '"(614) 555-0100"' },
    ]);
    expect(result.applied).toBe(2);
    // 'constructor' and '__proto__' are tables this build does not have (not Object's own keys): parked.
    expect(result.pending).toBe(2);
    expect(result.refused.map((r) => r.hlc)).toEqual([-8000, -7000, -6000, -5000, -4500, -3000].map((ms) => remoteHlc(ms)));
    expect(row(a)).toEqual({ name: 'Northside', phone: '(614) 555-0100' });
    expect(a.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM offices').get()).toEqual({ n: 1 });
    // Nothing of the refused changes was kept, so they cannot come back; the next pull goes through.
    expect(readChanges(a.ctx.store).map((c) => c.hlc)).toEqual([remoteHlc(-9000), remoteHlc(-4000), remoteHlc(-3500), remoteHlc(-2000)]);
    expect(applyRemote(a.ctx, [{ hlc: remoteHlc(-1000), tbl: 'offices', row_id: ID, col: 'notes', value: '"Fine"' }]).applied).toBe(1);
  });

  it('fails the whole pull, applying nothing, when the trouble is this machine and not the change', () => {
    const a = open();
    const setClock = a.ctx.changes.setClock.bind(a.ctx.changes);
    a.ctx.changes.setClock = () => {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    };
    expect(() =>
      applyRemote(a.ctx, [
        { hlc: remoteHlc(-3000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside') },
        { hlc: remoteHlc(-2000), tbl: 'offices', row_id: ID, col: 'phone', value: '"(614) 555-0100"' },
      ]),
    ).toThrow('disk I/O error');
    expect(row(a)).toBeUndefined();
    expect(readChanges(a.ctx.store)).toEqual([]);
    // Retried once the machine is well again, it all lands.
    a.ctx.changes.setClock = setClock;
    expect(
      applyRemote(a.ctx, [
        { hlc: remoteHlc(-3000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside') },
        { hlc: remoteHlc(-2000), tbl: 'offices', row_id: ID, col: 'phone', value: '"(614) 555-0100"' },
      ]).applied,
    ).toBe(2);
  });

  it('parks a person whose office has not arrived yet and adds them once it does', () => {
    const a = open();
    const P = '0190a5b0-0000-7000-8000-00000000000c';
    const person = JSON.stringify({ office_id: ID, kind: 'physician', first_name: 'Ada', last_name: 'Park', created_at: 'x', updated_at: 'x' });
    expect(applyRemote(a.ctx, [{ hlc: remoteHlc(-2000), tbl: 'people', row_id: P, col: '*', value: person }])).toMatchObject({ pending: 1, refused: [] });
    expect(applyRemote(a.ctx, [{ hlc: remoteHlc(-3000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside') }])).toMatchObject({ applied: 1 });
    expect(a.ctx.store.sqlite.prepare('SELECT first_name, office_id FROM people').all()).toEqual([{ first_name: 'Ada', office_id: ID }]);
    expect(pendingCount(a)).toBe(0);
  });

  it('keeps a parked change that still cannot apply after the upgrade, with its reason, and later pulls still go through', () => {
    const a = open();
    applyRemote(a.ctx, [
      { hlc: remoteHlc(-3000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Northside') },
      { hlc: remoteHlc(-2000), tbl: 'offices', row_id: ID, col: 'visits_per_year', value: '"twelve"' },
    ]);
    a.ctx.store.sqlite.exec(`ALTER TABLE offices ADD COLUMN visits_per_year INTEGER`);
    const later: Ctx = { ...a.ctx, tables: { ...TABLES, offices: { ...TABLES.offices, columns: [...TABLES.offices.columns, 'visits_per_year'] } } };
    expect(retryPending(later)).toBe(0);
    expect(a.ctx.store.sqlite.prepare('SELECT col, reason FROM pending_changes').all()).toEqual([
      { col: 'visits_per_year', reason: expect.stringMatching(/^cannot be applied: cannot store TEXT value in INTEGER column/) },
    ]);
    // Later pulls still work beside it.
    expect(applyRemote(later, [{ hlc: remoteHlc(-1000), tbl: 'offices', row_id: ID, col: 'visits_per_year', value: '12' }]).applied).toBe(1);
    expect(row(a, 'visits_per_year')).toEqual({ visits_per_year: 12 });
  });

  it('announces pulled rows to read models: the office list shows them', async () => {
    const a = open();
    expect((await a.call('offices.list', {})).total).toBe(0);
    applyRemote(a.ctx, [{ hlc: remoteHlc(-1000), tbl: 'offices', row_id: ID, col: '*', value: officeRow(ID, 'Pulled Office') }]);
    expect((await a.call('offices.list', { search: 'pulled' })).rows.map((r) => r.name)).toEqual(['Pulled Office']);
  });

  it('converges: two devices that exchange their changes in any order hold the same rows (property)', async () => {
    // Each step: which device edits, which column, what value. Then both apply the other's log,
    // each in an arbitrary order, and must agree cell for cell.
    const step = fc.record({ device: fc.integer({ min: 0, max: 1 }), col: fc.constantFrom('name', 'notes', 'ownerName', 'lunchPrefs'), value: fc.stringMatching(/^[a-z]{1,8}$/) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 1000 }), async (steps, seed) => {
        const devices = [open(), open()] as const;
        const o = await devices[0].call('offices.create', { name: 'Shared' });
        applyRemote(devices[1].ctx, readChanges(devices[0].ctx.store));
        for (const s of steps) await devices[s.device as 0 | 1].call('offices.update', { id: o.id, patch: { [s.col]: s.value } });
        const logs = devices.map((d) => readChanges(d.ctx.store));
        const shuffle = <T,>(xs: T[]) => xs.map((x, i) => ({ x, k: (i * 7919 + seed) % 1009 })).sort((p, q) => p.k - q.k).map((p) => p.x);
        applyRemote(devices[0].ctx, shuffle(logs[1]!));
        applyRemote(devices[1].ctx, shuffle(logs[0]!));
        const cells = (d: TestApp) => d.ctx.store.sqlite.prepare('SELECT name, notes, owner_id, lunch_prefs, updated_at FROM offices').get();
        expect(cells(devices[0])).toEqual(cells(devices[1]));
        for (const d of devices) d.close();
      }),
      { numRuns: 25 },
    );
  });
});
