import { z } from 'zod';
import type { MethodSpec } from '../api/define';
import { recordId } from '../domain/fields';
import { DIRECTIONS, Referral, ReferralCreate, ReferralStep, ReferralUpdate, SOURCE_KINDS, STATUSES } from '../domain/referral';
import { calendarDay, zoneName } from '../domain/visit';
import { FOUR_CS } from './scorecard';
import { MEASURE_KEYS, ReferralSettings } from './settings';

const ById = z.object({ id: recordId });
const RatioOut = z.object({ value: z.number().nullable(), numerator: z.number().int(), denominator: z.number().int() });

/** A period of whole days, both ends included. */
export const Period = z
  .object({ from: calendarDay, to: calendarDay })
  .refine((p) => p.from <= p.to, { message: 'The period must end on or after the day it starts', path: ['to'] });

/** What every dashboard chart and table narrows by. */
export const DashboardQuery = z
  .object({
    from: calendarDay,
    to: calendarDay,
    /** a liaison's id, 'none' for offices nobody owned, omitted for everyone */
    liaisonId: z.union([recordId, z.literal('none')]).optional(),
    /** a ZIP prefix or a city, as on the worklist */
    territory: z.string().trim().max(60).default(''),
    topN: z.number().int().min(1).max(200).default(25),
    zone: zoneName.optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'The period must end on or after the day it starts', path: ['to'] });
export type DashboardQuery = z.input<typeof DashboardQuery>;

export const ReferralQuery = z.object({
  direction: z.enum(DIRECTIONS).optional(),
  officeId: recordId.optional(),
  personId: recordId.optional(),
  liaisonId: recordId.optional(),
  status: z.array(z.enum(STATUSES)).default([]),
  from: calendarDay.optional(),
  to: calendarDay.optional(),
  /** office name, referral code or source id */
  search: z.string().trim().max(100).default(''),
  page: z.number().int().min(0).default(0),
  pageSize: z.number().int().min(1).max(500).default(100),
});

const Scored = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not_enough_data'), referrals: z.number().int(), message: z.string() }),
  z.object({
    state: z.literal('scored'),
    referrals: z.number().int(),
    cs: z.object(Object.fromEntries(FOUR_CS.map((c) => [c, z.number().nullable()])) as Record<(typeof FOUR_CS)[number], z.ZodNullable<z.ZodNumber>>),
    overall: z.number().nullable(),
  }),
]);

/** One measure behind a C: its value, what it was made from, and its 0–100 score between the practice's poor and good. */
export const MeasureOut = z.object({
  key: z.enum(MEASURE_KEYS as [string, ...string[]]),
  label: z.string(),
  value: z.number().nullable(),
  /** the value as a person reads it: "6 of 8 (75%)", "4 days", "0.31" */
  display: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  poor: z.number(),
  good: z.number(),
  score: z.number().nullable(),
});

export const ScorecardDetail = z.object({
  subject: z.object({
    kind: z.enum(['office', 'person']),
    id: z.string(),
    name: z.string(),
    officeId: z.string(),
    officeName: z.string(),
    liaisonName: z.string().nullable(),
  }),
  period: z.object({ from: z.string(), to: z.string() }),
  card: Scored,
  /** each C: its score, the office's own average rating and how many ratings, and the measures behind it */
  cs: z.array(
    z.object({
      c: z.enum(FOUR_CS),
      score: z.number().nullable(),
      rating: z.number().nullable(),
      ratings: z.number().int(),
      measures: z.array(MeasureOut),
    }),
  ),
  volume: z.object({
    received: z.number().int(),
    seen: z.number().int(),
    lost: z.number().int(),
    /** referrals the practice sent them in the period: the reciprocity balance */
    sent: z.number().int(),
    monthly: z.array(z.object({ month: z.string(), received: z.number().int(), seen: z.number().int() })),
  }),
  daysToFirstAppointment: z.object({ median: z.number().nullable(), p90: z.number().nullable(), count: z.number().int() }),
  /** new relationships: days from the first outreach visit to the first referral */
  daysToFirstReferral: z.number().int().nullable(),
  spend: z.object({ cents: z.number().int(), limitCents: z.number().int().nullable(), share: RatioOut }),
  estimatedRevenue: z.object({ cents: z.number().int(), unpriced: z.number().int() }),
  /** 12 points, each month scored over the three months ending with it */
  trend: z.array(
    z.object({
      month: z.string(),
      referrals: z.number().int(),
      communication: z.number().nullable(),
      credibility: z.number().nullable(),
      capacity: z.number().nullable(),
      consistency: z.number().nullable(),
      overall: z.number().nullable(),
    }),
  ),
});
export type ScorecardDetail = z.output<typeof ScorecardDetail>;

const OfficeRef = { officeId: z.string(), officeName: z.string(), liaisonName: z.string().nullable(), city: z.string().nullable() };

export const Dashboard = z.object({
  period: z.object({ from: z.string(), to: z.string(), previousFrom: z.string(), previousTo: z.string() }),
  totals: z.object({
    received: z.number().int(),
    seen: z.number().int(),
    lost: z.number().int(),
    conversion: RatioOut,
    referringOffices: z.number().int(),
    sent: z.number().int(),
    previousReceived: z.number().int(),
    estimatedRevenue: z.object({ cents: z.number().int(), unpriced: z.number().int() }),
  }),
  monthly: z.array(z.object({ month: z.string(), received: z.number().int(), seen: z.number().int() })),
  top: z.array(
    z.object({
      ...OfficeRef,
      rank: z.number().int(),
      received: z.number().int(),
      seen: z.number().int(),
      share: z.number(),
      previous: z.number().int(),
      change: z.number().nullable(),
      conversion: z.number().nullable(),
    }),
  ),
  pareto: z.object({
    /** share of referring offices that send 80% of referrals */
    share: z.number().nullable(),
    offices: z.number().int(),
    referringOffices: z.number().int(),
    /** share of referrals from the top 20% of referring offices */
    topFifthShare: z.number().nullable(),
    /** cumulative share of referrals against share of offices, at most ~100 points */
    curve: z.array(z.object({ officeShare: z.number(), referralShare: z.number() })),
  }),
  atRisk: z.array(z.object({ ...OfficeRef, month: z.string(), count: z.number().int(), trailingAverage: z.number(), change: z.number() })),
  newReferrers: z.array(z.object({ ...OfficeRef, received: z.number().int(), firstMonth: z.string() })),
  lostReferrers: z.array(z.object({ ...OfficeRef, previous: z.number().int() })),
  bySourceKind: z.array(z.object({ sourceKind: z.enum(SOURCE_KINDS), label: z.string(), received: z.number().int(), seen: z.number().int() })),
  byServiceLine: z.array(z.object({ serviceLine: z.string(), received: z.number().int(), seen: z.number().int() })),
  liaisons: z.array(
    z.object({
      liaisonId: z.string().nullable(),
      name: z.string(),
      visits: z.number().int(),
      visitsPerWeek: z.number(),
      offices: z.number().int(),
      received: z.number().int(),
      previous: z.number().int(),
      growth: z.number().nullable(),
    }),
  ),
});
export type Dashboard = z.output<typeof Dashboard>;

/** An office's balance with the practice: "we sent X, they sent Y". */
export const Reciprocity = z.object({
  officeId: z.string(),
  received: z.number().int(),
  sent: z.number().int(),
  from: z.string(),
  to: z.string(),
  recent: z.array(Referral),
});

const Csv = z.object({ csv: z.string(), fileName: z.string() });

/**
 * The referrals domain: referrals in and out through their pipeline, the practice's scorecard
 * rules, the Four C's scorecards and the manager's dashboard. Imports of a practice-management
 * system's referral report go through imports.* with `spec: 'referrals'`.
 */
export const referralsContract = {
  'referrals.create': { input: ReferralCreate, output: Referral },
  /** only the fields the user changed */
  'referrals.update': { input: ReferralUpdate, output: Referral },
  /** moves a referral to a step of the pipeline, dated */
  'referrals.step': { input: ReferralStep, output: Referral },
  /** a synced tombstone: the page confirms first */
  'referrals.delete': { input: ById, output: z.object({ id: z.string() }) },
  'referrals.get': { input: ById, output: Referral },
  'referrals.list': { input: ReferralQuery, output: z.object({ total: z.number().int(), rows: z.array(Referral) }) },
  /** the service lines in use, most used first, for the form's suggestions */
  'referrals.serviceLines': { input: z.object({}).default({}), output: z.object({ lines: z.array(z.string()) }) },
  'referrals.reciprocity': { input: z.object({ officeId: recordId, from: calendarDay.optional(), to: calendarDay.optional() }), output: Reciprocity },
  'referralSettings.get': { input: z.object({}).default({}), output: z.object({ settings: ReferralSettings, isDefault: z.boolean() }) },
  'referralSettings.save': { input: ReferralSettings, output: z.object({ settings: ReferralSettings, isDefault: z.boolean() }) },
  'dashboard.get': { input: DashboardQuery, output: Dashboard },
  'dashboard.csv': { input: DashboardQuery, output: Csv },
  'scorecards.office': { input: Period.and(z.object({ officeId: recordId })), output: ScorecardDetail },
  'scorecards.person': { input: Period.and(z.object({ personId: recordId })), output: ScorecardDetail },
  /** the cards of several offices at once (the dashboard's top referrers) */
  'scorecards.many': {
    input: Period.and(z.object({ officeIds: z.array(recordId).max(200) })),
    output: z.object({ cards: z.array(z.object({ officeId: z.string(), card: Scored })) }),
  },
  'scorecards.csv': { input: Period.and(z.object({ officeId: recordId.optional(), personId: recordId.optional() })), output: Csv },
} satisfies Record<string, MethodSpec>;

