import { afterAll, describe, expect, it } from 'vitest';
import { OfficeCreate } from '../../src/shared/domain/office';
import { PersonFields } from '../../src/shared/domain/person';
import { generateOffices } from '../../scripts/seed/generate';
import { insertSeed } from '../../scripts/seed/insert';
import { insertGiftHistory } from '../../scripts/seed/gifts';
import { insertVisitHistory } from '../../scripts/seed/visits';
import { insertVisitFeedback } from '../../scripts/seed/feedback';
import { insertReferralHistory, SERVICE_LINES } from '../../scripts/seed/referrals';
import type { ReferralsTable } from '../../src/main/db/schema';
import { insertReferral, statusOf } from '../../src/main/referrals/service';
import { readReferralSettings } from '../../src/main/referrals/settings';
import { readChanges } from '../../src/main/sync/changes';
import { referralCode } from '../../src/shared/domain/gift';
import { ReferralCreate } from '../../src/shared/domain/referral';
import { atRisk, monthBefore, monthsBetween } from '../../src/shared/referrals/atRisk';
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

  it('adds the offices’ Four C’s ratings to about a third of completed visits, by the visit’s liaison, through the write path', () => {
    const app = openTestApp();
    try {
      app.ctx.now = () => '2026-11-24T15:00:00.000Z';
      insertSeed(app.ctx, 150, 2, 42, () => {});
      const v = insertVisitHistory(app.ctx, 6, 42);
      const visitsBefore = app.ctx.store.sqlite.prepare('SELECT id, status, starts_at FROM visits ORDER BY id').all();
      const { feedback } = insertVisitFeedback(app.ctx, 42);
      const db = app.ctx.store.sqlite;
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM visit_feedback')).toBe(feedback);
      expect(feedback / v.touches).toBeGreaterThan(0.2);
      expect(feedback / v.touches).toBeLessThan(0.4);
      expect(count("SELECT count(*) AS n FROM visit_feedback f JOIN visits v ON v.id = f.visit_id WHERE v.status = 'completed' AND v.office_id = f.office_id AND f.by_id IS v.liaison_id")).toBe(feedback);
      // Every C from 1 to 5 is used, a few left unrated; offices differ.
      for (const c of ['communication', 'credibility', 'capacity', 'consistency']) {
        expect(db.prepare(`SELECT ${c} AS r FROM visit_feedback WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY ${c}`).all()).toEqual([1, 2, 3, 4, 5].map((r) => ({ r })));
        expect(count(`SELECT count(*) AS n FROM visit_feedback WHERE ${c} IS NULL`)).toBeGreaterThan(0);
      }
      const byOffice = db.prepare('SELECT avg(capacity) AS a FROM visit_feedback GROUP BY office_id HAVING count(capacity) >= 2').all() as { a: number }[];
      expect(Math.max(...byOffice.map((o) => o.a)) - Math.min(...byOffice.map((o) => o.a))).toBeGreaterThan(1.5);
      expect(count("SELECT count(*) AS n FROM changes WHERE tbl = 'visit_feedback' AND col = '*'")).toBe(feedback);
      // The visits themselves are untouched: ratings come from a stream of their own.
      expect(db.prepare('SELECT id, status, starts_at FROM visits ORDER BY id').all()).toEqual(visitsBefore);
    } finally {
      app.close();
    }
  });

  describe('five years of referrals', () => {
    const TODAY = '2026-11-24';
    const app = openTestApp();
    app.ctx.now = () => `${TODAY}T15:00:00.000Z`;
    insertSeed(app.ctx, 300, 4, 42, () => {});
    const changesBefore = readChanges(app.ctx.store).length;
    const progress: number[] = [];
    const rf = insertReferralHistory(app.ctx, 15_000, 42, { progress: (n) => progress.push(n) });
    const db = app.ctx.store.sqlite;
    const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    const rows = db.prepare('SELECT * FROM referrals ORDER BY rowid').all() as ReferralsTable[];
    afterAll(() => app.close());

    it('writes every one through the write path, in date order, with its change record', () => {
      expect(rf.referrals).toBe(15_000);
      expect(rows).toHaveLength(15_000);
      expect(rf.incoming + rf.outgoing).toBe(15_000);
      expect(progress.at(-1)).toBe(15_000);
      // One change per referral, and the thank-you tasks its last weeks' referrals raised (each an insert, then its count in the title).
      const taskChanges = count("SELECT count(*) AS n FROM changes WHERE tbl = 'tasks'");
      expect(taskChanges).toBeGreaterThan(0);
      expect(readChanges(app.ctx.store).length - changesBefore).toBe(15_000 + taskChanges);
      expect(count("SELECT count(*) AS n FROM changes WHERE tbl = 'referrals' AND col = '*'")).toBe(15_000);
      expect(rows.every((r, i) => i === 0 || rows[i - 1]!.received_on <= r.received_on)).toBe(true);
    });

    it('is skewed: the top fifth of referring offices send at least 70%, a few send hundreds; prospects never refer', () => {
      const perOffice = (db.prepare("SELECT count(*) AS n FROM referrals WHERE direction = 'in' GROUP BY office_id ORDER BY n DESC").all() as { n: number }[]).map((r) => r.n);
      expect(perOffice).toHaveLength(rf.referringOffices);
      const top = perOffice.slice(0, Math.ceil(perOffice.length / 5)).reduce((a, b) => a + b, 0);
      expect(top / rf.incoming).toBeGreaterThanOrEqual(0.7);
      expect(perOffice[0]).toBeGreaterThan(300);
      // Most of the directory never refers, and a median office sends a handful a year at most.
      expect(rf.referringOffices).toBeLessThan(200);
      expect(perOffice[Math.floor(perOffice.length / 2)]).toBeLessThan(40);
      expect(count("SELECT count(*) AS n FROM referrals r JOIN offices o ON o.id = r.office_id WHERE o.stage = 'prospect'")).toBe(0);
    });

    it('spans the five years ending today, never in the future, dipping in summer and December', () => {
      expect(rf).toMatchObject({ from: '2021-11-25', to: TODAY });
      const span = db.prepare('SELECT min(received_on) AS lo, max(received_on) AS hi FROM referrals').get() as { lo: string; hi: string };
      expect(span.lo >= '2021-11-25' && span.lo <= '2021-12-05').toBe(true);
      expect(span.hi >= '2026-11-20' && span.hi <= TODAY).toBe(true);
      for (const col of ['contacted_on', 'scheduled_on', 'seen_on', 'note_sent_on', 'closed_on', 'lost_on']) {
        expect(count(`SELECT count(*) AS n FROM referrals WHERE ${col} > ? OR ${col} < received_on`, TODAY), col).toBe(0);
      }
      // Only an appointment may be ahead, and only for one not yet seen.
      expect(count('SELECT count(*) AS n FROM referrals WHERE appointment_on < received_on')).toBe(0);
      expect(count('SELECT count(*) AS n FROM referrals WHERE appointment_on > ? AND seen_on IS NOT NULL', TODAY)).toBe(0);
      expect(count('SELECT count(*) AS n FROM referrals WHERE appointment_on > ?', TODAY)).toBeGreaterThan(0);
      const byMonth = (m: string) => count("SELECT count(*) AS n FROM referrals WHERE direction = 'in' AND substr(received_on, 6, 2) = ? AND received_on BETWEEN '2022-01-01' AND '2025-12-31'", m);
      expect(byMonth('07') + byMonth('12')).toBeLessThan(0.9 * (byMonth('03') + byMonth('10')));
      expect(count("SELECT count(*) AS n FROM referrals WHERE strftime('%w', received_on) IN ('0', '6')") / rows.length).toBeLessThan(0.1);
    });

    it('moves each through the pipeline by the service’s own rules, its status by statusOf', () => {
      for (const r of rows) expect(r.status).toBe(statusOf(r));
      expect(rows.filter((r) => !!r.lost_on !== !!r.lost_reason)).toEqual([]);
      expect(rows.filter((r) => (r.lost_on && r.seen_on) || (r.note_sent_on && !r.seen_on))).toEqual([]);
      // What the service would say of each: a sample of every status, recorded again through insertReferral, all accepted.
      const taken = new Map<string, number>();
      const sample = rows.filter((r, i) => {
        const n = taken.get(r.status) ?? 0;
        taken.set(r.status, n + 1);
        return i % 25 === 0 || n < 20;
      });
      expect(new Set(sample.map((r) => r.status)).size).toBe(7);
      const Undo = class extends Error {};
      expect(() =>
        app.ctx.store.tx(() => {
          for (const r of sample) {
            insertReferral(app.ctx, ReferralCreate.parse({
              direction: r.direction, receivedOn: r.received_on, officeId: r.office_id, personId: r.person_id, sourceKind: r.source_kind, serviceLine: r.service_line,
              referralCode: r.referral_code, lostReason: r.lost_reason, notes: r.notes, contactedOn: r.contacted_on, scheduledOn: r.scheduled_on,
              appointmentOn: r.appointment_on, seenOn: r.seen_on, noteSentOn: r.note_sent_on, closedOn: r.closed_on, lostOn: r.lost_on,
            }));
          }
          throw new Undo();
        }),
      ).toThrow(Undo);
      expect(count('SELECT count(*) AS n FROM referrals')).toBe(15_000);
      // Realistic: most contacted within two days, first appointments 3–20 days out, ~80% of settled ones seen, ~70% of those with a note back.
      const settled = rows.filter((r) => r.direction === 'in' && r.received_on < '2026-09-01');
      const seen = settled.filter((r) => r.seen_on);
      expect(seen.length / settled.length).toBeGreaterThan(0.74);
      expect(seen.length / settled.length).toBeLessThan(0.88);
      const noted = seen.filter((r) => r.note_sent_on).length / seen.length;
      expect(noted).toBeGreaterThan(0.6);
      expect(noted).toBeLessThan(0.8);
      const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
      const contacted = settled.filter((r) => r.contacted_on);
      expect(contacted.filter((r) => days(r.received_on, r.contacted_on!) <= 2).length / contacted.length).toBeGreaterThan(0.8);
      expect(settled.filter((r) => r.scheduled_on).every((r) => days(r.received_on, r.appointment_on!) >= 3 && days(r.received_on, r.appointment_on!) <= 20)).toBe(true);
      expect(seen.every((r) => !r.note_sent_on || (days(r.seen_on!, r.note_sent_on) >= 1 && days(r.seen_on!, r.note_sent_on) <= 10))).toBe(true);
      expect(new Set(rows.map((r) => r.lost_reason).filter(Boolean))).toEqual(new Set(['no_answer', 'insurance', 'chose_elsewhere', 'not_appropriate', 'other']));
    });

    it('names the office’s liaison and one of its physicians, a code never a name, and its source and service line', () => {
      expect(count('SELECT count(*) AS n FROM referrals r JOIN offices o ON o.id = r.office_id WHERE r.liaison_id IS NOT o.owner_id')).toBe(0);
      expect(count("SELECT count(*) AS n FROM referrals r JOIN people p ON p.id = r.person_id WHERE p.office_id != r.office_id OR p.kind != 'physician'")).toBe(0);
      expect(count("SELECT count(*) AS n FROM referrals WHERE person_id IS NULL AND source_kind NOT IN ('patient', 'online')") / rows.length).toBeLessThan(0.15);
      const codes = rows.map((r) => r.referral_code).filter((c): c is string => c !== null);
      expect(codes.length / rows.length).toBeGreaterThan(0.9);
      expect(codes.filter((c) => !referralCode.safeParse(c).success || !/^RX-\d{5}$/.test(c))).toEqual([]);
      const kinds = new Map((db.prepare('SELECT source_kind AS k, count(*) AS n FROM referrals GROUP BY k').all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
      expect(kinds.get('physician_office')! / rows.length).toBeGreaterThan(0.5);
      for (const k of ['hospital', 'urgent_care', 'community', 'patient', 'online']) expect(kinds.get(k), k).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.service_line))).toEqual(new Set(SERVICE_LINES));
      // A few percent go out, to a few partner offices that also refer.
      expect(rf.outgoing / rows.length).toBeGreaterThan(0.02);
      expect(rf.outgoing / rows.length).toBeLessThan(0.05);
      expect(count("SELECT count(DISTINCT office_id) AS n FROM referrals WHERE direction = 'out' AND office_id IN (SELECT office_id FROM referrals WHERE direction = 'in')")).toBe(rf.partners);
    });

    it('makes a few sizeable offices at risk in the last complete month, by the app’s own rule', () => {
      const rule = readReferralSettings(app.ctx).settings.atRisk;
      const judged = '2026-10';
      const months = monthsBetween(monthBefore(judged, rule.trailingMonths), judged);
      const monthly = db.prepare("SELECT month, received FROM referral_office_months WHERE direction = 'in' AND office_id = ? AND month BETWEEN ? AND ?");
      const judge = (officeId: string) => {
        const got = new Map((monthly.all(officeId, months[0], judged) as { month: string; received: number }[]).map((m) => [m.month, m.received]));
        return atRisk(judged, months.map((m) => got.get(m) ?? 0), rule);
      };
      const offices = (db.prepare("SELECT DISTINCT office_id AS id FROM referrals WHERE direction = 'in'").all() as { id: string }[]).map((o) => o.id);
      const flagged = offices.filter((id) => judge(id));
      expect(rf.atRisk.length).toBeGreaterThanOrEqual(3);
      for (const id of rf.atRisk) {
        const verdict = judge(id);
        expect(verdict, id).not.toBeNull();
        expect(verdict!.change).toBeLessThan(-0.5);
        expect(verdict!.trailingAverage).toBeGreaterThanOrEqual(4);
      }
      expect(flagged).toEqual(expect.arrayContaining(rf.atRisk));
      // Not everyone: a warning list, not a flood.
      expect(flagged.length).toBeLessThan(offices.length / 5);
    });

    it('leaves the monthly counts equal to a recount from the rows', () => {
      const kept = db.prepare('SELECT direction, month, office_id, liaison_id, received, seen, lost FROM referral_office_months WHERE received != 0 ORDER BY 1, 2, 3, 4').all();
      const recount = db
        .prepare(
          `SELECT direction, substr(received_on, 1, 7) AS month, office_id, coalesce(liaison_id, '') AS liaison_id, count(*) AS received,
             sum(seen_on IS NOT NULL) AS seen, sum(status = 'lost') AS lost FROM referrals WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        )
        .all();
      expect(kept).toEqual(recount);
      const keptMix = db.prepare('SELECT direction, month, liaison_id, source_kind, service_line, received, seen FROM referral_mix_months WHERE received != 0 ORDER BY 1, 2, 3, 4, 5').all();
      const recountMix = db
        .prepare(
          `SELECT direction, substr(received_on, 1, 7) AS month, coalesce(liaison_id, '') AS liaison_id, source_kind, service_line, count(*) AS received,
             sum(seen_on IS NOT NULL) AS seen FROM referrals WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
        )
        .all();
      expect(keptMix).toEqual(recountMix);
      expect(kept.length).toBeGreaterThan(1000);
    });
  });

  it('makes the same referral history for a seed and a different one for another', () => {
    const history = (seed: number) => {
      const app = openTestApp();
      try {
        app.ctx.now = () => '2026-11-24T15:00:00.000Z';
        insertSeed(app.ctx, 40, 4, 42, () => {});
        insertReferralHistory(app.ctx, 800, seed);
        return app.ctx.store.sqlite
          .prepare(
            `SELECT o.name, r.direction, r.received_on, r.status, r.source_kind, r.service_line, r.referral_code, r.contacted_on, r.appointment_on, r.seen_on,
               r.note_sent_on, r.lost_on, r.lost_reason, p.first_name || ' ' || p.last_name AS physician
             FROM referrals r JOIN offices o ON o.id = r.office_id LEFT JOIN people p ON p.id = r.person_id ORDER BY r.rowid`,
          )
          .all();
      } finally {
        app.close();
      }
    };
    const a = history(42);
    expect(a).toHaveLength(800);
    expect(history(42)).toEqual(a);
    expect(history(7)).not.toEqual(a);
  });
});
