import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { softDeleteRow } from '../../src/main/db/writePath';
import { OfficeListIndex } from '../../src/main/offices/listIndex';
import { officeRowFromRecord, type OfficeListRecord } from '../../src/main/offices/rows';
import { compareEntries, listEntry, officePredicate, sortKey } from '../../src/shared/officeSearch';
import { OfficeListQuery } from '../../src/shared/domain/office';
import { openTestApp, type TestApp } from '../helpers/tempApp';

let app: TestApp;
afterEach(() => app?.close());

describe('office list read model', () => {
  it('sees creates, edits, archives and rolled-back imports without going stale', async () => {
    app = openTestApp();
    const names = async (q: object = {}) => (await app.call('offices.list', q)).rows.map((r) => r.name);
    const a = await app.call('offices.create', { name: 'Bravo' });
    expect(await names()).toEqual(['Bravo']);
    await app.call('offices.create', { name: 'alpha' });
    expect(await names()).toEqual(['alpha', 'Bravo']);
    expect(await names({ search: 'brav' })).toEqual(['Bravo']);
    await app.call('offices.update', { id: a.id, patch: { name: 'Aardvark' } });
    expect(await names()).toEqual(['Aardvark', 'alpha']);
    expect(await names({ search: 'brav' })).toEqual([]);
    expect(await names({ search: 'aard' })).toEqual(['Aardvark']);
    await app.call('offices.archive', { id: a.id });
    expect(await names()).toEqual(['alpha']);

    app.ctx.store.sqlite.exec(`CREATE TRIGGER boom BEFORE INSERT ON offices WHEN NEW.name = 'Last' BEGIN SELECT RAISE(ABORT, 'no'); END`);
    const { jobId } = await app.call('imports.commit', { csv: ['Office name', ...Array.from({ length: 1500 }, (_, i) => `Row ${i}`), 'Last'].join('\n') });
    // Mid-import the list may show the uncommitted rows; after the rollback it must not.
    while ((await app.call('imports.status', { jobId })).state === 'running') {
      await names();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await names()).toEqual(['alpha']);
  });

  it('sorts tiers A to C and stages in relationship order, blanks last both ways', async () => {
    app = openTestApp();
    await app.call('offices.create', { name: 'n1', tier: 'C', stage: 'dormant' });
    await app.call('offices.create', { name: 'n2', stage: 'prospect' });
    await app.call('offices.create', { name: 'n3', tier: 'A', stage: 'established' });
    await app.call('offices.create', { name: 'n4', tier: 'B', stage: 'new' });
    const by = async (column: 'tier' | 'stage', desc: boolean) =>
      (await app.call('offices.list', { sort: { column, desc } })).rows.map((r) => r.name);
    expect(await by('tier', false)).toEqual(['n3', 'n4', 'n1', 'n2']);
    expect(await by('tier', true)).toEqual(['n1', 'n4', 'n3', 'n2']);
    expect(await by('stage', false)).toEqual(['n2', 'n4', 'n3', 'n1']);
  });
});

/** The list by the shared rules alone, the slow obvious way: every row, filtered, sorted. */
function reference(a: TestApp, q: ReturnType<typeof OfficeListQuery.parse>): string[] {
  const rows = a.ctx.store.sqlite
    .prepare('SELECT id, name, kind, specialties, phone, npi, tier, stage, owner_id, tags, updated_at, archived_at, city, state, zip FROM offices WHERE deleted_at IS NULL')
    .all() as OfficeListRecord[];
  const names = new Map((a.ctx.store.sqlite.prepare('SELECT id, name FROM team_members').all() as { id: string; name: string }[]).map((m) => [m.id, m.name]));
  const test = officePredicate(q.search, q.filters, q.includeArchived);
  return rows
    .map((r) => listEntry(officeRowFromRecord(r, (id) => names.get(id) ?? null)))
    .filter(test)
    .sort((x, y) => compareEntries(sortKey(x, q.sort.column), x.row.id, sortKey(y, q.sort.column), y.row.id, q.sort.desc))
    .slice(q.offset, q.offset + q.limit)
    .map((e) => e.row.id);
}

describe('office list read model, kept current by the change feed', () => {
  const QUERIES = [
    {},
    { sort: { column: 'name', desc: true } },
    { sort: { column: 'city', desc: false } },
    { sort: { column: 'tier', desc: true }, includeArchived: true },
    { search: 'a' },
    { search: 'ri', filters: { stage: ['new'] } },
    { search: 'e ri', sort: { column: 'name', desc: true } },
    { sort: { column: 'owner', desc: false } },
    { search: 'ma', sort: { column: 'owner', desc: true } },
  ] satisfies OfficeListQuery[];

  it('answers exactly as a freshly loaded model after any sequence of creates, edits, archives and deletes (property)', async () => {
    const name = fc.stringMatching(/^[A-Za-zÉé ]{1,6}$/).filter((s) => s.trim() !== '');
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), name, city: fc.constantFrom('Akron', 'Erie', 'Rimini', null), tier: fc.constantFrom('A', 'B', null) }),
      fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name }),
      fc.record({ kind: fc.constant('stage' as const), at: fc.nat(), stage: fc.constantFrom('new', 'established') }),
      fc.record({ kind: fc.constant('archive' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('owner' as const), at: fc.nat(), who: fc.constantFrom('Dana Ames', 'Tom Marsh', null) }),
      // A teammate renamed: the offices they own list, sort and match by the new name.
      fc.record({ kind: fc.constant('member' as const), at: fc.nat(), name }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const a = openTestApp();
        try {
          const ids: string[] = [];
          for (let k = 0; k < ops.length; k++) {
            const o = ops[k]!;
            // Query between writes so the model is built and then updated, not loaded once at the end.
            if (k % 3 === 0) await a.call('offices.list', QUERIES[k % QUERIES.length]!);
            if (o.kind === 'create') {
              ids.push((await a.call('offices.create', { name: o.name, address: { city: o.city }, tier: o.tier })).id);
              continue;
            }
            if (ids.length === 0) continue;
            const id = ids[o.at % ids.length]!;
            if (o.kind === 'rename') await a.call('offices.update', { id, patch: { name: o.name } });
            if (o.kind === 'stage') await a.call('offices.update', { id, patch: { stage: o.stage } });
            if (o.kind === 'archive') await a.call('offices.archive', { id });
            if (o.kind === 'owner') await a.call('offices.update', { id, patch: o.who ? { ownerName: o.who } : { ownerId: null } });
            if (o.kind === 'member') {
              const team = await a.call('team.list', {});
              // Taken by the other member: refused, and nothing changes.
              if (team.length) await a.call('team.update', { id: team[o.at % team.length]!.id, patch: { name: o.name } }).catch(() => {});
            }
            if (o.kind === 'delete') {
              softDeleteRow(a.ctx, 'offices', id);
              ids.splice(ids.indexOf(id), 1);
            }
          }
          const fresh = new OfficeListIndex(a.ctx.store);
          for (const q of QUERIES) {
            const parsed = OfficeListQuery.parse(q);
            const rows = (await a.call('offices.list', q)).rows;
            const shown = rows.map((r) => r.id);
            expect(rows).toEqual(fresh.query(parsed).rows);
            expect(shown).toEqual(reference(a, parsed));
          }
        } finally {
          a.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps every sort order right when several offices change before the next list', async () => {
    app = openTestApp();
    const ids: Record<string, string> = {};
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) ids[n] = (await app.call('offices.create', { name: n })).id;
    // Not the first screen (that comes from SQLite while the model loads): this builds the model.
    const names = async () => (await app.call('offices.list', { includeArchived: true })).rows.map((r) => r.name);
    expect(await names()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    // Two edits, one list: each must land in place while the other has moved too.
    await app.call('offices.update', { id: ids.a!, patch: { name: 'f5' } });
    await app.call('offices.update', { id: ids.e!, patch: { name: 'zz' } });
    expect(await names()).toEqual(['b', 'c', 'd', 'f', 'f5', 'g', 'zz']);
    await app.call('offices.update', { id: ids.b!, patch: { name: 'h' } });
    expect(await names()).toEqual(['c', 'd', 'f', 'f5', 'g', 'h', 'zz']);
  });

  it('never shows rows of an import that has not committed, whether loading, serving the first screen or applying edits, and nothing of one that rolls back', async () => {
    app = openTestApp();
    const kept = await app.call('offices.create', { name: 'Kept Clinic' });
    app.ctx.store.sqlite.exec(`CREATE TRIGGER boom BEFORE INSERT ON offices WHEN NEW.name = 'Last' BEGIN SELECT RAISE(ABORT, 'no'); END`);
    const csv = ['Office name', ...Array.from({ length: 2500 }, (_, i) => `Row ${i}`), 'Last'].join('\n');
    // The model has never been asked for anything: the first screen and the first search come mid-import.
    const { jobId } = await app.call('imports.commit', { csv });
    let sawImportRows = false;
    let polls = 0;
    while ((await app.call('imports.status', { jobId })).state === 'running') {
      sawImportRows ||= (await app.call('offices.list', {})).total > 1;
      sawImportRows ||= (await app.call('offices.list', { search: 'row' })).total > 0;
      polls++;
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(polls).toBeGreaterThan(0);
    // Reads go to the read-only connection, which WAL shows only committed data.
    expect(sawImportRows).toBe(false);
    expect((await app.call('offices.list', {})).rows.map((r) => r.name)).toEqual(['Kept Clinic']);
    expect((await app.call('offices.list', { search: 'row' })).total).toBe(0);

    // An update-mode import that rolls back: edits read mid-import are forgotten too.
    const { jobId: second } = await app.call('imports.commit', { csv: ['Office name,Notes', 'Kept Clinic,Changed by the import', ...Array.from({ length: 1500 }, (_, i) => `More ${i},x`), 'Last,x'].join('\n'), duplicateMode: 'update' });
    await app.call('offices.update', { id: kept.id, patch: { notes: 'Before' } }).catch(() => {}); // refused while the import runs
    while ((await app.call('imports.status', { jobId: second })).state === 'running') {
      await app.call('offices.list', { search: 'kept' });
      await new Promise((r) => setTimeout(r, 1));
    }
    expect((await app.call('offices.list', {})).rows.map((r) => r.name)).toEqual(['Kept Clinic']);
  });

  it('serves the first screen from SQLite while loading, in the same order the model will use', async () => {
    for (const names of [
      ['Zeta Clinic', 'élan Health', 'Alpha Care', 'Éclair Ortho', 'alpha care', 'Beta', 'Ärzte Haus', 'zeta clinic'], // sorted in JS
      ['Zeta Clinic', 'alpha care', 'Alpha Care', 'Beta', 'BETA', 'delta', 'Gamma', 'zeta clinic', '_under', '~tilde', '9 Nine'], // plain ASCII: SQLite sorts
      ['Beta', 'alpha', 'BLANK', 'Gamma'], // a blank name: sorted in JS, blanks last both ways
    ]) {
      const a = openTestApp();
      try {
        for (const n of names) await a.call('offices.create', { name: n });
        // A blank name can only arrive from elsewhere (a pull); the model sorts blanks last either way.
        if (names.includes('BLANK')) a.ctx.store.sqlite.exec(`UPDATE offices SET name = '' WHERE name = 'BLANK'`);
        const archived = await a.call('offices.create', { name: 'Archived One' });
        await a.call('offices.archive', { id: archived.id });
        for (const desc of [false, true]) {
          for (const offset of [0, 3]) {
            const loading = new OfficeListIndex(a.ctx.store);
            const q = OfficeListQuery.parse({ limit: 4, offset, sort: { column: 'name', desc } });
            const early = loading.query(q);
            expect(loading.ready).toBe(false);
            await loading.warm();
            expect(loading.ready).toBe(true);
            expect(early).toEqual(loading.query(q));
            expect(early.total).toBe(names.length);
          }
        }
      } finally {
        a.close();
      }
    }
  });
});
