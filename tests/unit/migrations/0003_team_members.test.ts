import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { SqliteDatabase as Database } from '../../../src/main/db/driver';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { TEAM_MEMBER_NAMESPACE } from '../../../src/shared/team/memberId';
import { openTestApp, tempDir } from '../../helpers/tempApp';
import path from 'node:path';

/** A version-2 file: offices whose liaison is free text, as builds before team members wrote it. */
function version2(file = ':memory:') {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 2));
  const office = db.prepare(`INSERT INTO offices (id, name, kind, stage, owner, created_at, updated_at) VALUES (?, ?, 'other', 'new', ?, ?, ?)`);
  office.run('o1', 'Riverside', 'Dana Whitfield', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
  office.run('o2', 'Lakeside', ' dana  whitfield ', '2026-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z');
  office.run('o3', 'Hilltop', 'DANA WHITFIELD', '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z');
  office.run('o4', 'Summit', 'Dana Whitfield', '2026-01-04T00:00:00.000Z', '2026-01-04T00:00:00.000Z');
  office.run('o5', 'Blank', '   ', '2026-01-04T00:00:00.000Z', '2026-01-04T00:00:00.000Z');
  office.run('o6', 'Unowned', null, '2026-01-04T00:00:00.000Z', '2026-01-04T00:00:00.000Z');
  office.run('o7', 'Ｍａｒｉａ’s', 'Ｍａｒｉａ\u00a0Lopez', '2026-01-06T00:00:00.000Z', '2026-01-06T00:00:00.000Z');
  db.prepare(`INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES ('000000000000001-000000-aaaaaaaaaaaaaaaa', 'offices', 'o1', '*', '{}')`).run();
  return db;
}

describe('0003_team_members', () => {
  it('makes one liaison per owner name however it was typed, keeps blank owners blank, and logs nothing', () => {
    const db = version2();
    migrate(db);
    const members = db.prepare('SELECT id, name, role, email, active, created_at, updated_at, deleted_at FROM team_members ORDER BY name').all();
    const dana = uuidv5('dana whitfield', TEAM_MEMBER_NAMESPACE);
    const maria = uuidv5('maria lopez', TEAM_MEMBER_NAMESPACE);
    expect(members).toEqual([
      // The spelling most offices use; created when the oldest of their offices was.
      { id: dana, name: 'Dana Whitfield', role: 'liaison', email: null, active: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted_at: null },
      // NFKC: full-width letters and a no-break space are plain ones.
      { id: maria, name: 'Maria Lopez', role: 'liaison', email: null, active: 1, created_at: '2026-01-06T00:00:00.000Z', updated_at: '2026-01-06T00:00:00.000Z', deleted_at: null },
    ]);
    expect(db.prepare('SELECT id, owner_id, updated_at FROM offices ORDER BY id').all()).toEqual([
      { id: 'o1', owner_id: dana, updated_at: '2026-01-02T00:00:00.000Z' },
      { id: 'o2', owner_id: dana, updated_at: '2026-01-05T00:00:00.000Z' },
      { id: 'o3', owner_id: dana, updated_at: '2026-01-03T00:00:00.000Z' },
      { id: 'o4', owner_id: dana, updated_at: '2026-01-04T00:00:00.000Z' },
      { id: 'o5', owner_id: null, updated_at: '2026-01-04T00:00:00.000Z' },
      { id: 'o6', owner_id: null, updated_at: '2026-01-04T00:00:00.000Z' },
      { id: 'o7', owner_id: maria, updated_at: '2026-01-06T00:00:00.000Z' },
    ]);
    // The old text stays for old data; the log is as it was, and what it held has no known actor.
    expect(db.prepare("SELECT owner FROM offices WHERE id = 'o2'").get()).toEqual({ owner: ' dana  whitfield ' });
    expect(db.prepare('SELECT hlc, actor FROM changes').all()).toEqual([{ hlc: '000000000000001-000000-aaaaaaaaaaaaaaaa', actor: null }]);
    expect(db.prepare('SELECT count(*) AS n FROM cell_clock').get()).toEqual({ n: 0 });
    // An owner must be a member.
    expect(() => db.prepare(`UPDATE offices SET owner_id = 'nobody' WHERE id = 'o1'`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('gives two devices that migrate the same owners offline the same member ids', () => {
    const ids = [tempDir(), tempDir()].map((dir) => {
      const file = path.join(dir, 'liaison.sqlite3');
      version2(file).close();
      const app = openTestApp(dir);
      try {
        return app.ctx.store.sqlite.prepare('SELECT id, name FROM team_members ORDER BY id').all();
      } finally {
        app.close();
      }
    });
    expect(ids[0]).toHaveLength(2);
    expect(ids[1]).toEqual(ids[0]);
  });
});
