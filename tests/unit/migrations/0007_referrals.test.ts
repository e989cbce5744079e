import { describe, expect, it } from 'vitest';
import { SqliteDatabase as Database } from '../../../src/main/db/driver';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { DEFAULT_REFERRAL_SETTINGS, ReferralSettings } from '../../../src/shared/referrals/settings';

/** A version-6 file: a liaison, an office with a physician, a visit with its touch and task, a gift entry, the settings rows and logged changes. */
function version6() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 6));
  db.prepare(`INSERT INTO team_members (id, name, role, created_at, updated_at) VALUES ('m1', 'Dana Whitfield', 'liaison', 't', 't')`).run();
  db.prepare(`INSERT INTO offices (id, name, kind, stage, owner_id, created_at, updated_at) VALUES ('o1', 'Riverside', 'other', 'established', 'm1', 't', 't')`).run();
  db.prepare(`INSERT INTO people (id, office_id, kind, first_name, last_name, npi, created_at, updated_at) VALUES ('p1', 'o1', 'physician', 'Ada', 'Park', '1234567893', 't', 't')`).run();
  db.prepare(
    `INSERT INTO visits (id, office_id, liaison_id, status, starts_at, ends_at, created_at, updated_at) VALUES ('v1', 'o1', 'm1', 'completed', '2026-01-06T15:00:00.000Z', '2026-01-06T15:45:00.000Z', 't', 't')`,
  ).run();
  db.prepare(`INSERT INTO touches (id, office_id, kind, day, at, visit_id, created_at) VALUES ('t1', 'o1', 'visit', '2026-01-06', '2026-01-06T15:00:00.000Z', 'v1', 't')`).run();
  db.prepare(`INSERT INTO tasks (id, office_id, visit_id, owner_id, title, due_date, created_at, updated_at) VALUES ('k1', 'o1', 'v1', 'm1', 'Send pads', '2026-01-13', 't', 't')`).run();
  db.prepare(
    `INSERT INTO gift_entries (id, office_id, kind, day, total_cents, people_sharing, description, created_at) VALUES ('g1', 'o1', 'thank_you_note', '2026-01-07', 0, 1, 'Thanks', 't')`,
  ).run();
  db.prepare(`INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES ('000000000000001-000000-aaaaaaaaaaaaaaaa', 'offices', 'o1', '*', '{}')`).run();
  return db;
}

const dump = (db: InstanceType<typeof Database>, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();

describe('0007_referrals', () => {
  it('keeps every row of the earlier version, logs nothing, and gives tasks a kind of NULL', () => {
    const db = version6();
    const tables = ['team_members', 'offices', 'people', 'visits', 'touches', 'tasks', 'gift_entries', 'settings', 'changes', 'cell_clock', 'compliance_limits'];
    const before = Object.fromEntries(tables.map((t) => [t, dump(db, t)]));
    expect(before.settings!.length).toBeGreaterThan(0);
    migrate(db, MIGRATIONS.slice(0, 7));
    for (const t of tables.filter((x) => x !== 'settings' && x !== 'tasks')) expect(dump(db, t), t).toEqual(before[t]);
    expect(dump(db, 'tasks')).toEqual((before.tasks as object[]).map((r) => ({ ...r, kind: null })));
    const settings = dump(db, 'settings') as { id: string }[];
    expect(settings.filter((s) => s.id !== 'referral_settings')).toEqual(before.settings);
    expect(db.prepare('SELECT count(*) AS n FROM changes').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM referrals').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM referral_office_months').get()).toEqual({ n: 0 });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    db.close();
  });

  it('adds the referral settings row equal to the defaults the app ships, the same on every device', () => {
    const db = version6();
    migrate(db);
    const row = db.prepare(`SELECT * FROM settings WHERE id = 'referral_settings'`).get() as { value: string; created_at: string; updated_at: string; deleted_at: null };
    // The migration froze its own copy: the app's defaults must still equal it, or the Settings
    // screen would call the practice's untouched rules "changed".
    expect(ReferralSettings.parse(JSON.parse(row.value))).toEqual(DEFAULT_REFERRAL_SETTINGS);
    expect(JSON.parse(row.value)).toEqual(DEFAULT_REFERRAL_SETTINGS);
    expect(row).toMatchObject({ created_at: '2026-11-24T00:00:00.000Z', updated_at: '2026-11-24T00:00:00.000Z', deleted_at: null });
    const other = version6();
    migrate(other);
    expect(other.prepare(`SELECT * FROM settings WHERE id = 'referral_settings'`).get()).toEqual(row);
    db.close();
    other.close();
  });

  it('keeps the monthly counts by trigger, whatever writes the referral', () => {
    const db = version6();
    migrate(db);
    const insert = db.prepare(
      `INSERT INTO referrals (id, direction, received_on, office_id, source_kind, service_line, status, seen_on, liaison_id, created_at, updated_at) VALUES (?, 'in', ?, 'o1', 'physician_office', 'Spine', ?, ?, 'm1', 't', 't')`,
    );
    insert.run('r1', '2026-01-05', 'received', null);
    insert.run('r2', '2026-01-20', 'seen', '2026-01-25');
    insert.run('r3', '2026-02-02', 'received', null);
    const months = () => db.prepare(`SELECT month, received, seen, lost FROM referral_office_months ORDER BY month`).all();
    expect(months()).toEqual([
      { month: '2026-01', received: 2, seen: 1, lost: 0 },
      { month: '2026-02', received: 1, seen: 0, lost: 0 },
    ]);
    db.prepare(`UPDATE referrals SET received_on = '2026-02-10' WHERE id = 'r1'`).run();
    db.prepare(`UPDATE referrals SET status = 'lost' WHERE id = 'r3'`).run();
    db.prepare(`UPDATE referrals SET deleted_at = 't' WHERE id = 'r2'`).run();
    expect(months()).toEqual([
      { month: '2026-01', received: 0, seen: 0, lost: 0 },
      { month: '2026-02', received: 2, seen: 0, lost: 1 },
    ]);
    db.prepare(`UPDATE referrals SET deleted_at = NULL WHERE id = 'r2'`).run();
    db.prepare(`DELETE FROM referrals WHERE id = 'r3'`).run();
    expect(months()).toEqual([
      { month: '2026-01', received: 1, seen: 1, lost: 0 },
      { month: '2026-02', received: 1, seen: 0, lost: 0 },
    ]);
    expect(db.prepare(`SELECT received, seen FROM referral_mix_months WHERE month = '2026-01'`).get()).toEqual({ received: 1, seen: 1 });
    db.close();
  });
});
