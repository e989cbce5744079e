import { z } from 'zod';
import { FOUR_CS, type FourC } from './scorecard';

/** The measures behind each C, in the order the scorecard shows them. */
export const MEASURES = {
  communication: ['loopClosure', 'thankYou'],
  credibility: [],
  capacity: ['daysToAppointment', 'conversion'],
  consistency: ['cadenceAdherence', 'steadiness'],
} as const satisfies Record<FourC, readonly string[]>;
export type MeasureKey = (typeof MEASURES)[FourC][number];
export const MEASURE_KEYS = Object.values(MEASURES).flat() as MeasureKey[];

export const MEASURE_LABELS: Record<MeasureKey, { label: string; unit: 'share' | 'days' | 'ratio' }> = {
  loopClosure: { label: 'Consult notes sent back in time', unit: 'share' },
  thankYou: { label: 'Weeks with referrals thanked', unit: 'share' },
  daysToAppointment: { label: 'Days to first appointment (median)', unit: 'days' },
  conversion: { label: 'Conversion (seen ÷ received)', unit: 'share' },
  cadenceAdherence: { label: 'Visits made on time', unit: 'share' },
  steadiness: { label: 'Month-to-month variation (CV)', unit: 'ratio' },
};

const Range = z
  .object({ poor: z.number().finite(), good: z.number().finite() })
  .refine((r) => r.poor !== r.good, { message: '"Poor" and "good" must differ', path: ['good'] });

/**
 * The practice's scorecard and dashboard rules: one synced settings row (`referral_settings`),
 * made alike on every device by migration 0007, edited by a manager in Settings.
 */
export const ReferralSettings = z.object({
  /** a consult note counts as closing the loop when sent within this many days of the visit */
  loopDays: z.number().int().min(1).max(90),
  ranges: z.object(Object.fromEntries(MEASURE_KEYS.map((k) => [k, Range])) as Record<MeasureKey, typeof Range>),
  weights: z.object(Object.fromEntries(FOUR_CS.map((c) => [c, z.number().min(0).max(10)])) as Record<FourC, z.ZodNumber>),
  atRisk: z.object({
    /** volume fell by more than this share against the trailing average */
    dropShare: z.number().gt(0).lt(1),
    /** among offices averaging at least this many referrals a month */
    minPerMonth: z.number().min(0),
    /** the trailing average's length */
    trailingMonths: z.number().int().min(2).max(24),
  }),
  /** one thank-you task per office per this many days with new referrals; 0 turns them off */
  thankYouEveryDays: z.number().int().min(0).max(90),
  /** expected value of one seen referral, by service line, in integer cents */
  expectedCents: z.record(z.string().trim().min(1).max(60), z.number().int().min(0)),
});
export type ReferralSettings = z.output<typeof ReferralSettings>;

// Also frozen into migration 0007's row: change both or neither (a test holds them equal).
export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  loopDays: 7,
  ranges: {
    loopClosure: { poor: 0.5, good: 0.95 },
    thankYou: { poor: 0, good: 1 },
    daysToAppointment: { poor: 21, good: 3 },
    conversion: { poor: 0.5, good: 0.9 },
    cadenceAdherence: { poor: 0.5, good: 0.95 },
    steadiness: { poor: 1, good: 0.2 },
  },
  weights: { communication: 1, credibility: 1, capacity: 1, consistency: 1 },
  atRisk: { dropShare: 0.3, minPerMonth: 2, trailingMonths: 6 },
  thankYouEveryDays: 7,
  expectedCents: {},
};
