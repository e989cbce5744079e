import { z } from 'zod';
import type { CadenceSettings as Settings, Interval as IntervalType } from '../visits/cadence';

/** Every so many weeks or months: what a person types into "Visit every …". */
export const Interval = z.union([
  z.object({ weeks: z.number().int().min(1, 'At least every week').max(52, 'At most every 52 weeks') }).strict(),
  z.object({ months: z.number().int().min(1, 'At least every month').max(24, 'At most every 24 months') }).strict(),
]);
const _interval: z.ZodType<IntervalType> = Interval;
void _interval;

/** An office's own cadence: an interval set by hand, or paused (with why). Null: follow the rules. */
export const OfficeCadence = z.union([
  z.object({ every: Interval }).strict(),
  z.object({ paused: z.literal(true), reason: z.string().trim().max(200).nullish().transform((s) => s || null) }).strict(),
]);
export type OfficeCadence = z.output<typeof OfficeCadence>;

/** The practice's cadence rules (Settings → Visits). */
export const CadenceSettings = z.object({
  tiers: z.object({ A: Interval, B: Interval, C: Interval, none: Interval }),
  newRelationship: z.object({
    every: Interval,
    months: z.number().int('Whole months').min(1, 'From 1 to 24 months').max(24, 'From 1 to 24 months'),
  }),
  dormant: Interval,
});
const _settings: z.ZodType<Settings> = CadenceSettings;
void _settings;

/** A point on the map: latitude and longitude in degrees (WGS 84, as phones and map sites give them). */
export const Coords = z.object({
  lat: z.number().min(-90, 'Latitude is between -90 and 90').max(90, 'Latitude is between -90 and 90'),
  lng: z.number().min(-180, 'Longitude is between -180 and 180').max(180, 'Longitude is between -180 and 180'),
});
export type Coords = z.output<typeof Coords>;
