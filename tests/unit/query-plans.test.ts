import { afterEach, describe, expect, it } from 'vitest';
import { OfficeListQuery } from '../../src/shared/domain/office';
import { countQuery, listPageQuery } from '../../src/main/offices/queries';
import { openTestApp, type TestApp } from '../helpers/tempApp';

let app: TestApp;
afterEach(() => app?.close());

function plan(a: TestApp, q: ReturnType<typeof listPageQuery>): string {
  const c = q.compile();
  return (a.ctx.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
}

describe('office list query plans', () => {
  it.each(['name', 'city', 'zip', 'tier', 'stage', 'updatedAt'] as const)('pages sorted by %s straight off an index, with no sort step', (column) => {
    app = openTestApp();
    const p = plan(app, listPageQuery(app.ctx.store, OfficeListQuery.parse({ sort: { column, desc: true } })));
    expect(p).toMatch(/USING INDEX offices_by_/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });

  it('finds duplicates by NPI through its index', () => {
    app = openTestApp();
    const c = app.ctx.store.q.selectFrom('offices').select('id').where('npi', '=', '1234567893').compile();
    const p = app.ctx.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[];
    expect(p.map((r) => r.detail).join()).toMatch(/USING INDEX offices_by_npi/);
  });

  it('counts without touching another table', () => {
    app = openTestApp();
    const c = countQuery(app.ctx.store, OfficeListQuery.parse({ search: 'x' })).compile();
    const p = app.ctx.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[];
    expect(p.every((r) => /offices/.test(r.detail))).toBe(true);
  });
});
