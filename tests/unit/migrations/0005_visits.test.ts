import { describe, expect, it } from 'vitest';
import { SqliteDatabase as Database } from '../../../src/main/db/driver';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';

/** A version-4 file: an office whose best time is free text, a liaison, and a logged change. */
function version4() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 4));
  db.prepare(`INSERT INTO team_members (id, name, role, created_at, updated_at) VALUES ('m1', 'Dana Whitfield', 'liaison', 't', 't')`).run();
  db.prepare(
    `INSERT INTO offices (id, name, kind, stage, owner_id, best_time, created_at, updated_at) VALUES ('o1', 'Riverside', 'other', 'new', 'm1', 'Tue/Thu after 2pm, not Fridays', 't', 't')`,
  ).run();
  db.prepare(`INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES ('000000000000001-000000-aaaaaaaaaaaaaaaa', 'offices', 'o1', '*', '{}')`).run();
  return db;
}

describe('0005_visits', () => {
  it("keeps an office's free-text best time as the note of its new structured best times, and changes nothing else", () => {
    const db = version4();
    const before = { changes: db.prepare('SELECT * FROM changes').all(), members: db.prepare('SELECT * FROM team_members').all() };
    migrate(db);
    expect(db.prepare('SELECT best_time, visit_hours, coords, cadence FROM offices').get()).toEqual({
      best_time: 'Tue/Thu after 2pm, not Fridays',
      visit_hours: null,
      coords: null,
      cadence: null,
    });
    expect(db.prepare('SELECT * FROM changes').all()).toEqual(before.changes);
    expect(db.prepare('SELECT id, route_start FROM team_members').all()).toEqual([{ id: 'm1', route_start: null }]);
    db.close();
  });

  it('adds visits, touches, feedback, tasks and settings that keep their rules in SQL too', () => {
    const db = version4();
    migrate(db);
    const visit = db.prepare(
      `INSERT INTO visits (id, office_id, liaison_id, status, starts_at, ends_at, created_at, updated_at) VALUES (?, ?, 'm1', ?, '2026-01-06T15:00:00.000Z', '2026-01-06T15:45:00.000Z', 't', 't')`,
    );
    visit.run('v1', 'o1', 'planned');
    expect(db.prepare(`SELECT seen, left_items, pinned, sequence FROM visits`).get()).toEqual({ seen: '[]', left_items: '[]', pinned: 0, sequence: 0 });
    expect(() => visit.run('v2', 'o1', 'maybe')).toThrow(/CHECK/);
    expect(() => visit.run('v3', 'no-such-office', 'planned')).toThrow(/FOREIGN KEY/);
    const feedback = db.prepare(`INSERT INTO visit_feedback (id, office_id, visit_id, communication, created_at) VALUES (?, 'o1', 'v1', ?, 't')`);
    feedback.run('f1', 5);
    expect(() => feedback.run('f2', 6)).toThrow(/CHECK/);
    expect(() => feedback.run('f3', 0)).toThrow(/CHECK/);
    db.prepare(`INSERT INTO touches (id, office_id, kind, day, at, visit_id, created_at) VALUES ('t1', 'o1', 'visit', '2026-01-06', '2026-01-06T15:00:00.000Z', 'v1', 't')`).run();
    expect(() =>
      db.prepare(`INSERT INTO touches (id, office_id, kind, day, at, reverses, created_at) VALUES ('t2', 'o1', 'visit', '2026-01-06', 'x', 'nope', 't')`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare(`INSERT INTO tasks (id, office_id, visit_id, owner_id, title, due_date, created_at, updated_at) VALUES ('k1', 'o1', 'v1', 'm1', 'Send pads', '2026-01-13', 't', 't')`).run();
    expect(() => db.prepare(`INSERT INTO tasks (id, office_id, title, created_at, updated_at) VALUES ('k2', 'o1', 'No date', 't', 't')`).run()).toThrow(/NOT NULL/);
    // The practice's cadence row is there, with the defaults, the same on every device (nothing logged).
    expect(JSON.parse((db.prepare(`SELECT value FROM settings WHERE id = 'cadence'`).get() as { value: string }).value)).toEqual({
      tiers: { A: { weeks: 2 }, B: { months: 1 }, C: { months: 3 }, none: { months: 1 } },
      newRelationship: { every: { months: 1 }, months: 6 },
      dormant: { months: 3 },
    });
    expect(db.prepare(`SELECT count(*) AS n FROM changes WHERE tbl = 'settings'`).get()).toEqual({ n: 0 });
    db.close();
  });
});
