import { afterEach, describe, expect, it } from 'vitest';
import type { Compilable } from 'kysely';
import { idIn } from '../../src/main/db/idList';
import { ADDED_BY_SQL, NPI_OWNER_SQL } from '../../src/main/offices/service';
import { openTestApp, type TestApp } from '../helpers/tempApp';

let app: TestApp;
afterEach(() => app?.close());

function plan(a: TestApp, q: Compilable<unknown>): string {
  const c = q.compile();
  return (a.ctx.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
}

describe('query plans of the lookups services make on every write or open', () => {
  it('finds an office by NPI through its index (NPI uniqueness check on create and update)', () => {
    app = openTestApp();
    const detail = (app.ctx.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${NPI_OWNER_SQL}`).all('1234567893', '') as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(detail).toMatch(/USING INDEX offices_by_npi/);
  });

  it('lists the people at an office through its index, already in display order', () => {
    app = openTestApp();
    const q = app.ctx.store.q.selectFrom('people').selectAll().where('office_id', '=', 'x').where('deleted_at', 'is', null);
    expect(plan(app, q)).toMatch(/USING INDEX people_by_office/);
  });

  it('finds who added an office by a range of the log’s primary key, never a scan of the whole log', () => {
    app = openTestApp();
    const detail = (app.ctx.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${ADDED_BY_SQL}`).all('a', 'b', 'x') as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(detail).toMatch(/SEARCH c USING INDEX sqlite_autoindex_changes_1 \(hlc>\? AND hlc<\?\)/);
    expect(detail).toMatch(/SEARCH m USING INDEX sqlite_autoindex_team_members_1 \(id=\?\)/);
  });

  it('opens an office by its primary key', () => {
    app = openTestApp();
    expect(plan(app, app.ctx.store.q.selectFrom('offices').selectAll().where('id', '=', 'x'))).toMatch(/USING INDEX sqlite_autoindex_offices_1|USING PRIMARY KEY/);
  });
});

describe('fetching offices by a list of ids', () => {
  it('looks each id up by primary key, whatever the list length', () => {
    app = openTestApp();
    const q = app.ctx.store.q.selectFrom('offices').select('id').where(idIn(['a', 'b', 'c']));
    expect(plan(app, q)).toMatch(/SEARCH offices USING (COVERING )?INDEX sqlite_autoindex_offices_1 \(id=\?\)/);
    expect(plan(app, q)).not.toMatch(/SCAN offices/);
  });
});
