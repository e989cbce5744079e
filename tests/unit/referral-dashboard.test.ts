import { describe, expect, it } from 'vitest';
import { insertRow } from '../../src/main/db/writePath';
import type { ReferralCreate } from '../../src/shared/domain/referral';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();
const NOW = '2026-11-24T15:00:00.000Z';
/** Ten whole months; the previous period is the ten before (Mar–Dec 2025). */
const WINDOW = { from: '2026-01-01', to: '2026-10-31' };

type Input = Omit<ReferralCreate, 'officeId' | 'serviceLine'> & { serviceLine?: string };

/**
 * A small practice, every figure below worked out by hand:
 * - Eastside (Eli, Kent 44240): 3 a month Apr–Sep 2026, none in October → at risk; 18 in the window.
 * - Lakeside (Dana, Toledo 43604): 6 in the window (Spine), 2 in the previous period.
 * - Hilltop (Eli, Kent 44240): 3 in the window, never before → a new referrer.
 * - Cedar (nobody, Toledo 43610): 3 in the window (hospital), 1 back in 2024 → not new, not lost.
 * - Dormant (Dana, Cleveland 44101): 4 in the previous period, none since → lost.
 */
async function practice() {
  const a = open();
  a.ctx.now = () => NOW;
  await a.call('team.setMe', { name: 'Mia Manager', role: 'manager' });
  const dana = await a.call('team.create', { name: 'Dana Whitfield', role: 'liaison' });
  const eli = await a.call('team.create', { name: 'Eli Brooks', role: 'liaison' });
  const office = (name: string, ownerId: string | null, city: string, zip: string) =>
    a.call('offices.create', { name, ownerId, tier: 'A', stage: 'established', address: { city, state: 'OH', zip } });
  const eastside = await office('Eastside Family Practice', eli.id, 'Kent', '44240');
  const lakeside = await office('Lakeside Orthopedics', dana.id, 'Toledo', '43604');
  const hilltop = await office('Hilltop Family Medicine', eli.id, 'Kent', '44240');
  const cedar = await office('Cedar Hospital', null, 'Toledo', '43610');
  const dormant = await office('Dormant Clinic', dana.id, 'Cleveland', '44101');
  const park = await a.call('people.create', { officeId: lakeside.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD' });
  const refer = (officeId: string, r: Input) => a.call('referrals.create', { officeId, serviceLine: 'Knee', ...r });
  for (const m of ['04', '05', '06', '07', '08', '09']) for (const d of ['05', '12', '19']) await refer(eastside.id, { receivedOn: `2026-${m}-${d}` });
  // Lakeside's six, with the pipeline the scorecard is checked against.
  await refer(lakeside.id, { receivedOn: '2026-01-10', serviceLine: 'Spine', personId: park.id, appointmentOn: '2026-01-15', seenOn: '2026-01-15', noteSentOn: '2026-01-20' });
  await refer(lakeside.id, { receivedOn: '2026-03-10', serviceLine: 'Spine', appointmentOn: '2026-03-20', seenOn: '2026-03-20', noteSentOn: '2026-03-30' });
  await refer(lakeside.id, { receivedOn: '2026-05-04', serviceLine: 'Spine', appointmentOn: '2026-05-06', seenOn: '2026-05-06' });
  await refer(lakeside.id, { receivedOn: '2026-07-01', serviceLine: 'Spine', lostOn: '2026-07-03', lostReason: 'insurance' });
  await refer(lakeside.id, { receivedOn: '2026-09-14', serviceLine: 'Spine', personId: park.id, appointmentOn: '2026-09-17', seenOn: '2026-09-17', noteSentOn: '2026-09-18' });
  await refer(lakeside.id, { receivedOn: '2026-10-05', serviceLine: 'Spine', contactedOn: '2026-10-06' });
  await refer(lakeside.id, { receivedOn: '2025-06-02', serviceLine: 'Spine' });
  await refer(lakeside.id, { receivedOn: '2025-11-20', serviceLine: 'Spine' });
  for (const d of ['2026-02-02', '2026-06-08', '2026-08-10']) await refer(hilltop.id, { receivedOn: d });
  for (const d of ['2026-02-03', '2026-06-09', '2026-08-11']) await refer(cedar.id, { receivedOn: d, sourceKind: 'hospital' });
  await refer(cedar.id, { receivedOn: '2024-05-01', sourceKind: 'hospital' });
  for (const d of ['2025-04-01', '2025-06-01', '2025-08-01', '2025-10-01']) await refer(dormant.id, { receivedOn: d });
  // One the practice sent: counted as sent, never as received.
  await a.call('referrals.create', { officeId: hilltop.id, direction: 'out', receivedOn: '2026-05-01', serviceLine: 'Cardiology' });
  return { a, dana, eli, eastside, lakeside, hilltop, cedar, dormant, park };
}

const get = (a: TestApp, extra: Record<string, unknown> = {}) => a.call('dashboard.get', { ...WINDOW, ...extra });

describe('the manager dashboard', () => {
  it('ranks referrers (ties share a rank, listed by name), with shares, the previous period and conversion', async () => {
    const { a } = await practice();
    const d = await get(a);
    expect(d.period).toEqual({ from: '2026-01-01', to: '2026-10-31', previousFrom: '2025-03-01', previousTo: '2025-12-31' });
    expect(d.totals).toMatchObject({ received: 30, seen: 4, lost: 1, referringOffices: 4, sent: 1, previousReceived: 6 });
    expect(d.totals.conversion).toEqual({ value: 4 / 30, numerator: 4, denominator: 30 });
    expect(d.top.map((t) => [t.rank, t.officeName, t.received, t.previous])).toEqual([
      [1, 'Eastside Family Practice', 18, 0],
      [2, 'Lakeside Orthopedics', 6, 2],
      [3, 'Cedar Hospital', 3, 0],
      [3, 'Hilltop Family Medicine', 3, 0],
    ]);
    expect(d.top[1]).toMatchObject({ share: 6 / 30, change: 2, conversion: 4 / 6, liaisonName: 'Dana Whitfield', city: 'Toledo' });
    expect(d.monthly.map((m) => m.received)).toEqual([1, 2, 1, 3, 4, 5, 4, 5, 4, 1]);
  });

  it('checks the 80/20 rule against the practice: what share of offices sends 80%', async () => {
    const { a } = await practice();
    const { pareto } = await get(a);
    // 18 + 6 = 24 of 30 is 80%: two of the four referring offices.
    expect(pareto).toMatchObject({ share: 0.5, offices: 2, referringOffices: 4, topFifthShare: 18 / 30 });
    expect(pareto.curve.at(0)).toEqual({ officeShare: 0, referralShare: 0 });
    expect(pareto.curve.at(-1)).toEqual({ officeShare: 1, referralShare: 1 });
  });

  it('flags an office whose last complete month fell against its trailing average, and names new and lost referrers', async () => {
    const { a } = await practice();
    const d = await get(a);
    expect(d.atRisk).toEqual([
      { officeId: expect.any(String), officeName: 'Eastside Family Practice', liaisonName: 'Eli Brooks', city: 'Kent', month: '2026-10', count: 0, trailingAverage: 3, change: -1 },
    ]);
    expect(d.newReferrers.map((r) => [r.officeName, r.firstMonth, r.received])).toEqual([
      ['Eastside Family Practice', '2026-04', 18],
      ['Hilltop Family Medicine', '2026-02', 3],
    ]);
    expect(d.lostReferrers.map((r) => [r.officeName, r.previous])).toEqual([['Dormant Clinic', 4]]);
  });

  it('splits referrals by source kind and service line', async () => {
    const { a } = await practice();
    const d = await get(a);
    expect(d.bySourceKind.map((k) => [k.label, k.received])).toEqual([['Physician office', 27], ['Hospital', 3]]);
    expect(d.byServiceLine.map((l) => [l.serviceLine, l.received, l.seen])).toEqual([['Knee', 24, 0], ['Spine', 6, 4]]);
  });

  it('narrows to one liaison by who owned the office when the referral arrived, even after it changes hands', async () => {
    const { a, dana, eli, lakeside } = await practice();
    await a.call('offices.update', { id: lakeside.id, patch: { ownerId: eli.id } });
    const d = await get(a, { liaisonId: dana.id });
    expect(d.top.map((t) => [t.officeName, t.received])).toEqual([['Lakeside Orthopedics', 6]]);
    expect(d.lostReferrers.map((r) => r.officeName)).toEqual(['Dormant Clinic']);
    expect(d.liaisons.map((l) => [l.name, l.received, l.previous])).toEqual([['Dana Whitfield', 6, 6]]);
    const eliOnly = await get(a, { liaisonId: eli.id });
    expect(eliOnly.totals.received).toBe(21);
    expect((await get(a, { liaisonId: 'none' })).top.map((t) => t.officeName)).toEqual(['Cedar Hospital']);
  });

  it('narrows to a territory by ZIP prefix or city, charts included', async () => {
    const { a } = await practice();
    const toledo = await get(a, { territory: '436' });
    expect(toledo.top.map((t) => t.officeName)).toEqual(['Lakeside Orthopedics', 'Cedar Hospital']);
    expect(toledo.bySourceKind.map((k) => [k.label, k.received])).toEqual([['Physician office', 6], ['Hospital', 3]]);
    expect(toledo.monthly.reduce((s, m) => s + m.received, 0)).toBe(9);
    const kent = await get(a, { territory: 'Kent' });
    expect(kent.totals).toMatchObject({ received: 21, sent: 1 });
    expect(kent.atRisk.map((r) => r.officeName)).toEqual(['Eastside Family Practice']);
    // As typed: any case, spaces around; a prefix of one digit, or the whole ZIP.
    expect((await get(a, { territory: '  KENT ' })).totals.received).toBe(21);
    expect((await get(a, { territory: '4' })).totals.received).toBe(30);
    expect((await get(a, { territory: '43610' })).top.map((t) => t.officeName)).toEqual(['Cedar Hospital']);
    expect((await get(a, { territory: '439' })).totals.received).toBe(0);
  });

  it('follows every write: an edit moving a referral out of the window and a delete change the figures at once', async () => {
    const { a, hilltop } = await practice();
    const { rows } = await a.call('referrals.list', { officeId: hilltop.id, direction: 'in' });
    await a.call('referrals.update', { id: rows[0]!.id, patch: { receivedOn: '2026-11-02' } });
    await a.call('referrals.delete', { id: rows[1]!.id });
    const d = await get(a);
    expect(d.top.find((t) => t.officeName === 'Hilltop Family Medicine')?.received).toBe(1);
    expect(d.totals.received).toBe(28);
  });

  it('follows a referral moved to another office: the counts of both change', async () => {
    const { a, hilltop, cedar } = await practice();
    await get(a);
    const { rows } = await a.call('referrals.list', { officeId: hilltop.id, direction: 'in' });
    await a.call('referrals.update', { id: rows[0]!.id, patch: { officeId: cedar.id } });
    const d = await get(a);
    expect(d.top.slice(2).map((t) => [t.rank, t.officeName, t.received])).toEqual([
      [3, 'Cedar Hospital', 4],
      [4, 'Hilltop Family Medicine', 2],
    ]);
    expect(d.totals.received).toBe(30);
  });

  it('prices seen referrals by service line where the practice set a value', async () => {
    const { a } = await practice();
    const { settings } = await a.call('referralSettings.get', {});
    await a.call('referralSettings.save', { ...settings, expectedCents: { Spine: 250_000 } });
    expect((await get(a)).totals.estimatedRevenue).toEqual({ cents: 1_000_000, unpriced: 0 });
  });

  it('downloads as CSV with each table as a section', async () => {
    const { a } = await practice();
    const { csv, fileName } = await a.call('dashboard.csv', WINDOW);
    expect(fileName).toBe('Referral dashboard 2026-01-01 to 2026-10-31.csv');
    expect(csv).toContain('1,Eastside Family Practice,Eli Brooks,Kent,18,60%,0,,0%');
    expect(csv).toContain('Dormant Clinic,Dana Whitfield,4');
  });

  it('compares a month under way with the same days of the previous period, not with a whole month', async () => {
    const a = open();
    a.ctx.now = () => NOW;
    await a.call('team.setMe', { name: 'Mia Manager', role: 'manager' });
    const dana = await a.call('team.create', { name: 'Dana Whitfield', role: 'liaison' });
    const steady = await a.call('offices.create', { name: 'Steady Clinic', ownerId: dana.id, address: { city: 'Kent', state: 'OH', zip: '44240' } });
    const late = await a.call('offices.create', { name: 'Late Month Clinic', ownerId: dana.id, address: { city: 'Kent', state: 'OH', zip: '44240' } });
    const refer = (officeId: string, receivedOn: string) => a.call('referrals.create', { officeId, serviceLine: 'Knee', receivedOn });
    // Steady sends two by the 24th every month, and two more after it; Late Month only after the 24th.
    for (const d of ['2026-10-03', '2026-10-20', '2026-10-27', '2026-10-30', '2026-11-02', '2026-11-24']) await refer(steady.id, d);
    await refer(late.id, '2026-10-28');
    const d = await a.call('dashboard.get', { from: '2026-11-01', to: '2026-11-24' });
    // November 1–24 against October 1–24: level, not down by half; Late Month has not missed its turn yet.
    expect(d.period).toEqual({ from: '2026-11-01', to: '2026-11-24', previousFrom: '2026-10-01', previousTo: '2026-10-24' });
    expect(d.totals).toMatchObject({ received: 2, previousReceived: 2 });
    expect(d.top.map((t) => [t.officeName, t.received, t.previous, t.change])).toEqual([['Steady Clinic', 2, 2, 0]]);
    expect(d.lostReferrers).toEqual([]);
    expect(d.liaisons.map((l) => [l.name, l.received, l.previous, l.growth])).toEqual([['Dana Whitfield', 2, 2, 0]]);
    // The same by territory (read office by office) and for the liaison.
    const kent = await a.call('dashboard.get', { from: '2026-11-01', to: '2026-11-24', territory: 'Kent', liaisonId: dana.id });
    expect(kent.totals).toMatchObject({ received: 2, previousReceived: 2 });
    // A whole month past is compared with the whole month before it.
    const october = await a.call('dashboard.get', { from: '2026-10-01', to: '2026-10-31' });
    expect(october.period).toMatchObject({ previousFrom: '2026-09-01', previousTo: '2026-09-30' });
    expect(october.totals).toMatchObject({ received: 5, previousReceived: 0 });
    // The 31st has no match in a 30-day month: the previous period runs to that month's end.
    a.ctx.now = () => '2026-12-31T15:00:00.000Z';
    const december = await a.call('dashboard.get', { from: '2026-12-01', to: '2026-12-31' });
    expect(december.period).toMatchObject({ previousTo: '2026-11-30' });
  });

  it('answers an empty practice with zeros and nulls, not errors', async () => {
    const a = open();
    const d = await get(a);
    expect(d.totals.received).toBe(0);
    expect(d.pareto).toMatchObject({ share: null, curve: [] });
    expect(d.top).toEqual([]);
  });
});

describe('the Four C scorecard', () => {
  it('scores an office from its measures and its own ratings, with the numbers behind each C', async () => {
    const { a, lakeside, park } = await practice();
    // Thank-you notes: the week of Jan 5 and the week of Sep 14 (2 of 6 referral weeks).
    for (const day of ['2026-01-12', '2026-09-20']) {
      await a.call('gifts.log', { officeId: lakeside.id, kind: 'thank_you_note', day, totalCents: 0, peopleSharing: 1, recipients: [{ personId: park.id }], description: 'Thanks' });
    }
    insertRow(a.ctx, 'visit_feedback', {
      id: '0190a5b0-0000-7000-8000-0000000000f1', office_id: lakeside.id, visit_id: null, communication: 4, credibility: 5, capacity: null, consistency: null,
      comment: null, by_id: null, reverses: null, created_at: '2026-06-01T12:00:00.000Z',
    });
    const s = await a.call('scorecards.office', { officeId: lakeside.id, ...WINDOW });
    const measure = (c: string, key: string) => s.cs.find((x) => x.c === c)!.measures.find((m) => m.key === key)!;
    // Loop closure: of 4 seen, notes within 7 days for 2 → 50% → poor (0).
    expect(measure('communication', 'loopClosure')).toMatchObject({ value: 0.5, numerator: 2, denominator: 4, score: 0, display: '2 of 4 consult notes within 7 days (50%)' });
    // 2 of 6 referral weeks thanked → 33.
    expect(measure('communication', 'thankYou')).toMatchObject({ numerator: 2, denominator: 6, score: 33 });
    // Days to first appointment 5, 10, 2, 3: median 4 → (4−21)/(3−21) → 94.
    expect(measure('capacity', 'daysToAppointment')).toMatchObject({ value: 4, score: 94 });
    // 4 seen of 6 → (0.667−0.5)/(0.9−0.5) → 42.
    expect(measure('capacity', 'conversion')).toMatchObject({ numerator: 4, denominator: 6, score: 42 });
    // Monthly 1,0,1,0,1,0,1,0,1,1: CV 0.816 → (0.816−1)/(0.2−1) → 23. No visits: adherence unmeasured.
    expect(measure('consistency', 'steadiness').score).toBe(23);
    expect(measure('consistency', 'cadenceAdherence').score).toBeNull();
    expect(s.card).toEqual({
      state: 'scored', referrals: 6,
      // Communication: (0 + 33 + rating 4 → 75) / 3 = 36; Credibility: rating 5 → 100; Capacity: (94 + 42) / 2 = 68; Consistency: 23.
      cs: { communication: 36, credibility: 100, capacity: 68, consistency: 23 },
      overall: 57,
    });
    expect(s.cs.find((x) => x.c === 'communication')).toMatchObject({ rating: 4, ratings: 1, score: 36 });
    expect(s.volume).toMatchObject({ received: 6, seen: 4, lost: 1, sent: 0 });
    expect(s.daysToFirstAppointment).toEqual({ median: 4, p90: 10, count: 4 });
    expect(s.trend).toHaveLength(12);
    expect(s.trend.at(-1)).toMatchObject({ month: '2026-10', referrals: 2 });
  });

  it('says "not enough data" under three referrals rather than a score, and weights count', async () => {
    const { a, hilltop, lakeside } = await practice();
    const few = await a.call('scorecards.office', { officeId: hilltop.id, from: '2026-01-01', to: '2026-06-30' });
    expect(few.card).toEqual({ state: 'not_enough_data', referrals: 2, message: 'Not enough data: 2 referrals in this period (a score needs 3).' });
    const { settings } = await a.call('referralSettings.get', {});
    await a.call('referralSettings.save', { ...settings, weights: { communication: 0, credibility: 0, capacity: 1, consistency: 0 } });
    const s = await a.call('scorecards.office', { officeId: lakeside.id, ...WINDOW });
    expect(s.card.state === 'scored' && s.card.overall).toBe(s.card.state === 'scored' ? s.card.cs.capacity : -1);
  });

  it('scores a physician by their own referrals; several offices at once; as CSV', async () => {
    const { a, park, lakeside, eastside } = await practice();
    const p = await a.call('scorecards.person', { personId: park.id, ...WINDOW });
    expect(p.subject).toMatchObject({ kind: 'person', name: 'Ada Park, MD', officeName: 'Lakeside Orthopedics' });
    expect(p.card).toMatchObject({ state: 'not_enough_data', referrals: 2 });
    const { cards } = await a.call('scorecards.many', { officeIds: [lakeside.id, eastside.id], ...WINDOW });
    expect(cards.map((c) => [c.officeId, c.card.referrals])).toEqual([[lakeside.id, 6], [eastside.id, 18]]);
    const { csv, fileName } = await a.call('scorecards.csv', { officeId: lakeside.id, ...WINDOW });
    expect(fileName).toBe('Scorecard Lakeside Orthopedics 2026-01-01 to 2026-10-31.csv');
    expect(csv).toContain('Communication,Consult notes sent back in time,0,2 of 4 consult notes within 7 days (50%),0.5,0.95,0.5');
  });
});

describe('the office timeline', () => {
  it('lists its referrals both ways with their step', async () => {
    const { a, hilltop } = await practice();
    const office = await a.call('offices.get', { id: hilltop.id });
    const titles = office.timeline.filter((e) => e.title.startsWith('Received') || e.title.startsWith('Sent'));
    expect(titles.map((t) => t.title)).toEqual(['Received: Knee', 'Received: Knee', 'Sent to them: Cardiology', 'Received: Knee']);
    expect(titles[0]!.detail).toBe('Received');
  });
});
