import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SqliteDatabase as Database } from '../../../src/main/db/driver';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';

type Db = InstanceType<typeof Database>;

/** A version-7 file: two liaisons, two offices, and visits of every status, one deleted and one with nobody's name on it. */
function version7(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 7));
  const member = db.prepare(`INSERT INTO team_members (id, name, role, created_at, updated_at) VALUES (?, ?, 'liaison', 't', 't')`);
  member.run('m1', 'Dana Whitfield');
  member.run('m2', 'Sam Ortiz');
  const office = db.prepare(`INSERT INTO offices (id, name, kind, stage, owner_id, archived_at, created_at, updated_at) VALUES (?, ?, 'other', 'established', ?, ?, 't', 't')`);
  office.run('o1', 'Riverside', 'm1', null);
  office.run('o2', 'Lakeside', 'm2', null);
  office.run('o3', 'Old Mill', 'm2', '2026-01-01T00:00:00.000Z');
  const visit = db.prepare(`INSERT INTO visits (id, office_id, liaison_id, status, starts_at, ends_at, deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 't', 't')`);
  visit.run('v1', 'o1', 'm1', 'completed', '2026-01-06T15:00:00.000Z', '2026-01-06T15:45:00.000Z', null);
  visit.run('v2', 'o1', 'm1', 'completed', '2026-01-31T23:30:00.000Z', '2026-02-01T00:15:00.000Z', null);
  visit.run('v3', 'o2', 'm2', 'completed', '2026-02-02T15:00:00.000Z', '2026-02-02T15:45:00.000Z', null);
  visit.run('v4', 'o2', 'm2', 'planned', '2026-12-02T15:00:00.000Z', '2026-12-02T15:45:00.000Z', null);
  visit.run('v5', 'o2', 'm2', 'missed', '2026-02-09T15:00:00.000Z', '2026-02-09T15:45:00.000Z', null);
  visit.run('v6', 'o2', 'm2', 'completed', '2026-02-10T15:00:00.000Z', '2026-02-10T15:45:00.000Z', '2026-02-11T00:00:00.000Z');
  visit.run('v7', 'o1', null, 'completed', '2026-02-12T15:00:00.000Z', '2026-02-12T15:45:00.000Z', null);
  db.prepare(`INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES ('000000000000001-000000-aaaaaaaaaaaaaaaa', 'visits', 'v1', '*', '{}')`).run();
  return db;
}

const kept = (db: Db) => db.prepare(`SELECT liaison_id, month, completed FROM visit_liaison_months WHERE completed != 0 ORDER BY 1, 2`).all();
const recount = (db: Db) =>
  db
    .prepare(
      `SELECT coalesce(liaison_id, '') AS liaison_id, substr(starts_at, 1, 7) AS month, count(*) AS completed FROM visits
       WHERE status = 'completed' AND deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
const dump = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();

describe('0008_visit_months', () => {
  it('counts the completed visits already there by liaison and UTC month, and changes nothing else', () => {
    const db = version7();
    const tables = ['team_members', 'offices', 'visits', 'changes', 'cell_clock', 'settings'];
    const before = Object.fromEntries(tables.map((t) => [t, dump(db, t)]));
    migrate(db);
    for (const t of tables) expect(dump(db, t), t).toEqual(before[t]);
    // A visit at 23:30 UTC on the 31st counts in January, as the dashboard's UTC window always counted it.
    expect(kept(db)).toEqual([
      { liaison_id: '', month: '2026-02', completed: 1 },
      { liaison_id: 'm1', month: '2026-01', completed: 2 },
      { liaison_id: 'm2', month: '2026-02', completed: 1 },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM changes`).get()).toEqual({ n: 1 });
    // No office has been linked by hand yet.
    expect(db.prepare(`SELECT count(*) AS n FROM import_office_links`).get()).toEqual({ n: 0 });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    db.close();
  });

  it('rebuilds the referral indexes wider, with every referral still in them', () => {
    const db = version7();
    db.prepare(`INSERT INTO referrals (id, direction, received_on, office_id, source_kind, service_line, status, liaison_id, created_at, updated_at) VALUES ('r1', 'in', '2026-02-03', 'o1', 'hospital', 'Spine', 'received', 'm1', 't', 't')`).run();
    migrate(db);
    const columns = (index: string) => (db.prepare(`PRAGMA index_info(${index})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('referrals_by_office')).toEqual(['office_id', 'direction', 'received_on', 'appointment_on', 'seen_on', 'note_sent_on', 'status', 'service_line', 'source_kind', 'liaison_id']);
    expect(columns('referrals_by_day')).toEqual(['direction', 'received_on', 'office_id', 'liaison_id']);
    expect(db.prepare(`SELECT office_id, liaison_id FROM referrals INDEXED BY referrals_by_day WHERE direction = 'in' AND received_on >= '2026-01-01' AND deleted_at IS NULL`).all()).toEqual([{ office_id: 'o1', liaison_id: 'm1' }]);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });

  it('counts each liaison’s offices from the owner index', () => {
    const db = version7();
    migrate(db);
    const sql = `SELECT owner_id, count(*) AS n FROM offices WHERE deleted_at IS NULL AND archived_at IS NULL GROUP BY owner_id`;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toContain('COVERING INDEX offices_by_owner');
    // A liaison's offices, for the at-risk list narrowed to them, from the index alone too.
    const mine = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM offices WHERE owner_id = ?`).all('m1') as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(mine).toContain('COVERING INDEX offices_by_owner');
    expect(db.prepare(sql).all()).toEqual([
      { owner_id: 'm1', n: 1 },
      { owner_id: 'm2', n: 1 },
    ]);
    db.close();
  });

  it('keeps the counts equal to a recount after any writes: inserts, status changes, moves in time, reassignment, soft and hard deletes', () => {
    const db = version7();
    migrate(db);
    const statuses = ['planned', 'completed', 'missed', 'cancelled'] as const;
    const liaison = fc.constantFrom('m1', 'm2', null);
    const at = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.parse('2026-01-01T00:00:00Z') + d * 86_400_000 - 1_800_000).toISOString());
    const op = fc.oneof(
      fc.record({ k: fc.constant('insert' as const), status: fc.constantFrom(...statuses), liaison, at }),
      fc.record({ k: fc.constant('status' as const), n: fc.nat(), status: fc.constantFrom(...statuses) }),
      fc.record({ k: fc.constant('move' as const), n: fc.nat(), at }),
      fc.record({ k: fc.constant('liaison' as const), n: fc.nat(), liaison }),
      fc.record({ k: fc.constant('softDelete' as const), n: fc.nat(), undelete: fc.boolean() }),
      fc.record({ k: fc.constant('hardDelete' as const), n: fc.nat() }),
    );
    let made = 0;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const ids = () => (db.prepare('SELECT id FROM visits ORDER BY id').pluck().all() as string[]);
        const one = (n: number) => ids()[n % Math.max(1, ids().length)];
        for (const o of ops) {
          if (o.k === 'insert') {
            db.prepare(`INSERT INTO visits (id, office_id, liaison_id, status, starts_at, ends_at, created_at, updated_at) VALUES (?, 'o1', ?, ?, ?, ?, 't', 't')`).run(`x${++made}`, o.liaison, o.status, o.at, o.at);
            continue;
          }
          const id = one(o.n);
          if (!id) continue;
          if (o.k === 'status') db.prepare('UPDATE visits SET status = ? WHERE id = ?').run(o.status, id);
          else if (o.k === 'move') db.prepare('UPDATE visits SET starts_at = ? WHERE id = ?').run(o.at, id);
          else if (o.k === 'liaison') db.prepare('UPDATE visits SET liaison_id = ? WHERE id = ?').run(o.liaison, id);
          else if (o.k === 'softDelete') db.prepare('UPDATE visits SET deleted_at = ? WHERE id = ?').run(o.undelete ? null : '2026-03-01T00:00:00.000Z', id);
          else {
            db.prepare('DELETE FROM touches WHERE visit_id = ?').run(id);
            db.prepare('DELETE FROM visits WHERE id = ?').run(id);
          }
        }
        expect(kept(db)).toEqual(recount(db));
      }),
      { numRuns: 60 },
    );
    db.close();
  });
});
