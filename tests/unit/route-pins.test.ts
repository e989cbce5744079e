import { describe, expect, it } from 'vitest';
import { fitPinned, type TimedRouteStop } from '../../src/shared/visits/pinned';
import { START } from '../../src/shared/visits/route';

// Along a line east of the start, about 7 road miles apart; at 2.4 minutes a mile (25 mph) each hop is ~17 minutes.
const start = { lat: 40, lng: -83 };
const stop = (id: string, east: number, pinnedAt: number | null = null, durationMinutes = 30): TimedRouteStop => ({ id, lat: 40, lng: -83 + east * 0.1, pinnedAt, durationMinutes });
const opts = { roundTrip: true, minutesPerMile: 60 / 25 };

describe('fitting pinned visits into the route', () => {
  it('keeps the route order when nothing is pinned, with its legs and miles', () => {
    const r = fitPinned(start, [stop('a', 1), stop('b', 2), stop('c', 3)], opts);
    expect(r.order).toEqual(['a', 'b', 'c']);
    expect(r.legs.map((l) => [l.from, l.to])).toEqual([[START, 'a'], ['a', 'b'], ['b', 'c'], ['c', START]]);
    expect(r.totalMiles).toBeCloseTo(r.legs.reduce((n, l) => n + l.miles, 0), 9);
  });

  it('puts a pinned visit in as soon as another stop first would make it late', () => {
    // b is pinned 20 minutes into the day: a first (17 + 30 + 17 minutes) would miss it.
    const r = fitPinned(start, [stop('a', 1), stop('b', 2, 20), stop('c', 3)], opts);
    expect(r.order).toEqual(['b', 'a', 'c']);
  });

  it('makes the free stops before a pinned visit while it can still be reached in time, and pins keep their time order', () => {
    // p1 at 4 h: both free stops fit before it (done by ~2 h); p2 at 10 h comes after p1.
    const r = fitPinned(start, [stop('p2', 3, 600), stop('a', 1), stop('p1', 2, 240), stop('c', 4)], opts);
    expect(r.order).toEqual(['a', 'c', 'p1', 'p2']);
    // p1 at 70 minutes: after a (done at ~47), going on to c first would be late.
    expect(fitPinned(start, [stop('a', 1), stop('p1', 2, 70), stop('c', 4)], opts).order).toEqual(['a', 'p1', 'c']);
    const one = fitPinned(start, [stop('a', 1), stop('b', 2)], { ...opts, roundTrip: false });
    expect(one.legs.at(-1)!.to).toBe('b');
  });
});
