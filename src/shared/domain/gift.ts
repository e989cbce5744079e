import { z } from 'zod';
import { ENTRY_KINDS, type EntryKind } from '../gifts/check';
import { centsField } from '../money';
import { optionalText, recordId } from './fields';
import { PERSON_KINDS } from './person';
import { calendarDay } from './visit';

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  meal: 'Meal',
  gift: 'Gift',
  educational: 'Educational item',
  event: 'Event or ticket',
  thank_you_note: 'Thank-you note',
  cash_equivalent: 'Gift card or cash equivalent',
  other: 'Other',
};
export const MEAL_PLACES = ['in_office', 'restaurant'] as const;
export const MEAL_PLACE_LABELS: Record<(typeof MEAL_PLACES)[number], string> = { in_office: 'In-office lunch', restaurant: 'Restaurant' };

export const LIMIT_KINDS = ['stark_nonmonetary', 'oig_nominal_item', 'oig_nominal_patient_year'] as const;
export const LIMIT_KIND_LABELS: Record<(typeof LIMIT_KINDS)[number], string> = {
  stark_nonmonetary: 'Stark non-monetary compensation, per physician per year',
  oig_nominal_item: 'OIG nominal value, per item to a patient',
  oig_nominal_patient_year: 'OIG nominal value, per patient per year',
};

const year = z.number().int().min(2000).max(2100);

/** A named recipient; `cents` set: the user's own share (then every recipient has one). */
export const GiftRecipientInput = z.object({ personId: recordId, cents: centsField.nullish() });

/** What the form proposes: checked live (gifts.check) and saved (gifts.log). */
export const GiftProposal = z.object({
  officeId: recordId,
  kind: z.enum(ENTRY_KINDS, { error: 'Choose what kind of entry this is' }),
  day: calendarDay,
  totalCents: centsField,
  /** everyone who shared it, the named recipients and people not in the directory */
  peopleSharing: z.number({ error: 'How many people shared it?' }).int('A whole number of people').min(1, 'At least one person').max(500, 'More than 500 people? Check the number'),
  recipients: z.array(GiftRecipientInput).max(200, 'At most 200 named recipients in one entry'),
});
export type GiftProposal = z.output<typeof GiftProposal>;

export const GiftOverrideInput = z.object({
  reason: z.string().trim().min(10, 'Write why this entry may go over the limit (at least a sentence)').max(2_000),
});

export const GiftLog = GiftProposal.extend({
  visitId: recordId.nullish(),
  place: z.enum(MEAL_PLACES).nullish(),
  inPerson: z.boolean().default(false),
  description: z.string().trim().min(1, 'Describe it, like "Lunch for the front office"').max(500),
  vendor: optionalText(200),
  /** a manager's written reason, needed when any recipient would go over a limit */
  override: GiftOverrideInput.nullish(),
  /** a receipt already sent to the app (imports.upload / imports.chooseFile) */
  receiptFileId: z.string().min(1).max(64).nullish(),
});
export type GiftLogInput = z.input<typeof GiftLog>;

export const RecipientCheckOut = z.object({
  personId: z.string(),
  name: z.string(),
  kind: z.enum(PERSON_KINDS),
  verdict: z.enum(['ok', 'warning', 'over', 'forbidden']),
  rule: z.string(),
  source: z.string(),
  limitCents: z.number().nullable(),
  spentCents: z.number(),
  thisCents: z.number(),
  remainingCents: z.number().nullable(),
  note: z.string().nullable(),
});
export type RecipientCheckOut = z.output<typeof RecipientCheckOut>;

export const GiftCheckResult = z.object({
  shares: z.array(z.object({ personId: z.string(), cents: z.number() })),
  othersCents: z.number(),
  checks: z.array(RecipientCheckOut),
  /** the worst verdict of any recipient (ok with none) */
  verdict: z.enum(['ok', 'warning', 'over', 'forbidden']),
  /** an entry-level finding with no recipient (a cash equivalent with nobody named, a per-occasion cap) */
  entryProblems: z.array(z.string()),
});
export type GiftCheckResult = z.output<typeof GiftCheckResult>;

export const GiftShareOut = z.object({ personId: z.string(), name: z.string(), kind: z.string(), npi: z.string().nullable(), cents: z.number() });

export const GiftEntryOut = z.object({
  id: z.string(),
  officeId: z.string(),
  officeName: z.string(),
  visitId: z.string().nullable(),
  kind: z.enum(ENTRY_KINDS),
  place: z.enum(MEAL_PLACES).nullable(),
  inPerson: z.boolean(),
  day: z.string(),
  totalCents: z.number(),
  peopleSharing: z.number(),
  othersCents: z.number(),
  description: z.string(),
  vendor: z.string().nullable(),
  loggedBy: z.string().nullable(),
  reverses: z.string().nullable(),
  reversedBy: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  shares: z.array(GiftShareOut),
  overrides: z.array(z.object({ id: z.string(), byName: z.string().nullable(), byRole: z.string().nullable(), reason: z.string(), selfDeclared: z.boolean(), createdAt: z.string() })),
  receipts: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), bytes: z.number(), createdAt: z.string() })),
});
export type GiftEntryOut = z.output<typeof GiftEntryOut>;

export const GiftListQuery = z.object({
  officeId: recordId.optional(),
  personId: recordId.optional(),
  kind: z.enum(ENTRY_KINDS).optional(),
  from: calendarDay.optional(),
  to: calendarDay.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const GiftListRow = z.object({
  id: z.string(),
  day: z.string(),
  kind: z.enum(ENTRY_KINDS),
  officeId: z.string(),
  officeName: z.string(),
  description: z.string(),
  totalCents: z.number(),
  recipients: z.string(),
  loggedBy: z.string().nullable(),
  reversed: z.boolean(),
  isReversal: z.boolean(),
  overridden: z.boolean(),
  receipts: z.number(),
});
export type GiftListRow = z.output<typeof GiftListRow>;

export const CureStatus = z.object({
  eligible: z.boolean(),
  excessCents: z.number(),
  deadline: z.string().nullable(),
  reason: z.string().nullable(),
  /** repaid already (this year) */
  repaidCents: z.number(),
});

export const PhysicianSpend = z.object({
  personId: z.string(),
  name: z.string(),
  kind: z.enum(PERSON_KINDS),
  npi: z.string().nullable(),
  officeId: z.string(),
  officeName: z.string(),
  year: z.number(),
  spentCents: z.number(),
  repaidCents: z.number(),
  limitCents: z.number().nullable(),
  limitSource: z.string().nullable(),
  limitNote: z.string().nullable(),
  warnAt: z.number(),
  entries: z.array(z.object({ entryId: z.string(), day: z.string(), kind: z.enum(ENTRY_KINDS), description: z.string(), officeName: z.string(), cents: z.number(), reversal: z.boolean() })),
  repayments: z.array(z.object({ id: z.string(), cents: z.number(), repaidOn: z.string(), deadline: z.string(), note: z.string().nullable() })),
  cure: CureStatus.nullable(),
  thankYouNotes: z.array(z.object({ entryId: z.string(), day: z.string(), description: z.string() })),
});
export type PhysicianSpend = z.output<typeof PhysicianSpend>;

export const OfficeSpend = z.object({
  year: z.number(),
  totalCents: z.number(),
  entries: z.number(),
  people: z.array(z.object({ personId: z.string(), name: z.string(), kind: z.enum(PERSON_KINDS), spentCents: z.number(), limitCents: z.number().nullable() })),
});

export const Repay = z.object({
  personId: recordId,
  year,
  cents: centsField.refine((c) => c > 0, 'Enter what the physician repaid'),
  repaidOn: calendarDay,
  note: optionalText(500),
});

export const CureDue = z.object({
  personId: z.string(),
  name: z.string(),
  officeName: z.string(),
  year: z.number(),
  excessCents: z.number(),
  eligible: z.boolean(),
  deadline: z.string().nullable(),
  reason: z.string().nullable(),
});
export type CureDue = z.output<typeof CureDue>;

export const LimitRow = z.object({ id: z.string(), kind: z.enum(LIMIT_KINDS), year: z.number(), cents: z.number(), source: z.string(), updatedAt: z.string() });
export const LimitSave = z.object({
  kind: z.enum(LIMIT_KINDS),
  year,
  cents: centsField.refine((c) => c > 0, 'A limit is more than zero'),
  source: z.string().trim().min(3, 'Say where the figure comes from (the CMS page, a law-firm alert…)').max(300),
});

export const GiftPolicyShape = z.object({
  warnAt: z.number().min(0.1, 'Warn at 10% or more').max(1, 'Warn at 100% at most'),
  perOccasionCents: centsField.nullable(),
  perPersonMealCents: centsField.nullable(),
  forbiddenKinds: z.array(z.enum(ENTRY_KINDS)),
  staffPerYearCents: centsField.nullable(),
});

export const ThankYouTemplate = z.object({
  id: z.string().trim().min(1).max(60),
  name: z.string().trim().min(1, 'Name the template').max(80),
  body: z.string().trim().min(1, 'Write the note').max(4_000),
});
export const ThankYouTemplates = z.array(ThankYouTemplate).max(30, 'At most 30 templates');

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
/** A referral code or initials: never a name, record number or birth date (HIPAA identifiers). */
export const referralCode = z
  .string()
  .trim()
  .min(2, 'Enter the referral code or initials')
  .max(20, 'A code or initials, at most 20 characters')
  .superRefine((s, ctx) => {
    // Dates in digits (3/14/61, 1961-03-14) or with a month's name (Mar 14 1961, 14 March 1961).
    if (/\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(s) || new RegExp(`\\b${MONTH}[a-z]*\\.?,?\\s*\\d|\\d\\s*${MONTH}`, 'i').test(s)) {
      ctx.addIssue({ code: 'custom', message: 'That looks like a date: use the referral code or initials, never a birth date' });
    }
    // Two words (John Smith, Smith, John, Mary-Jane Watson) or one capitalised word (Smith, O’Brien).
    else if (/^[A-Za-z][A-Za-z'’-]{2,},?\s+[A-Za-z]{2,}/.test(s) || /^[A-Z][a-z]*(?:['’-]?[A-Z]?[a-z]+)+$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'That looks like a name: use the referral code or initials' });
    } else if (/^(mrn|mr)?\s*[:#-]?\s*\d{6,}$/i.test(s)) ctx.addIssue({ code: 'custom', message: 'That looks like a medical record number: use the referral code' });
  });

export const RewardLog = z.object({
  referralCode,
  day: calendarDay,
  cents: centsField,
  description: z.string().trim().min(1, 'Describe the thank-you, like "Coffee mug"').max(300),
});

export const RewardCheck = z.object({
  verdict: z.enum(['ok', 'warning', 'over', 'forbidden']),
  itemLimitCents: z.number().nullable(),
  yearLimitCents: z.number().nullable(),
  spentCents: z.number(),
  rule: z.string(),
  source: z.string(),
});

export const RewardRow = z.object({
  id: z.string(),
  referralCode: z.string(),
  day: z.string(),
  cents: z.number(),
  description: z.string(),
  loggedBy: z.string().nullable(),
  reversed: z.boolean(),
  isReversal: z.boolean(),
});

export const LedgerVerdict = z.object({
  state: z.enum(['intact', 'broken', 'incomplete', 'empty']),
  records: z.number(),
  /** in words, for the screen */
  message: z.string(),
  /** this device's chain's latest hash (what reports print) */
  head: z.string().nullable(),
  chains: z.array(
    z.object({
      chain: z.string(),
      mine: z.boolean(),
      records: z.number(),
      head: z.string().nullable(),
      state: z.enum(['intact', 'broken', 'incomplete']),
      problem: z.string().nullable(),
    }),
  ),
});
export type LedgerVerdict = z.output<typeof LedgerVerdict>;

export const ReportRange = z
  .object({ from: calendarDay, to: calendarDay })
  .refine((r) => r.from <= r.to, { message: 'The report ends before it starts', path: ['to'] });

export const ComplianceReport = z.object({
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  ledgerHead: z.string().nullable(),
  ledgerState: z.string(),
  totals: z.object({ entries: z.number(), totalCents: z.number(), overrides: z.number(), repaymentsCents: z.number(), rewardsCents: z.number() }),
  entries: z.array(
    z.object({
      id: z.string(),
      day: z.string(),
      kind: z.enum(ENTRY_KINDS),
      officeName: z.string(),
      description: z.string(),
      vendor: z.string().nullable(),
      totalCents: z.number(),
      peopleSharing: z.number(),
      loggedBy: z.string().nullable(),
      reverses: z.string().nullable(),
      /** a correction's reason */
      reason: z.string().nullable(),
      shares: z.array(z.object({ name: z.string(), kind: z.string(), npi: z.string().nullable(), cents: z.number() })),
    }),
  ),
  overrides: z.array(z.object({ entryId: z.string(), day: z.string(), byName: z.string().nullable(), byRole: z.string().nullable(), reason: z.string(), selfDeclared: z.boolean() })),
  repayments: z.array(z.object({ name: z.string(), npi: z.string().nullable(), year: z.number(), cents: z.number(), repaidOn: z.string(), deadline: z.string() })),
  rewards: z.array(z.object({ referralCode: z.string(), day: z.string(), cents: z.number(), description: z.string() })),
  physicians: z.array(z.object({ personId: z.string(), name: z.string(), npi: z.string().nullable(), year: z.number(), spentCents: z.number(), limitCents: z.number().nullable(), over: z.boolean() })),
});
export type ComplianceReport = z.output<typeof ComplianceReport>;

export const YearStatement = z.object({
  personId: z.string(),
  name: z.string(),
  npi: z.string().nullable(),
  officeName: z.string(),
  year: z.number(),
  limitCents: z.number().nullable(),
  limitSource: z.string().nullable(),
  receivedCents: z.number(),
  repaidCents: z.number(),
  items: z.array(z.object({ day: z.string(), kind: z.enum(ENTRY_KINDS), description: z.string(), officeName: z.string(), cents: z.number() })),
  ledgerHead: z.string().nullable(),
  generatedAt: z.string(),
});
