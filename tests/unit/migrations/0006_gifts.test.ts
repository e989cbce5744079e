import { describe, expect, it } from 'vitest';
import { SqliteDatabase as Database } from '../../../src/main/db/driver';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { SHIPPED_LIMITS } from '../../../src/shared/gifts/limits';
import { DEFAULT_POLICY } from '../../../src/shared/gifts/check';
import { GiftPolicyShape, ThankYouTemplates } from '../../../src/shared/domain/gift';

/** A version-5 file: a liaison, an office with a physician, a completed visit with its touch, the cadence setting and logged changes. */
function version5() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 5));
  db.prepare(`INSERT INTO team_members (id, name, role, created_at, updated_at) VALUES ('m1', 'Dana Whitfield', 'liaison', 't', 't')`).run();
  db.prepare(`INSERT INTO offices (id, name, kind, stage, owner_id, created_at, updated_at) VALUES ('o1', 'Riverside', 'other', 'established', 'm1', 't', 't')`).run();
  db.prepare(`INSERT INTO people (id, office_id, kind, first_name, last_name, npi, created_at, updated_at) VALUES ('p1', 'o1', 'physician', 'Ada', 'Park', '1234567893', 't', 't')`).run();
  db.prepare(
    `INSERT INTO visits (id, office_id, liaison_id, status, starts_at, ends_at, created_at, updated_at) VALUES ('v1', 'o1', 'm1', 'completed', '2026-01-06T15:00:00.000Z', '2026-01-06T15:45:00.000Z', 't', 't')`,
  ).run();
  db.prepare(`INSERT INTO touches (id, office_id, kind, day, at, visit_id, created_at) VALUES ('t1', 'o1', 'visit', '2026-01-06', '2026-01-06T15:00:00.000Z', 'v1', 't')`).run();
  db.prepare(`INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES ('000000000000001-000000-aaaaaaaaaaaaaaaa', 'offices', 'o1', '*', '{}')`).run();
  return db;
}

const dump = (db: InstanceType<typeof Database>, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();

describe('0006_gifts', () => {
  it('keeps every row of the earlier version as it was, and logs nothing', () => {
    const db = version5();
    const tables = ['team_members', 'offices', 'people', 'visits', 'touches', 'settings', 'changes', 'cell_clock'];
    const before = Object.fromEntries(tables.map((t) => [t, dump(db, t)]));
    migrate(db, MIGRATIONS.slice(0, 6));
    for (const t of tables.filter((x) => x !== 'settings')) expect(dump(db, t), t).toEqual(before[t]);
    // The settings rows it had are unchanged; two are added.
    const settings = dump(db, 'settings') as { id: string }[];
    expect(settings.filter((s) => !['gift_policy', 'thank_you_templates'].includes(s.id))).toEqual(before.settings);
    expect(db.prepare('SELECT count(*) AS n FROM changes').get()).toEqual({ n: 1 });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    db.close();
  });

  it('ships the known limits as data, and the default policy and templates, the same on every device', () => {
    const db = version5();
    migrate(db);
    const limits = db.prepare('SELECT id, kind, year, cents, source, created_at, updated_at, deleted_at FROM compliance_limits ORDER BY kind, year').all();
    expect(limits).toEqual(
      [...SHIPPED_LIMITS]
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.year - b.year)
        .map((l) => ({ id: `${l.kind}:${l.year}`, kind: l.kind, year: l.year, cents: l.cents, source: l.source, created_at: '2026-11-24T00:00:00.000Z', updated_at: '2026-11-24T00:00:00.000Z', deleted_at: null })),
    );
    expect(limits).toContainEqual(expect.objectContaining({ id: 'stark_nonmonetary:2026', cents: 53_500 }));
    const setting = (id: string) => JSON.parse((db.prepare('SELECT value FROM settings WHERE id = ?').get(id) as { value: string }).value) as unknown;
    expect(GiftPolicyShape.parse(setting('gift_policy'))).toEqual(DEFAULT_POLICY);
    expect(ThankYouTemplates.parse(setting('thank_you_templates')).map((t) => t.id)).toEqual(['first-referral', 'ongoing', 'staff']);
    // A second device migrating makes byte-identical rows.
    const other = version5();
    migrate(other);
    expect(dump(other, 'compliance_limits')).toEqual(dump(db, 'compliance_limits'));
    expect(other.prepare(`SELECT * FROM settings WHERE id IN ('gift_policy', 'thank_you_templates') ORDER BY id`).all()).toEqual(
      db.prepare(`SELECT * FROM settings WHERE id IN ('gift_policy', 'thank_you_templates') ORDER BY id`).all(),
    );
    db.close();
    other.close();
  });

  it('keeps the gift tables’ rules in SQL too', () => {
    const db = version5();
    migrate(db);
    const entry = db.prepare(
      `INSERT INTO gift_entries (id, office_id, visit_id, kind, day, total_cents, people_sharing, description, reverses, created_at) VALUES (?, ?, ?, 'meal', '2026-02-01', ?, ?, 'Lunch', ?, 't')`,
    );
    entry.run('e1', 'o1', 'v1', 20_000, 9, null);
    expect(db.prepare('SELECT in_person, others_cents, place FROM gift_entries').get()).toEqual({ in_person: 0, others_cents: 0, place: null });
    expect(() => entry.run('e2', 'o1', null, -1, 1, null)).toThrow(/CHECK/); // negative, not a reversal
    entry.run('e3', 'o1', null, -20_000, 9, 'e1'); // a reversal carries the negative
    expect(() => entry.run('e4', 'o1', null, 100, 0, null)).toThrow(/CHECK/); // nobody shared it
    expect(() => entry.run('e5', 'nowhere', null, 100, 1, null)).toThrow(/FOREIGN KEY/);
    expect(() => entry.run('e6', 'o1', null, 100, 1, 'no-such-entry')).toThrow(/FOREIGN KEY/);
    expect(() => entry.run('e7', 'o1', null, 18.5, 1, null)).toThrow(/cannot store REAL value in INTEGER column|datatype mismatch/);

    const share = db.prepare(`INSERT INTO gift_shares (id, entry_id, person_id, person_kind, npi, year, cents, created_at) VALUES (?, 'e1', ?, 'physician', '1234567893', 2026, 2223, 't')`);
    share.run('s1', 'p1');
    expect(() => share.run('s2', 'nobody')).toThrow(/FOREIGN KEY/);
    const repay = db.prepare(`INSERT INTO gift_repayments (id, person_id, year, cents, received_on, deadline, repaid_on, created_at) VALUES (?, 'p1', 2026, ?, '2026-02-01', '2026-07-31', '2026-03-01', 't')`);
    repay.run('r1', 100);
    expect(() => repay.run('r2', 0)).toThrow(/CHECK/);
    const override = db.prepare(`INSERT INTO gift_overrides (id, entry_id, by_id, by_role, reason, findings, created_at) VALUES (?, 'e1', 'm1', 'manager', ?, '[]', 't')`);
    override.run('x1', 'Staff appreciation event');
    expect(db.prepare('SELECT self_declared FROM gift_overrides').get()).toEqual({ self_declared: 1 });
    expect(() => override.run('x2', '   ')).toThrow(/CHECK/);
    const reward = db.prepare(`INSERT INTO patient_rewards (id, referral_code, day, year, cents, description, reverses, created_at) VALUES (?, 'REF-7', '2026-05-01', 2026, ?, 'Mug', ?, 't')`);
    reward.run('w1', 1_200, null);
    expect(() => reward.run('w2', -1, null)).toThrow(/CHECK/);
    reward.run('w3', -1_200, 'w1');
    const link = db.prepare(`INSERT INTO ledger (id, chain, seq, record_table, record_id, record_hash, prev_hash, hash, created_at) VALUES (?, 'c1', ?, 'gift_entries', 'e1', 'h', NULL, 'h', 't')`);
    link.run('l1', 1);
    expect(() => link.run('l2', 1)).toThrow(/UNIQUE/);
    expect(() => link.run('l3', 0)).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO compliance_limits (id, kind, year, cents, source, created_at, updated_at) VALUES ('x', 'stark_nonmonetary', 2030, 0, 's', 't', 't')`).run()).toThrow(/CHECK/);
    // The live check's sums read the covering indexes, not the table.
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT coalesce(sum(cents), 0) FROM gift_shares WHERE person_id = ? AND year = ?`).all('p1', 2026) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX gift_shares_by_person/);
    db.close();
  });
});
