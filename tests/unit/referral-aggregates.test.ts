import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRemote } from '../../src/main/db/applyRemote';
import { softDeleteRow, updateRow } from '../../src/main/db/writePath';
import { insertReferral, patchReferral } from '../../src/main/referrals/service';
import { readChanges } from '../../src/main/sync/changes';
import { AppError } from '../../src/shared/errors';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

/**
 * The monthly pre-aggregates are kept by triggers, so no writer can forget them. This holds them
 * to it: after any sequence of writes — the service's inserts and edits (moving a referral to
 * another office or month, seeing it, losing it, re-filing its service line), deletes, a batch
 * written in one transaction as an import does, edits pulled from another device through
 * applyRemote, a hand-run UPDATE — both tables equal a recount from scratch over the live rows.
 */

const open = appsClosedAfterEach();
const NOW = '2026-11-24T15:00:00.000Z';
const LINES = ['Spine', 'Joints', 'Sports'] as const;

const day = fc.integer({ min: 0, max: 170 }).map((n) => new Date(Date.parse('2026-06-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10));
const pick = fc.nat();
const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('insert' as const), office: pick, on: day, out: fc.boolean(), line: fc.constantFrom(...LINES), seen: fc.option(day, { nil: null }) }) },
  fc.record({ k: fc.constant('batch' as const), office: pick, days: fc.array(day, { minLength: 1, maxLength: 6 }) }),
  fc.record({ k: fc.constant('moveOffice' as const), r: pick, office: pick }),
  fc.record({ k: fc.constant('moveDay' as const), r: pick, on: day }),
  fc.record({ k: fc.constant('seen' as const), r: pick, on: fc.option(day, { nil: null }) }),
  fc.record({ k: fc.constant('lost' as const), r: pick, on: fc.option(day, { nil: null }) }),
  fc.record({ k: fc.constant('line' as const), r: pick, line: fc.constantFrom(...LINES) }),
  fc.record({ k: fc.constant('delete' as const), r: pick }),
  fc.record({ k: fc.constant('owner' as const), office: pick, member: pick }),
  { weight: 2, arbitrary: fc.record({ k: fc.constant('remoteInsert' as const), office: pick, on: day, line: fc.constantFrom(...LINES) }) },
  fc.record({ k: fc.constant('remoteEdit' as const), r: pick, on: day, line: fc.constantFrom(...LINES) }),
  fc.record({ k: fc.constant('remoteDelete' as const), r: pick }),
  fc.record({ k: fc.constant('sync' as const) }),
  fc.record({ k: fc.constant('handUpdate' as const), r: pick, on: day }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const rows = (a: TestApp, sql: string) => a.ctx.store.sqlite.prepare(sql).all();
const ids = (a: TestApp) => (rows(a, 'SELECT id FROM referrals WHERE deleted_at IS NULL ORDER BY id') as { id: string }[]).map((r) => r.id);

/** Both tables as they are, all-zero rows left out (a referral that moved away leaves one behind). */
function stored(a: TestApp) {
  return {
    office: rows(a, `SELECT direction, month, office_id, liaison_id, received, seen, lost FROM referral_office_months WHERE received <> 0 OR seen <> 0 OR lost <> 0 ORDER BY 1, 2, 3, 4`),
    mix: rows(a, `SELECT direction, month, liaison_id, source_kind, service_line, received, seen FROM referral_mix_months WHERE received <> 0 OR seen <> 0 ORDER BY 1, 2, 3, 4, 5`),
  };
}

/** The same counts from scratch over the live referrals. */
function recount(a: TestApp) {
  const live = `FROM referrals WHERE deleted_at IS NULL`;
  return {
    office: rows(
      a,
      `SELECT direction, substr(received_on, 1, 7) AS month, office_id, coalesce(liaison_id, '') AS liaison_id, count(*) AS received,
         sum(seen_on IS NOT NULL) AS seen, sum(status = 'lost') AS lost ${live} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    ),
    mix: rows(
      a,
      `SELECT direction, substr(received_on, 1, 7) AS month, coalesce(liaison_id, '') AS liaison_id, source_kind, service_line, count(*) AS received,
         sum(seen_on IS NOT NULL) AS seen ${live} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    ),
  };
}

/** A write the service refuses (a seen date before arrival, say) writes nothing: the property still holds. */
function refusedOrDone(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
}

async function setUp() {
  const a = open();
  const b = open();
  for (const x of [a, b]) x.ctx.now = () => NOW;
  const members = [(await a.call('team.create', { name: 'Dana Whitfield', role: 'liaison' })).id, (await a.call('team.create', { name: 'Morgan Hale', role: 'liaison' })).id, null];
  const offices: string[] = [];
  for (const name of ['Lakeside', 'Hilltop', 'Riverside']) offices.push((await a.call('offices.create', { name, ownerId: members[offices.length] })).id);
  applyRemote(b.ctx, readChanges(a.ctx.store));
  return { a, b, members, offices };
}

function run(env: Awaited<ReturnType<typeof setUp>>, o: Op): void {
  const { a, b, members, offices } = env;
  const of = (n: number) => offices[n % offices.length]!;
  const ref = (x: TestApp, n: number) => {
    const all = ids(x);
    return all.length ? all[n % all.length]! : null;
  };
  const withRef = (x: TestApp, n: number, f: (id: string) => void) => {
    const id = ref(x, n);
    if (id) refusedOrDone(() => f(id));
  };
  switch (o.k) {
    case 'insert':
      return refusedOrDone(() => {
        insertReferral(a.ctx, { direction: o.out ? 'out' : 'in', receivedOn: o.on, officeId: of(o.office), sourceKind: 'physician_office', serviceLine: o.line, seenOn: o.seen, appointmentOn: o.seen, notes: null });
      });
    case 'batch':
      // An import writes its rows in one transaction.
      return a.ctx.store.tx(() => {
        for (const d of o.days) insertReferral(a.ctx, { direction: 'in', receivedOn: d, officeId: of(o.office), sourceKind: 'hospital', serviceLine: 'Spine', notes: null });
      });
    case 'moveOffice':
      return withRef(a, o.r, (id) => patchReferral(a.ctx, id, { officeId: of(o.office) }));
    case 'moveDay':
      return withRef(a, o.r, (id) => patchReferral(a.ctx, id, { receivedOn: o.on }));
    case 'seen':
      return withRef(a, o.r, (id) => patchReferral(a.ctx, id, { seenOn: o.on, noteSentOn: null }));
    case 'lost':
      return withRef(a, o.r, (id) => patchReferral(a.ctx, id, { lostOn: o.on, lostReason: o.on ? 'insurance' : null, ...(o.on ? { seenOn: null, noteSentOn: null } : {}) }));
    case 'line':
      return withRef(a, o.r, (id) => patchReferral(a.ctx, id, { serviceLine: o.line }));
    case 'delete':
      return withRef(a, o.r, (id) => softDeleteRow(a.ctx, 'referrals', id));
    case 'owner':
      updateRow(a.ctx, 'offices', of(o.office), { owner_id: members[o.member % members.length] ?? null });
      return;
    case 'remoteInsert':
      return refusedOrDone(() => {
        insertReferral(b.ctx, { direction: 'in', receivedOn: o.on, officeId: of(o.office), sourceKind: 'community', serviceLine: o.line, notes: null });
      });
    case 'remoteEdit':
      return withRef(b, o.r, (id) => patchReferral(b.ctx, id, { receivedOn: o.on, serviceLine: o.line, seenOn: null, noteSentOn: null, closedOn: null, contactedOn: null, scheduledOn: null, appointmentOn: null }));
    case 'remoteDelete':
      return withRef(b, o.r, (id) => softDeleteRow(b.ctx, 'referrals', id));
    case 'sync':
      // Each device pulls the other's log (applyRemote is idempotent, so all of it each time).
      applyRemote(a.ctx, readChanges(b.ctx.store));
      applyRemote(b.ctx, readChanges(a.ctx.store));
      return;
    case 'handUpdate': {
      const id = ref(a, o.r);
      if (id) a.ctx.store.sqlite.prepare('UPDATE referrals SET received_on = ?, seen_on = NULL, status = ? WHERE id = ?').run(o.on, 'received', id);
      return;
    }
  }
}

describe('the referral pre-aggregates (fast-check; the seed is printed on failure)', () => {
  it('equal a recount from scratch after any sequence of writes, local, batched, pulled or by hand', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const env = await setUp();
        for (const o of ops) run(env, o);
        // A last exchange, so the pulled side is exercised on both devices whatever the sequence ended on.
        run(env, { k: 'sync' });
        for (const x of [env.a, env.b]) expect(stored(x)).toEqual(recount(x));
        env.a.close();
        env.b.close();
      }),
      { numRuns: 40 },
    );
  });

  it('have something to compare: writes of every kind land in them', async () => {
    const env = await setUp();
    run(env, { k: 'insert', office: 0, on: '2026-08-03', out: false, line: 'Spine', seen: '2026-08-10' });
    run(env, { k: 'remoteInsert', office: 1, on: '2026-09-03', line: 'Joints' });
    run(env, { k: 'sync' });
    run(env, { k: 'lost', r: 0, on: '2026-09-05' });
    const { office } = stored(env.a);
    expect(office).toHaveLength(2);
    expect(office).toEqual(recount(env.a).office);
    expect(office.map((r) => (r as { lost: number }).lost).sort()).toEqual([0, 1]);
  });
});
