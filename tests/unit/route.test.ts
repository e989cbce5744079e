import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { milesBetween, type LatLng } from '../../src/shared/geo/distance';
import { formatMiles, planRoute, START, type Route, type RouteStop } from '../../src/shared/visits/route';

/** A small seeded PRNG, so the comparison with brute force runs the same cases every time. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Somewhere in a metro area about 35 × 25 miles, where a liaison's day happens. */
const pointIn = (rnd: () => number): LatLng => ({ lat: 41.6 + rnd() * 0.5, lng: -88 + rnd() * 0.5 });
const stopsOf = (points: LatLng[]): RouteStop[] => points.map((p, i) => ({ id: `s${i}`, ...p }));

/** The shortest route over every order of the stops (n! of them), with road miles computed here, not by the module. */
function bruteForce(start: LatLng, stops: RouteStop[], roundTrip: boolean): number {
  const pts = [start, ...stops];
  const size = pts.length;
  const d = pts.flatMap((a) => pts.map((b) => milesBetween(a, b) * 1.3));
  const used = new Array<boolean>(size).fill(false);
  let best = Infinity;
  const walk = (at: number, placed: number, miles: number) => {
    if (placed === stops.length) {
      best = Math.min(best, miles + (roundTrip ? d[at * size]! : 0));
      return;
    }
    for (let j = 1; j < size; j++) {
      if (used[j]) continue;
      used[j] = true;
      walk(j, placed + 1, miles + d[at * size + j]!);
      used[j] = false;
    }
  };
  walk(0, 0, 0);
  return best;
}

/** A route's miles recomputed from its order alone, to check the module's legs against. */
function milesOf(start: LatLng, stops: RouteStop[], route: Route, roundTrip: boolean): number {
  const byId = new Map(stops.map((s) => [s.id, s]));
  const path = [start, ...route.order.map((id) => byId.get(id)!), ...(roundTrip && stops.length ? [start] : [])];
  return path.slice(1).reduce((sum, p, i) => sum + milesBetween(path[i]!, p) * 1.3, 0);
}

function expectWellFormed(start: LatLng, stops: RouteStop[], route: Route, roundTrip: boolean) {
  expect([...route.order].sort()).toEqual(stops.map((s) => s.id).sort());
  const chain = route.legs.map((l) => l.from);
  if (route.legs.length) chain.push(route.legs.at(-1)!.to);
  expect(chain).toEqual(stops.length ? [START, ...route.order, ...(roundTrip ? [START] : [])] : []);
  expect(route.totalMiles).toBe(route.legs.reduce((sum, l) => sum + l.miles, 0));
  expect(route.totalMiles).toBeCloseTo(milesOf(start, stops, route, roundTrip), 9);
}

describe('the day route against brute force (seeded; every permutation for 3–8 stops)', () => {
  it.each([
    ['round trip', true],
    ['one-way', false],
  ])('%s: never more than 20% longer than the shortest', (label, roundTrip) => {
    let worst = 1;
    for (let n = 3; n <= 8; n++) {
      const rnd = mulberry32(n * 7919 + (roundTrip ? 1 : 2));
      for (let c = 0; c < 300; c++) {
        const start = pointIn(rnd);
        const stops = stopsOf(Array.from({ length: n }, () => pointIn(rnd)));
        const route = planRoute(start, stops, { roundTrip });
        expectWellFormed(start, stops, route, roundTrip);
        worst = Math.max(worst, route.totalMiles / bruteForce(start, stops, roundTrip));
      }
    }
    console.log(`route: worst ratio vs brute force ${worst.toFixed(3)} (n=3..8, 300 cases each, ${label})`);
    expect(worst).toBeLessThanOrEqual(1.2);
  });
});

describe('the day route', () => {
  const start = { lat: 41.8, lng: -87.7 };
  // Along one meridian great-circle miles add up exactly, so the shortest route is known by hand.
  const north = (miles: number) => ({ lat: 41.8 + miles / 69.09, lng: -87.7 });
  const along = (id: string, miles: number): RouteStop => ({ id, ...north(miles) });
  const road = (miles: number) => milesBetween(start, north(miles)) * 1.3;

  it.each([
    ['one-way up a line: nearest first, ending at the farthest', false, [along('c', 9), along('a', 3), along('b', 6)], ['a', 'b', 'c'], road(9)],
    ['round trip up a line: out and back', true, [along('c', 9), along('a', 3), along('b', 6)], ['a', 'b', 'c'], 2 * road(9)],
    ['one-way from the middle: the nearer end first, then the other', false, [along('far', -8), along('near', 2), along('mid', 5)], ['near', 'mid', 'far'], 2 * road(5) + road(8)],
    ['round trip from the middle: one end, the other, back', true, [along('far', -8), along('near', 2), along('mid', 5)], ['near', 'mid', 'far'], 2 * road(5) + 2 * road(8)],
  ])('%s', (_name, roundTrip, stops, order, miles) => {
    const route = planRoute(start, stops, { roundTrip });
    if (roundTrip && route.order[0] !== order[0]) route.order.reverse(); // a loop is as short either way round
    expect(route.order).toEqual(order);
    expect(route.totalMiles).toBeCloseTo(miles, 9);
  });

  it('with no stops is empty, with one goes there (and back), with two takes the shorter order', () => {
    expect(planRoute(start, [])).toEqual({ order: [], legs: [], totalMiles: 0 });
    expect(planRoute(start, [], { roundTrip: false })).toEqual({ order: [], legs: [], totalMiles: 0 });
    expect(planRoute(start, [along('a', 4)])).toEqual({
      order: ['a'],
      legs: [{ from: START, to: 'a', miles: road(4) }, { from: 'a', to: START, miles: road(4) }],
      totalMiles: 2 * road(4),
    });
    expect(planRoute(start, [along('a', 4)], { roundTrip: false })).toEqual({ order: ['a'], legs: [{ from: START, to: 'a', miles: road(4) }], totalMiles: road(4) });
    expect(planRoute(start, [along('far', 10), along('near', -1)], { roundTrip: false }).order).toEqual(['near', 'far']);
    expect(planRoute(start, [along('far', 10), along('near', 1)], { roundTrip: false }).order).toEqual(['near', 'far']);
  });

  it('keeps stops at the same address together, in the order given', () => {
    const same = north(5);
    const stops = [{ id: 'x', ...north(-3) }, { id: 'a', ...same }, { id: 'b', ...same }, { id: 'c', ...same }];
    const route = planRoute(start, stops, { roundTrip: false });
    expect(route.order).toEqual(['x', 'a', 'b', 'c']);
    expect(route.legs.slice(2).map((l) => l.miles)).toEqual([0, 0]);
    expect(planRoute(same, stops.slice(1), { roundTrip: false })).toEqual({
      order: ['a', 'b', 'c'],
      legs: [{ from: START, to: 'a', miles: 0 }, { from: 'a', to: 'b', miles: 0 }, { from: 'b', to: 'c', miles: 0 }],
      totalMiles: 0,
    });
  });

  it('scales with the road factor (default 1.3) and refuses a meaningless one', () => {
    const stops = [along('a', 4), along('b', -2)];
    const crow = planRoute(start, stops, { roadFactor: 1 }).totalMiles;
    expect(planRoute(start, stops).totalMiles).toBeCloseTo(crow * 1.3, 9);
    expect(planRoute(start, stops, { roadFactor: 1.5 }).totalMiles).toBeCloseTo(crow * 1.5, 9);
    for (const roadFactor of [0, -1, Number.NaN, Infinity]) expect(() => planRoute(start, stops, { roadFactor })).toThrow(RangeError);
    expect(() => planRoute(start, [{ id: 'a', lat: Number.NaN, lng: 0 }])).toThrow('No usable location for stop a');
  });

  it('gives the identical route for the identical input', () => {
    const rnd = mulberry32(25);
    const home = pointIn(rnd);
    const stops = stopsOf(Array.from({ length: 25 }, () => pointIn(rnd)));
    for (const roundTrip of [true, false]) {
      const first = planRoute(home, stops, { roundTrip });
      expect(planRoute(home, structuredClone(stops), { roundTrip })).toEqual(first);
      expectWellFormed(home, stops, first, roundTrip);
    }
  });

  it('shows miles to one decimal', () => {
    expect([formatMiles(12.34), formatMiles(0), formatMiles(0.05), formatMiles(1234.56)]).toEqual(['12.3 mi', '0.0 mi', '0.1 mi', '1,234.6 mi']);
  });
});

const aPoint = fc.record({ lat: fc.double({ min: 41, max: 42.5, noNaN: true }), lng: fc.double({ min: -88.5, max: -87, noNaN: true }) });

describe('route properties (fast-check; the seed is printed on failure)', () => {
  it('visits every stop exactly once, legs chain from the start and add up to the total', () => {
    fc.assert(
      fc.property(aPoint, fc.array(aPoint, { maxLength: 30 }), fc.boolean(), (start, points, roundTrip) => {
        const stops = stopsOf(points);
        expectWellFormed(start, stops, planRoute(start, stops, { roundTrip }), roundTrip);
      }),
    );
  });

  it('is never longer than the nearest-neighbour route it starts from', () => {
    fc.assert(
      fc.property(aPoint, fc.array(aPoint, { maxLength: 15 }), fc.boolean(), (start, points, roundTrip) => {
        const stops = stopsOf(points);
        const left = [...stops];
        const greedy: RouteStop[] = [];
        let at: LatLng = start;
        while (left.length) {
          const i = left.reduce((b, s, j) => (milesBetween(at, s) < milesBetween(at, left[b]!) ? j : b), 0);
          const next = left.splice(i, 1)[0]!;
          greedy.push(next);
          at = next;
        }
        const nn = milesOf(start, stops, { order: greedy.map((s) => s.id), legs: [], totalMiles: 0 }, roundTrip);
        expect(planRoute(start, stops, { roundTrip }).totalMiles).toBeLessThanOrEqual(nn + 1e-9);
      }),
    );
  });
});
