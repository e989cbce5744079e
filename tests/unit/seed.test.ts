import { describe, expect, it } from 'vitest';
import { OfficeCreate } from '../../src/shared/domain/office';
import { PersonFields } from '../../src/shared/domain/person';
import { generateOffices } from '../../scripts/seed/generate';
import { insertSeed } from '../../scripts/seed/insert';
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
});
