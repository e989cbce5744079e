import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/shared/visits/time';
import { appsClosedAfterEach } from '../helpers/tempApp';

const open = appsClosedAfterEach();
const ZONE = 'America/New_York';

/** Me, starting from home in Columbus, OH, and four offices around town (one with its own coordinates, one with a ZIP the data lacks). */
async function columbusDay() {
  const a = open();
  a.ctx.now = () => '2026-11-20T12:00:00.000Z';
  const me = await a.call('team.setMe', { name: 'Dana Whitfield', role: 'liaison' });
  await a.call('team.update', { id: me.id, patch: { routeStart: { label: 'Home', zip: '43215', roundTrip: true } } });
  const office = (name: string, zip: string, coords?: { lat: number; lng: number }) =>
    a.call('offices.create', { name, ownerId: me.id, address: { zip }, coords: coords ?? null });
  const offices = [
    await office('Westerville Ortho', '43081'),
    await office('Grove City Family', '43123'),
    await office('Dublin Cardiology', '43017', { lat: 40.0992, lng: -83.1141 }),
    await office('Nowhere Clinic', '00000'),
  ];
  // Planned in a poor order: north, south, north-west, and the unknown one, 45 minutes each.
  const times = ['14:00', '15:00', '16:00', '17:00'];
  const visits = [];
  for (const [i, o] of offices.entries()) {
    const r = await a.call('visits.plan', { officeId: o.id, startsAt: `2026-11-24T${times[i]}:00Z`, endsAt: `2026-11-24T${times[i]!.slice(0, 2)}:45:00Z`, zone: ZONE });
    if (!r.saved) throw new Error(r.warning);
    visits.push(r.visit);
  }
  return { a, me, offices, visits };
}

describe('the day route through the API', () => {
  it('orders the located stops from home, says which could not be placed, and re-times them on apply', async () => {
    const { a, visits } = await columbusDay();
    const route = await a.call('route.day', { day: '2026-11-24', zone: ZONE });
    expect(route.problem).toBeNull();
    expect(route.start?.label).toBe('Home');
    expect(route.unlocated).toEqual([{ visitId: visits[3]!.id, officeName: 'Nowhere Clinic', why: expect.stringContaining('not in the offline ZIP data') }]);
    expect(route.stops.map((s) => s.located)).toContain('office');
    // Round trip: one leg more than stops; the suggested order is no longer than the planned one.
    expect(route.legs).toHaveLength(4);
    expect(route.totalMiles).toBeLessThanOrEqual(route.currentMiles + 1e-9);
    expect(route.legs.reduce((n, l) => n + l.miles, 0)).toBeCloseTo(route.totalMiles, 9);
    // Grove City (south) must not sit between the two northern stops.
    const names = route.stops.map((s) => s.officeName);
    expect(Math.abs(names.indexOf('Westerville Ortho') - names.indexOf('Dublin Cardiology'))).toBe(1);

    // A stop it cannot place would be packed over: re-timing waits until it can be placed or moves away.
    await expect(a.call('route.apply', { day: '2026-11-24', zone: ZONE })).rejects.toThrow(/Nowhere Clinic cannot be placed on the map/);
    await a.call('visits.close', { id: visits[3]!.id, status: 'cancelled', reason: 'Clinic moved; address unknown' });
    const applied = await a.call('route.apply', { day: '2026-11-24', zone: ZONE, dayStart: '08:30' });
    for (const s of applied.stops) {
      expect(s.startsAt).toBe(s.suggestedStartsAt);
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(45 * 60_000);
    }
    // Stops follow each other in the new order, the first after driving from home from 08:30 (13:30Z).
    const starts = applied.stops.map((s) => s.startsAt);
    expect([...starts].sort()).toEqual(starts);
    expect(starts[0]! > '2026-11-24T13:30:00.000Z').toBe(true);
    const seq = a.ctx.store.sqlite.prepare('SELECT sequence FROM visits WHERE id = ?').pluck().get(applied.stops[0]!.visitId);
    expect(seq).toBe(1);
  });

  it('keeps a pinned visit where it is and says when the route needs the start point', async () => {
    const { a, me, visits } = await columbusDay();
    await a.call('visits.change', { id: visits[1]!.id, patch: { pinned: true } });
    await a.call('visits.close', { id: visits[3]!.id, status: 'cancelled', reason: 'Clinic moved; address unknown' });
    const applied = await a.call('route.apply', { day: '2026-11-24', zone: ZONE });
    expect(applied.stops.find((s) => s.visitId === visits[1]!.id)?.startsAt).toBe('2026-11-24T15:00:00.000Z');
    // The order bends around the pinned visit: the day's times still follow the driving order.
    const starts = applied.stops.map((s) => s.startsAt);
    expect([...starts].sort()).toEqual(starts);
    expect(applied.legs.reduce((n, l) => n + l.miles, 0)).toBeCloseTo(applied.totalMiles, 9);
    await a.call('team.update', { id: me.id, patch: { routeStart: null } });
    const without = await a.call('route.day', { day: '2026-11-24', zone: ZONE });
    expect(without.problem).toMatch(/Set where Dana Whitfield's day starts/);
  });

  it('never moves a visit to another day when the day runs out; those keep their time, flagged', async () => {
    const { a, visits } = await columbusDay();
    await a.call('visits.close', { id: visits[3]!.id, status: 'cancelled', reason: 'Clinic moved; address unknown' });
    const r = await a.call('route.apply', { day: '2026-11-24', zone: ZONE, dayStart: '23:15' });
    for (const s of r.stops) expect(dayOf(s.startsAt, ZONE)).toBe('2026-11-24');
    expect(r.stops.some((s) => /midnight/.test(s.flag ?? ''))).toBe(true);
  });

  it('a teammate added with where their day starts gets routes from there', async () => {
    const { a } = await columbusDay();
    const sam = await a.call('team.create', { name: 'Sam Ortiz', routeStart: { label: 'Office', zip: '43017', roundTrip: false } });
    expect(sam.routeStart).toEqual({ label: 'Office', zip: '43017', coords: null, roundTrip: false });
  });

  it('exports the mileage log as CSV, with the estimate said', async () => {
    const { a } = await columbusDay();
    const r = await a.call('route.mileageCsv', { from: '2026-11-23', to: '2026-11-25', zone: ZONE });
    expect(r.days).toBe(1);
    expect(r.miles).toBeGreaterThan(10);
    const lines = r.csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Date,Liaison,Stops,Estimated miles,Route,Notes');
    expect(lines[1]).toMatch(/^2026-11-24,Dana Whitfield,4,\d+\.\d,Home → Westerville Ortho → Grove City Family → Dublin Cardiology → Nowhere Clinic → Home,Not counted \(no location\): Nowhere Clinic$/);
    expect(lines[2]).toContain('Estimated: straight-line distance × 1.3');
  });

  it('exports planned and cancelled visits as iCalendar, read back at the same instants', async () => {
    const { a, visits } = await columbusDay();
    await a.call('visits.close', { id: visits[0]!.id, status: 'cancelled', reason: 'Doctor out sick' });
    const r = await a.call('visits.ics', { from: '2026-11-24', to: '2026-11-24', zone: ZONE });
    expect(r.count).toBe(4);
    const cal = new ICAL.Component(ICAL.parse(r.text));
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const byUid = new Map(events.map((e) => [e.uid, e]));
    for (const v of visits) {
      const e = byUid.get(`${v.id}@liaison-crm`)!;
      expect(e.startDate.toJSDate().toISOString()).toBe(v.startsAt);
    }
    const cancelled = cal.getAllSubcomponents('vevent').find((c) => c.getFirstPropertyValue('uid') === `${visits[0]!.id}@liaison-crm`)!;
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.getFirstPropertyValue('sequence')).toBe(1);
  });
});
