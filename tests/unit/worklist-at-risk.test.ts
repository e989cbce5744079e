import { describe, expect, it } from 'vitest';
import { insertReferral } from '../../src/main/referrals/service';
import { DEFAULT_REFERRAL_SETTINGS } from '../../src/shared/referrals/settings';
import { monthsBetween } from '../../src/shared/referrals/atRisk';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();
const ZONE = 'UTC';
// Tuesday 24 November 2026: the month judged is October, against April to September.
const NOW = '2026-11-24T15:00:00.000Z';

/** `perMonth` incoming referrals in each month from `from` to `to`, on the 10th (written as an import would, in one transaction). */
function referrals(a: TestApp, officeId: string, from: string, to: string, perMonth: number) {
  a.ctx.store.tx(() => {
    for (const m of monthsBetween(from, to)) {
      for (let i = 0; i < perMonth; i++) insertReferral(a.ctx, { direction: 'in', receivedOn: `${m}-10`, officeId, sourceKind: 'physician_office', serviceLine: 'Spine', notes: null });
    }
  });
}

async function setUp() {
  const a = open();
  a.ctx.now = () => NOW;
  const me = await a.call('team.setMe', { name: 'Dana Whitfield', role: 'manager' });
  // Quarterly, last called on 15 October: not due until January, unless its referrals fell.
  const quiet = async (name: string, extra: object = {}) => {
    const o = await a.call('offices.create', { name, tier: 'C', stage: 'established', ownerId: me.id, ...extra });
    await a.call('touches.log', { officeId: o.id, kind: 'call', at: '2026-10-15T15:00:00Z', zone: ZONE });
    return o;
  };
  const slipping = await quiet('Lakeside Orthopedics');
  const steady = await quiet('Riverside Spine');
  const small = await quiet('Hilltop Family Medicine');
  // Tier A, last visited 1 October: 40 days overdue, the most overdue office otherwise.
  const overdue = await a.call('offices.create', { name: 'Aardvark Cardiology', tier: 'A', stage: 'established', ownerId: me.id });
  await a.call('touches.log', { officeId: overdue.id, kind: 'call', at: '2026-10-01T15:00:00Z', zone: ZONE });
  referrals(a, slipping.id, '2026-04', '2026-09', 4);
  referrals(a, slipping.id, '2026-10', '2026-10', 2); // down 50%
  referrals(a, steady.id, '2026-04', '2026-10', 4);
  referrals(a, small.id, '2026-04', '2026-09', 1); // averages 1 a month, below the minimum of 2; none in October
  const list = async () => (await a.call('worklist.query', { zone: ZONE })).rows;
  return { a, me, slipping, steady, small, overdue, list };
}

describe('the worklist pulls offices whose referrals fell forward', () => {
  it('an office down 50% on its 6-month average is due now, first on its liaison’s list, saying why; steady and small ones are not', async () => {
    const { slipping, overdue, list } = await setUp();
    const rows = await list();
    expect(rows.map((r) => r.name)).toEqual(['Lakeside Orthopedics', 'Aardvark Cardiology']);
    expect(rows[0]).toMatchObject({
      officeId: slipping.id,
      due: '2026-11-24',
      daysOverdue: 0,
      atRisk: true,
      reason: 'Due today, referrals down 50% vs its 6-month average; tier C quarterly',
    });
    expect(rows[1]).toMatchObject({ officeId: overdue.id, daysOverdue: 40, atRisk: false });
  });

  it('follows referral writes: a referral moved between offices re-judges both, and a recovered office returns to its cadence', async () => {
    const { a, slipping, steady, list } = await setUp();
    expect((await list()).map((r) => r.name)).toEqual(['Lakeside Orthopedics', 'Aardvark Cardiology']);
    // Two of Riverside's October referrals were Lakeside's: Lakeside recovers, Riverside falls.
    const october = (await a.call('referrals.list', { officeId: steady.id, from: '2026-10-01', to: '2026-10-31' })).rows;
    for (const r of october.slice(0, 2)) await a.call('referrals.update', { id: r.id, patch: { officeId: slipping.id } });
    let rows = await list();
    expect(rows.map((r) => [r.name, r.atRisk])).toEqual([
      ['Riverside Spine', true],
      ['Aardvark Cardiology', false],
    ]);
    expect(rows[0]!.reason).toBe('Due today, referrals down 50% vs its 6-month average; tier C quarterly');
    expect(await a.call('cadence.office', { officeId: slipping.id, zone: ZONE })).toMatchObject({ due: '2027-01-15', reason: 'tier C quarterly' });

    // Deleting another of Riverside's leaves it 1 in October: down 75%.
    await a.call('referrals.delete', { id: october[2]!.id });
    rows = await list();
    expect(rows.map((r) => r.name)).toEqual(['Riverside Spine', 'Aardvark Cardiology']);
    expect(rows[0]!.reason).toMatch(/down 75%/);
  });

  it('a touch since the fall became known answers it; the next complete month is judged afresh', async () => {
    const { a, slipping, list } = await setUp();
    await a.call('touches.log', { officeId: slipping.id, kind: 'call', at: '2026-11-24T14:00:00Z', zone: ZONE });
    expect((await list()).map((r) => r.name)).toEqual(['Aardvark Cardiology']);
    expect(await a.call('cadence.office', { officeId: slipping.id, zone: ZONE })).toMatchObject({ due: '2027-02-24', reason: 'tier C quarterly' });

    // December: November is judged, and neither had a referral in it: at risk again, and the November
    // call no longer answers it (the fall it answered was October's).
    a.ctx.now = () => '2026-12-02T15:00:00.000Z';
    expect((await list()).map((r) => [r.name, r.atRisk])).toEqual([
      ['Lakeside Orthopedics', true],
      ['Riverside Spine', true],
      ['Aardvark Cardiology', false],
    ]);
  });

  it('volume recovered in the month judged: back on its cadence', async () => {
    const { a, slipping, list } = await setUp();
    expect((await list())[0]).toMatchObject({ officeId: slipping.id, atRisk: true });
    a.ctx.store.tx(() => {
      for (let i = 0; i < 2; i++) insertReferral(a.ctx, { direction: 'in', receivedOn: '2026-10-20', officeId: slipping.id, sourceKind: 'hospital', serviceLine: 'Spine', notes: null });
    });
    expect((await list()).map((r) => r.name)).toEqual(['Aardvark Cardiology']);
    expect(await a.call('cadence.office', { officeId: slipping.id, zone: ZONE })).toMatchObject({ due: '2027-01-15', daysOverdue: -52 });
  });

  it('re-judges every office when the rule changes, and leaves a paused office paused', async () => {
    const { a, slipping, list } = await setUp();
    await a.call('referralSettings.save', { ...DEFAULT_REFERRAL_SETTINGS, atRisk: { ...DEFAULT_REFERRAL_SETTINGS.atRisk, dropShare: 0.6 } });
    expect((await list()).map((r) => r.name)).toEqual(['Aardvark Cardiology']);
    await a.call('referralSettings.save', { ...DEFAULT_REFERRAL_SETTINGS, atRisk: { ...DEFAULT_REFERRAL_SETTINGS.atRisk, trailingMonths: 3 } });
    expect((await list())[0]!.reason).toBe('Due today, referrals down 50% vs its 3-month average; tier C quarterly');
    // The small office, judged with no minimum: its October fell to nothing.
    await a.call('referralSettings.save', { ...DEFAULT_REFERRAL_SETTINGS, atRisk: { ...DEFAULT_REFERRAL_SETTINGS.atRisk, minPerMonth: 0 } });
    expect((await list()).map((r) => r.name)).toEqual(['Hilltop Family Medicine', 'Lakeside Orthopedics', 'Aardvark Cardiology']);
    await a.call('offices.update', { id: slipping.id, patch: { cadence: { paused: true, reason: 'Office asked for a break' } } });
    expect((await list()).map((r) => r.name)).toEqual(['Hilltop Family Medicine', 'Aardvark Cardiology']);
  });
});
