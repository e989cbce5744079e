import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRemote, type RemoteChange } from '../../src/main/db/applyRemote';
import { SqliteDatabase as Database } from '../../src/main/db/driver';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { readOutbox } from '../../src/main/sync/changes';
import { memberIdForName } from '../../src/shared/team/memberId';
import { appsClosedAfterEach, openTestApp, tempDir, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();

const base = Date.now() - 60_000;
const hlc = (ms: number, node = 'abcdefabcdefabcd') => `${String(base + ms).padStart(15, '0')}-000000-${node}`;
const ids = ['0190a5b0-0000-7000-8000-000000000001', '0190a5b0-0000-7000-8000-000000000002', '0190a5b0-0000-7000-8000-000000000003', '0190a5b0-0000-7000-8000-000000000004'];

/** An office as a build before team members logged its insert: the liaison as free text in `owner`. */
const oldInsert = (ms: number, id: string, name: string, owner?: string | null): RemoteChange => ({
  hlc: hlc(ms),
  tbl: 'offices',
  row_id: id,
  col: '*',
  value: JSON.stringify({ name, kind: 'other', specialties: '[]', address: '{}', stage: 'new', tags: '[]', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', ...(owner === undefined ? {} : { owner }) }),
});
const oldOwnerEdit = (ms: number, id: string, owner: string | null): RemoteChange => ({ hlc: hlc(ms), tbl: 'offices', row_id: id, col: 'owner', value: JSON.stringify(owner) });

const rows = (a: TestApp) => ({
  members: a.ctx.store.sqlite.prepare('SELECT id, name, role, email, active, created_at, updated_at, deleted_at FROM team_members ORDER BY id').all(),
  offices: a.ctx.store.sqlite.prepare('SELECT id, name, owner_id FROM offices ORDER BY id').all(),
});

describe('changes from builds before team members', () => {
  it('replaying an old-format log turns each owner text into the member by that name, parks nothing and pushes nothing', () => {
    const a = open();
    const result = applyRemote(a.ctx, [
      oldInsert(1, ids[0]!, 'Riverside', 'Dana Whitfield'),
      oldInsert(2, ids[1]!, 'Lakeside', ' dana  WHITFIELD '),
      oldInsert(3, ids[2]!, 'Hilltop', '  '),
      oldInsert(4, ids[3]!, 'Summit'),
      oldOwnerEdit(5, ids[3]!, 'Keisha Brown'),
      oldOwnerEdit(6, ids[2]!, 'keisha brown'),
      oldOwnerEdit(7, ids[0]!, null),
    ]);
    expect(result).toMatchObject({ applied: 7, pending: 0, refused: [] });
    const dana = memberIdForName('Dana Whitfield');
    const keisha = memberIdForName('Keisha Brown');
    expect(rows(a)).toEqual({
      members: [
        { id: dana, name: 'Dana Whitfield', role: 'liaison', email: null, active: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted_at: null },
        { id: keisha, name: 'Keisha Brown', role: 'liaison', email: null, active: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted_at: null },
      ].sort((x, y) => (x.id < y.id ? -1 : 1)),
      offices: [
        { id: ids[0], name: 'Riverside', owner_id: null },
        { id: ids[1], name: 'Lakeside', owner_id: dana },
        { id: ids[2], name: 'Hilltop', owner_id: keisha },
        { id: ids[3], name: 'Summit', owner_id: keisha },
      ],
    });
    // The changes are logged as they arrived; the members derived from them are nobody's edit to push.
    expect(a.ctx.store.sqlite.prepare("SELECT count(*) AS n FROM changes WHERE col = 'owner'").get()).toEqual({ n: 3 });
    expect(readOutbox(a.ctx.store, 100)).toEqual([]);
    // Last writer wins across the old column and the new one: they are one cell.
    applyRemote(a.ctx, [oldOwnerEdit(4, ids[1]!, 'Keisha Brown')]);
    expect(rows(a).offices[1]).toMatchObject({ owner_id: dana });
  });

  it('derives the same members as a device that migrated the same offices from version 2', () => {
    // Device one had the offices before upgrading: migration 0003 made its members.
    const dir = tempDir();
    const db = new Database(path.join(dir, 'liaison.sqlite3'));
    migrate(db, MIGRATIONS.slice(0, 2));
    const insert = db.prepare(`INSERT INTO offices (id, name, kind, stage, owner, created_at, updated_at) VALUES (?, ?, 'other', 'new', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`);
    insert.run(ids[0], 'Riverside', 'Dana Whitfield');
    insert.run(ids[1], 'Lakeside', 'DANA WHITFIELD');
    db.close();
    const migrated = openTestApp(dir);
    // Device two is new: it gets the same offices as the old build logged them.
    const fresh = open();
    applyRemote(fresh.ctx, [oldInsert(1, ids[0]!, 'Riverside', 'Dana Whitfield'), oldInsert(2, ids[1]!, 'Lakeside', 'DANA WHITFIELD')]);
    try {
      expect(rows(fresh)).toEqual(rows(migrated));
      // A rename on one then applies on the other.
      const dana = memberIdForName('dana whitfield');
      applyRemote(fresh.ctx, [{ hlc: hlc(10, '1234123412341234'), tbl: 'team_members', row_id: dana, col: 'name', value: '"Dana Price"' }]);
      applyRemote(migrated.ctx, [{ hlc: hlc(10, '1234123412341234'), tbl: 'team_members', row_id: dana, col: 'name', value: '"Dana Price"' }]);
      expect(rows(fresh)).toEqual(rows(migrated));
      expect(rows(fresh).members).toMatchObject([{ name: 'Dana Price' }]);
    } finally {
      migrated.close();
    }
  });

  it('a renamed member still receives an old change naming them by their old name', async () => {
    const a = open();
    applyRemote(a.ctx, [oldInsert(1, ids[0]!, 'Riverside', 'Dana Whitfield')]);
    await a.call('team.update', { id: memberIdForName('Dana Whitfield'), patch: { name: 'Dana Price' } });
    applyRemote(a.ctx, [oldInsert(2, ids[1]!, 'Lakeside', 'dana whitfield')]);
    expect(rows(a).members).toHaveLength(1);
    expect(rows(a).offices[1]).toMatchObject({ owner_id: memberIdForName('Dana Whitfield') });
  });

  it('lands an old owner edit parked before the upgrade (its office had not arrived) once the office does', () => {
    const a = open();
    // Parked by the older build, kept in the file across the upgrade.
    a.ctx.store.sqlite
      .prepare("INSERT INTO pending_changes (hlc, col, tbl, row_id, value, reason, received_at) VALUES (?, 'owner', 'offices', ?, '\"Tom Okafor\"', 'its row has not arrived yet', 'x')")
      .run(hlc(5), ids[0]);
    applyRemote(a.ctx, [oldInsert(1, ids[0]!, 'Riverside', 'Dana Whitfield')]);
    expect(rows(a).offices[0]).toMatchObject({ owner_id: memberIdForName('Tom Okafor') });
    expect(a.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM pending_changes').get()).toEqual({ n: 0 });
  });

  it('refuses an owner that is not text rather than guessing', () => {
    const a = open();
    applyRemote(a.ctx, [oldInsert(1, ids[0]!, 'Riverside')]);
    const r = applyRemote(a.ctx, [{ hlc: hlc(2), tbl: 'offices', row_id: ids[0]!, col: 'owner', value: '42' }]);
    expect(r.refused).toEqual([{ hlc: hlc(2), reason: expect.stringMatching(/liaison that is not text/) as unknown as string }]);
  });
});
