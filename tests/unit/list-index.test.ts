import { afterEach, describe, expect, it } from 'vitest';
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
