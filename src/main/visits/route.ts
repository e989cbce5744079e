import type { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import { milesBetween, type LatLng } from '../../shared/geo/distance';
import type { VisitHours } from '../../shared/domain/visitHours';
import { AppError } from '../../shared/errors';
import type { DayRoute, RouteQuery } from '../../shared/visits/contract';
import { retimeDay } from '../../shared/visits/retime';
import { fitPinned } from '../../shared/visits/pinned';
import { DEFAULT_ROAD_FACTOR, planRoute, START } from '../../shared/visits/route';
import { addDays, dayBounds, dayOf, instantOf, systemZone, wallClockOf } from '../../shared/visits/time';
import { toCsv } from '../csv/toCsv';
import type { Ctx } from '../context';
import type { VisitStatus } from '../db/schema';
import { updateRow } from '../db/writePath';
import { zipCentroids } from '../geo/zipCentroids';
import { readMe } from '../team/me';
import { requireMember } from '../team/service';

/** Town driving between offices, door to door, parking included: miles to minutes for re-timing. */
const AVERAGE_MPH = 25;
const travelMinutes = (miles: number) => (miles / AVERAGE_MPH) * 60;

interface DayVisit {
  id: string;
  office_id: string;
  office_name: string;
  starts_at: string;
  ends_at: string;
  pinned: number;
  sequence: number;
  status: string;
  coords: string | null;
  zip: string | null;
  visit_hours: string | null;
}

function liaisonOf(ctx: Ctx, liaison: string): string {
  if (liaison !== 'me') return requireMember(ctx, liaison).id;
  const me = readMe(ctx);
  if (!me) throw new AppError('invalid_input', 'Say who you are first (Settings → Team) so the app knows whose day to route.');
  return me.id;
}

function visitsOfDay(ctx: Ctx, liaisonId: string, day: string, zone: string, statuses: VisitStatus[]): DayVisit[] {
  const { start, end } = dayBounds(day, zone);
  return ctx.store.all(
    ctx.store.q
      .selectFrom('visits as v')
      .innerJoin('offices as o', 'o.id', 'v.office_id')
      .select(['v.id', 'v.office_id', 'o.name as office_name', 'v.starts_at', 'v.ends_at', 'v.pinned', 'v.sequence', 'v.status', 'o.coords', 'o.zip', 'o.visit_hours'])
      .where('v.liaison_id', '=', liaisonId)
      .where('v.deleted_at', 'is', null)
      .where('o.archived_at', 'is', null)
      .where('v.status', 'in', statuses)
      .where('v.starts_at', '>=', start)
      .where('v.starts_at', '<', end)
      .orderBy('v.starts_at'),
  ) as DayVisit[];
}

type Located = { point: LatLng; located: 'office' | 'zip'; note?: string } | { why: string };

async function locate(v: { coords: string | null; zip: string | null }): Promise<Located> {
  if (v.coords) return { point: JSON.parse(v.coords) as LatLng, located: 'office' };
  if (!v.zip) return { why: 'No address ZIP or coordinates' };
  const place = (await zipCentroids()).place(v.zip);
  if (!place) return { why: `ZIP ${v.zip} is not in the offline ZIP data; add the office's coordinates` };
  return place.exact
    ? { point: { lat: place.lat, lng: place.lng }, located: 'zip' }
    : { point: { lat: place.lat, lng: place.lng }, located: 'zip', note: `ZIP ${v.zip} placed by its area (${v.zip.slice(0, 3)}xx); miles are rougher` };
}

async function startOf(ctx: Ctx, liaisonId: string): Promise<{ label: string; point: LatLng; roundTrip: boolean } | { problem: string; roundTrip: boolean }> {
  const member = requireMember(ctx, liaisonId);
  const s = member.routeStart;
  if (!s) return { problem: `Set where ${member.name}'s day starts (Settings → Route start) to order the stops.`, roundTrip: true };
  if (s.coords) return { label: s.label, point: s.coords, roundTrip: s.roundTrip };
  const place = s.zip ? (await zipCentroids()).place(s.zip) : null;
  if (!place) return { problem: `The start ZIP ${s.zip ?? ''} is not in the offline ZIP data; give its coordinates in Settings.`, roundTrip: s.roundTrip };
  return { label: s.label, point: { lat: place.lat, lng: place.lng }, roundTrip: s.roundTrip };
}

/** Miles along stops in this order, from the start (and back when a round trip). */
function milesAlong(start: LatLng | null, points: LatLng[], roundTrip: boolean): number {
  let total = 0;
  let at = start;
  for (const p of points) {
    if (at) total += milesBetween(at, p) * DEFAULT_ROAD_FACTOR;
    at = p;
  }
  if (roundTrip && start && at && points.length) total += milesBetween(at, start) * DEFAULT_ROAD_FACTOR;
  return total;
}

/**
 * The day's planned stops in a short driving order from the liaison's start point, with the times
 * that order gives (pinned visits keep theirs) and what is wrong with any of them.
 */
export async function dayRoute(ctx: Ctx, q: z.output<typeof RouteQuery>): Promise<DayRoute> {
  const zone = q.zone ?? systemZone();
  const liaisonId = liaisonOf(ctx, q.liaison);
  const visits = visitsOfDay(ctx, liaisonId, q.day, zone, ['planned']);
  const start = await startOf(ctx, liaisonId);
  const roundTrip = q.roundTrip ?? start.roundTrip;
  const placed: (DayVisit & { point: LatLng; located: 'office' | 'zip'; note?: string })[] = [];
  const unlocated: DayRoute['unlocated'] = [];
  for (const v of visits) {
    const where = await locate(v);
    if ('why' in where) unlocated.push({ visitId: v.id, officeName: v.office_name, why: where.why });
    else placed.push({ ...v, ...where });
  }
  const startPoint = 'point' in start ? start.point : null;
  const currentMiles = milesAlong(startPoint, placed.map((p) => p.point), roundTrip);
  const byId = new Map(placed.map((p) => [p.id, p]));
  const dayStart = Temporal.PlainTime.from(q.dayStart);
  const minutesAfterStart = (instant: string) => dayStart.until(wallClockOf(instant, zone).toPlainTime(), { largestUnit: 'minutes' }).minutes;
  let route: { order: string[]; legs: { from: string; to: string; miles: number }[]; totalMiles: number } = { order: placed.map((p) => p.id), legs: [], totalMiles: currentMiles };
  if (startPoint) {
    const shortest = planRoute(startPoint, placed.map((p) => ({ id: p.id, lat: p.point.lat, lng: p.point.lng })), { roundTrip });
    // Pinned visits keep their times: the order is bent to reach each in time.
    route = placed.some((p) => p.pinned)
      ? fitPinned(
          startPoint,
          shortest.order.map((id) => {
            const v = byId.get(id)!;
            return { id, ...v.point, pinnedAt: v.pinned ? minutesAfterStart(v.starts_at) : null, durationMinutes: (Date.parse(v.ends_at) - Date.parse(v.starts_at)) / 60_000 };
          }),
          { roundTrip, minutesPerMile: 60 / AVERAGE_MPH },
        )
      : shortest;
  }
  const ordered = route.order.map((id) => byId.get(id)!);
  const legMiles = new Map(route.legs.map((l) => [l.to, l.miles]));
  const timed = retimeDay({
    day: q.day,
    dayStart: q.dayStart,
    stops: ordered.map((v) => ({
      id: v.id,
      durationMinutes: Math.max(1, Math.round((Date.parse(v.ends_at) - Date.parse(v.starts_at)) / 60_000)),
      pinnedStart: v.pinned ? wallClockOf(v.starts_at, zone).toPlainTime() : null,
      hours: v.visit_hours ? (JSON.parse(v.visit_hours) as VisitHours) : [],
    })),
    travelMinutes: ordered.map((v) => travelMinutes(legMiles.get(v.id) ?? 0)),
  });
  const names = new Map(placed.map((p) => [p.id, p.office_name]));
  return {
    day: q.day,
    start: 'point' in start ? { label: start.label, point: start.point } : null,
    roundTrip,
    stops: ordered.map((v, i) => ({
      visitId: v.id,
      officeId: v.office_id,
      officeName: v.office_name,
      startsAt: v.starts_at,
      endsAt: v.ends_at,
      suggestedStartsAt: instantOf(timed[i]!.start, zone),
      suggestedEndsAt: instantOf(timed[i]!.end, zone),
      pinned: v.pinned !== 0,
      located: v.located,
      point: v.point,
      flag: [v.note, timed[i]!.flag].filter(Boolean).join('. ') || null,
    })),
    unlocated,
    legs: route.legs.map((l) => ({
      from: l.from === START ? ('label' in start ? start.label : 'Start') : names.get(l.from)!,
      to: l.to === START ? ('label' in start ? start.label : 'Start') : names.get(l.to)!,
      miles: l.miles,
    })),
    totalMiles: route.totalMiles,
    currentMiles,
    problem: 'problem' in start ? start.problem : null,
  };
}

/** Re-times the day's visits in the suggested order, in one transaction; pinned visits keep their times. */
export async function applyDayRoute(ctx: Ctx, q: z.output<typeof RouteQuery>): Promise<DayRoute> {
  const route = await dayRoute(ctx, q);
  if (route.problem) throw new AppError('invalid_input', route.problem);
  if (route.unlocated.length) {
    // Their times would be packed over: the day cannot be re-timed around a stop it cannot place.
    throw new AppError(
      'invalid_input',
      `${route.unlocated.map((u) => u.officeName).join(', ')} cannot be placed on the map. Give ${route.unlocated.length === 1 ? 'that office' : 'those offices'} coordinates or a known ZIP, or move ${route.unlocated.length === 1 ? 'that visit' : 'those visits'} to another day, before re-timing this one.`,
    );
  }
  const zone = q.zone ?? systemZone();
  ctx.store.tx(() => {
    for (const s of route.stops) {
      if (s.pinned || (s.suggestedStartsAt === s.startsAt && s.suggestedEndsAt === s.endsAt)) continue;
      // A stop the day cannot hold keeps its time (and its flag): re-timing never moves a visit to another day.
      if (dayOf(s.suggestedStartsAt, zone) !== q.day || dayOf(new Date(Date.parse(s.suggestedEndsAt) - 1).toISOString(), zone) !== q.day) continue;
      const seq = ctx.store.first(ctx.store.q.selectFrom('visits').select('sequence').where('id', '=', s.visitId))?.sequence ?? 0;
      updateRow(ctx, 'visits', s.visitId, { starts_at: s.suggestedStartsAt, ends_at: s.suggestedEndsAt, sequence: seq + 1 });
    }
  });
  return dayRoute(ctx, q);
}

/**
 * The mileage log for expense claims: per day, the stops in the order they were (or are to be)
 * made — completed and planned visits by start time — and the estimated miles of that drive.
 */
export async function mileageCsv(ctx: Ctx, q: { from: string; to: string; liaison: string; zone?: string }) {
  const zone = q.zone ?? systemZone();
  if (q.to < q.from) throw new AppError('invalid_input', 'The end date is before the start date.', [{ path: ['to'], message: 'The end date is before the start date.' }]);
  const span = Temporal.PlainDate.from(q.from).until(q.to).days;
  if (span > 366) throw new AppError('invalid_input', 'Export at most a year at a time.', [{ path: ['to'], message: 'Export at most a year at a time.' }]);
  const liaisonId = liaisonOf(ctx, q.liaison);
  const member = requireMember(ctx, liaisonId);
  const start = await startOf(ctx, liaisonId);
  const startPoint = 'point' in start ? start.point : null;
  const rows: unknown[][] = [];
  let total = 0;
  for (let day = q.from; day <= q.to; day = addDays(day, 1)) {
    const visits = visitsOfDay(ctx, liaisonId, day, zone, ['completed', 'planned']);
    if (!visits.length) continue;
    const points: LatLng[] = [];
    const skipped: string[] = [];
    const rough: string[] = [];
    for (const v of visits) {
      const where = await locate(v);
      if ('point' in where) {
        points.push(where.point);
        if (where.note) rough.push(v.office_name);
      } else skipped.push(v.office_name);
    }
    const miles = Math.round(milesAlong(startPoint, points, start.roundTrip) * 10) / 10;
    total += miles;
    rows.push([
      day,
      member.name,
      visits.length,
      miles.toFixed(1),
      [startPoint ? ('label' in start ? start.label : '') : null, ...visits.map((v) => v.office_name), start.roundTrip && startPoint ? ('label' in start ? start.label : '') : null]
        .filter(Boolean)
        .join(' → '),
      [
        skipped.length ? `Not counted (no location): ${skipped.join(', ')}` : null,
        rough.length ? `Placed by ZIP area only: ${rough.join(', ')}` : null,
        startPoint ? null : 'No start point set: miles between stops only',
      ]
        .filter(Boolean)
        .join('; '),
    ]);
  }
  const csv = toCsv(['Date', 'Liaison', 'Stops', 'Estimated miles', 'Route', 'Notes'], [
    ...rows,
    ['Total', member.name, rows.reduce((n, r) => n + (r[2] as number), 0), total.toFixed(1), `Estimated: straight-line distance × ${DEFAULT_ROAD_FACTOR}`, ''],
  ]);
  return { fileName: `mileage-${member.name.replace(/[^A-Za-z0-9]+/g, '-')}-${q.from}-to-${q.to}.csv`, csv, days: rows.length, miles: Math.round(total * 10) / 10 };
}
