import { milesBetween, type LatLng } from '../geo/distance';
import { DEFAULT_ROAD_FACTOR, START, type Leg } from './route';

export interface TimedRouteStop extends LatLng {
  id: string;
  /** minutes after the day starts that a pinned visit begins; null for a free one */
  pinnedAt: number | null;
  durationMinutes: number;
}

/**
 * The route's order made to keep its pinned visits: the free stops stay in the order the route
 * found, and each pinned stop goes in as soon as driving on to the next free stop first would
 * make it late (at `minutesPerMile`). Pinned stops keep their own time order. Without pins the
 * order is the route's. Then the legs and miles of that order.
 */
export function fitPinned(
  start: LatLng,
  ordered: readonly TimedRouteStop[],
  opts: { roundTrip: boolean; minutesPerMile: number; roadFactor?: number },
): { order: string[]; legs: Leg[]; totalMiles: number } {
  const factor = opts.roadFactor ?? DEFAULT_ROAD_FACTOR;
  const miles = (a: LatLng, b: LatLng) => milesBetween(a, b) * factor;
  const drive = (a: LatLng, b: LatLng) => miles(a, b) * opts.minutesPerMile;
  const free = ordered.filter((s) => s.pinnedAt === null);
  const pins = ordered.filter((s) => s.pinnedAt !== null).sort((a, b) => a.pinnedAt! - b.pinnedAt!);
  const out: TimedRouteStop[] = [];
  let at: LatLng = start;
  let t = 0;
  const visit = (s: TimedRouteStop) => {
    const arrive = t + drive(at, s);
    t = (s.pinnedAt !== null ? Math.max(arrive, s.pinnedAt) : arrive) + s.durationMinutes;
    at = s;
    out.push(s);
  };
  let p = 0;
  for (const u of free) {
    while (p < pins.length && t + drive(at, u) + u.durationMinutes + drive(u, pins[p]!) > pins[p]!.pinnedAt!) visit(pins[p++]!);
    visit(u);
  }
  while (p < pins.length) visit(pins[p++]!);
  const legs: Leg[] = [];
  let from: LatLng & { id?: string } = start;
  for (const s of out) {
    legs.push({ from: from === start ? START : from.id!, to: s.id, miles: miles(from, s) });
    from = s;
  }
  if (opts.roundTrip && out.length) legs.push({ from: from.id!, to: START, miles: miles(from, start) });
  return { order: out.map((s) => s.id), legs, totalMiles: legs.reduce((n, l) => n + l.miles, 0) };
}
