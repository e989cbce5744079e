import { describe, expect, it } from 'vitest';
import { OfficeCreate } from '../../src/shared/domain/office';
import { PersonFields } from '../../src/shared/domain/person';
import { generateOffices } from '../../scripts/seed/generate';
import { insertSeed } from '../../scripts/seed/insert';
import { insertGiftHistory } from '../../scripts/seed/gifts';
import { insertVisitHistory } from '../../scripts/seed/visits';
import { readChanges } from '../../src/main/sync/changes';
import { openTestApp } from '../helpers/tempApp';

describe('demo data', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = [...generateOffices(50, 4, 42)];
    expect([...generateOffices(50, 4, 42)]).toEqual(a);
    expect([...generateOffices(50, 4, 7)]).not.toEqual(a);
  });

  it('passes the same validation as what a user types (valid NPIs, real ZIPs, known kinds)', () => {
    for (const { office, people } of generateOffices(500, 4, 42)) {
      expect(OfficeCreate.safeParse(office).success).toBe(true);
      for (const p of people) expect(PersonFields.safeParse(p).success).toBe(true);
    }
  });

  it('is written through the app’s own write path, change log included', () => {
    const app = openTestApp();
    try {
      const n = insertSeed(app.ctx, 120, 4, 42, () => {});
      expect(n.offices).toBe(120);
      const counts = app.ctx.store.sqlite.prepare("SELECT (SELECT count(*) FROM offices) AS o, (SELECT count(*) FROM people) AS p").get() as { o: number; p: number };
      expect(counts).toEqual({ o: 120, p: n.people });
      // Each liaison the seed names is a team member, added with the first office naming them.
      const members = (app.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM team_members').get() as { n: number }).n;
      expect(members).toBe(5);
      expect(app.ctx.store.sqlite.prepare('SELECT count(DISTINCT owner_id) AS n FROM offices').get()).toEqual({ n: 5 });
      expect(readChanges(app.ctx.store)).toHaveLength(120 + n.people + members);
    } finally {
      app.close();
    }
  });

  it('adds a visit history by tiered cadences, with some offices overdue, through the write path', async () => {
    const app = openTestApp();
    try {
      app.ctx.now = () => '2026-11-24T15:00:00.000Z';
      insertSeed(app.ctx, 200, 2, 42, () => {});
      const before = readChanges(app.ctx.store).length;
      const v = insertVisitHistory(app.ctx, 6, 42);
      const count = (sql: string) => (app.ctx.store.sqlite.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM visits')).toBe(v.visits);
      expect(count("SELECT count(*) AS n FROM touches WHERE kind = 'visit'")).toBe(v.touches);
      expect(count("SELECT count(*) AS n FROM visits WHERE status = 'completed'")).toBe(v.touches);
      expect(count("SELECT count(*) AS n FROM visits WHERE status = 'planned' AND starts_at > '2026-11-24'")).toBeGreaterThan(30);
      expect(readChanges(app.ctx.store).length - before).toBe(v.visits + v.touches + v.tasks);
      // Realistic: most offices are on cadence, some are overdue.
      const all = await app.call('worklist.query', { liaison: 'all', limit: 500 });
      expect(all.total).toBeGreaterThan(20);
      expect(all.total).toBeLessThan(150);
      expect(all.rows[0]!.daysOverdue).toBeGreaterThan(7);
    } finally {
      app.close();
    }
  });

  it('adds a gift history through the gift services: shared lunches, notes, overrides, reversals, repayments, rewards, all ledgered', async () => {
    const app = openTestApp();
    try {
      app.ctx.now = () => '2026-11-24T15:00:00.000Z';
      insertSeed(app.ctx, 60, 4, 42, () => {});
      const db = app.ctx.store.sqlite;
      const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
      const progress: number[] = [];
      const g = insertGiftHistory(app.ctx, 600, 42, { progress: (n) => progress.push(n) });
      expect(progress.at(-1)).toBe(g.entries);
      expect(g.entries).toBe(600);
      expect(count('SELECT count(*) AS n FROM gift_entries WHERE reverses IS NULL')).toBe(g.entries);
      expect(count('SELECT count(*) AS n FROM gift_entries WHERE reverses IS NOT NULL')).toBe(g.reversals);
      expect(count("SELECT count(*) AS n FROM gift_entries WHERE kind = 'meal' AND reverses IS NULL")).toBe(g.meals);
      expect(count("SELECT count(*) AS n FROM gift_entries WHERE kind = 'thank_you_note' AND total_cents = 0")).toBe(g.thankYouNotes);
      expect(count('SELECT count(*) AS n FROM gift_shares s JOIN gift_entries e ON e.id = s.entry_id WHERE e.reverses IS NULL')).toBe(g.shares);
      expect(count('SELECT count(*) AS n FROM gift_overrides')).toBe(g.overrides);
      expect(count('SELECT count(*) AS n FROM gift_repayments')).toBe(g.repayments);
      expect(count('SELECT count(*) AS n FROM patient_rewards WHERE reverses IS NULL')).toBe(g.rewards);
      // Realistic: mostly lunches and notes, a few over-limit entries with a manager's reason, some corrections and cures.
      expect(g.meals / g.entries).toBeGreaterThan(0.35);
      expect(g.thankYouNotes / g.entries).toBeGreaterThan(0.1);
      expect(g.overrides).toBeGreaterThanOrEqual(1);
      expect(g.overrides).toBeLessThan(10);
      expect(g.reversals).toBeGreaterThan(2);
      expect(g.repayments).toBeGreaterThanOrEqual(1);
      expect(g.rewards).toBe(6);
      // Three calendar years up to yesterday, on working days.
      expect(db.prepare('SELECT min(day) AS lo, max(day) AS hi FROM gift_entries').get()).toEqual({ lo: expect.stringMatching(/^2024-01-0/), hi: expect.stringMatching(/^2026-11-(1|2[0-3])/) });
      expect(count("SELECT count(*) AS n FROM gift_entries WHERE strftime('%w', day) IN ('0', '6')")).toBe(0);
      // Lunches are shared among an office's physicians and staff and people not in the directory; cents add up.
      expect(count(`SELECT count(*) AS n FROM gift_entries e WHERE kind = 'meal' AND people_sharing > (SELECT count(*) FROM gift_shares s WHERE s.entry_id = e.id)
        AND EXISTS (SELECT 1 FROM gift_shares s WHERE s.entry_id = e.id AND s.person_kind = 'physician') AND EXISTS (SELECT 1 FROM gift_shares s WHERE s.entry_id = e.id AND s.person_kind = 'staff')`)).toBeGreaterThan(50);
      expect(count('SELECT count(*) AS n FROM gift_entries e WHERE total_cents != others_cents + (SELECT coalesce(sum(cents), 0) FROM gift_shares s WHERE s.entry_id = e.id)')).toBe(0);
      expect(count("SELECT count(DISTINCT person_id) AS n FROM gift_shares WHERE person_kind = 'physician'")).toBe(g.physicians);
      expect(g.physicians / count("SELECT count(*) AS n FROM people WHERE kind = 'physician'")).toBeGreaterThan(0.9);
      // Over a physician's yearly limit only under an override, and every override is over one.
      const over = db.prepare(
        `SELECT s.person_id, s.year FROM gift_shares s JOIN compliance_limits l ON l.kind = 'stark_nonmonetary' AND l.year = s.year
         WHERE s.person_kind = 'physician' GROUP BY s.person_id, s.year HAVING sum(s.cents) > max(l.cents)`,
      ).all() as { person_id: string; year: number }[];
      expect(over.length).toBeGreaterThanOrEqual(g.overrides);
      for (const o of over) {
        expect(count('SELECT count(*) AS n FROM gift_overrides x JOIN gift_shares s ON s.entry_id = x.entry_id WHERE s.person_id = ? AND s.year = ?', o.person_id, o.year)).toBeGreaterThan(0);
      }
      // Each entry is logged by its office's liaison, an override by a manager; "me" is put back as it was (unset).
      expect(count(`SELECT count(*) AS n FROM gift_entries e JOIN offices o ON o.id = e.office_id
        WHERE e.reverses IS NULL AND e.id NOT IN (SELECT entry_id FROM gift_overrides) AND e.logged_by IS NOT o.owner_id`)).toBe(0);
      expect(count("SELECT count(*) AS n FROM gift_overrides x JOIN team_members m ON m.id = x.by_id WHERE m.role = 'manager'")).toBe(g.overrides);
      expect(count("SELECT count(*) AS n FROM meta WHERE key = 'me'")).toBe(0);
      // Every row through the write path (an insert change each), every compliance record chained, the chain intact.
      for (const tbl of ['gift_entries', 'gift_shares', 'gift_overrides', 'gift_repayments', 'patient_rewards', 'ledger', 'touches']) {
        expect(count(`SELECT count(*) AS n FROM changes WHERE tbl = ? AND col = '*'`, tbl), tbl).toBe(count(`SELECT count(*) AS n FROM ${tbl}`));
      }
      const ledgered = count('SELECT (SELECT count(*) FROM gift_entries) + (SELECT count(*) FROM gift_overrides) + (SELECT count(*) FROM gift_repayments) + (SELECT count(*) FROM patient_rewards) AS n');
      const verdict = await app.call('ledger.verify', {});
      expect(verdict).toMatchObject({ state: 'intact', records: ledgered });
      // In-person lunches and gifts are touches for the office's cadence.
      expect(count("SELECT count(*) AS n FROM touches WHERE kind IN ('lunch', 'gift')")).toBeGreaterThan(g.meals / 2);
      // A year's compliance report has them all.
      const report = await app.call('compliance.report', { from: '2025-01-01', to: '2025-12-31' });
      expect(report.totals.entries).toBe(count("SELECT count(*) AS n FROM gift_entries WHERE reverses IS NULL AND day LIKE '2025-%'"));
      expect(report.ledgerState).toMatch(/intact/);
    } finally {
      app.close();
    }
  });

  it('makes the same gift history for a seed and a different one for another', () => {
    const history = (seed: number) => {
      const app = openTestApp();
      try {
        app.ctx.now = () => '2026-11-24T15:00:00.000Z';
        insertSeed(app.ctx, 20, 4, 42, () => {});
        insertGiftHistory(app.ctx, 150, seed);
        return app.ctx.store.sqlite
          .prepare(
            `SELECT o.name, e.day, e.kind, e.total_cents, e.people_sharing, e.description, e.reverses IS NOT NULL AS reversal,
               (SELECT group_concat(p.first_name || ' ' || p.last_name || ':' || s.cents, ',') FROM gift_shares s JOIN people p ON p.id = s.person_id WHERE s.entry_id = e.id) AS shares
             FROM gift_entries e JOIN offices o ON o.id = e.office_id ORDER BY o.rowid, e.day, e.total_cents, reversal, shares`,
          )
          .all();
      } finally {
        app.close();
      }
    };
    const a = history(42);
    expect(a.length).toBeGreaterThanOrEqual(150);
    expect(history(42)).toEqual(a);
    expect(history(7)).not.toEqual(a);
  });
});
