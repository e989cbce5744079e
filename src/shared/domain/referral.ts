import { z } from 'zod';
import { optionalText, recordId } from './fields';
import { referralCode } from './gift';
import { calendarDay } from './visit';

/** Which way a referral went: patients sent to the practice, or sent by it to a partner. */
export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const SOURCE_KINDS = ['physician_office', 'hospital', 'urgent_care', 'community', 'patient', 'online', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  physician_office: 'Physician office',
  hospital: 'Hospital',
  urgent_care: 'Urgent care or ER',
  community: 'Community partner',
  patient: 'Patient or family',
  online: 'Online',
  other: 'Other',
};

/** The pipeline, in order; `lost` leaves it at any step. Each step has its own date. */
export const STATUSES = ['received', 'contacted', 'scheduled', 'seen', 'note_sent', 'closed', 'lost'] as const;
export type ReferralStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<ReferralStatus, string> = {
  received: 'Received',
  contacted: 'Contacted',
  scheduled: 'Scheduled',
  seen: 'Seen',
  note_sent: 'Consult note sent',
  closed: 'Closed',
  lost: 'Lost',
};
/** The date column each step sets. */
export const STATUS_DATE = {
  received: 'received_on',
  contacted: 'contacted_on',
  scheduled: 'scheduled_on',
  seen: 'seen_on',
  note_sent: 'note_sent_on',
  closed: 'closed_on',
  lost: 'lost_on',
} as const satisfies Record<ReferralStatus, string>;

export const LOST_REASONS = ['no_answer', 'insurance', 'chose_elsewhere', 'not_appropriate', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];
export const LOST_REASON_LABELS: Record<LostReason, string> = {
  no_answer: 'No answer',
  insurance: 'Insurance',
  chose_elsewhere: 'Chose elsewhere',
  not_appropriate: 'Not appropriate',
  other: 'Other',
};

export const serviceLine = z.string().trim().min(1, 'Name the service line, like "Spine"').max(60, 'At most 60 characters');

/**
 * The step dates a referral carries. Each is optional; the service holds them in order
 * (no step dated before the referral arrived) and sets the status to the furthest step dated.
 */
export const ReferralDates = z.object({
  contactedOn: calendarDay.nullable(),
  scheduledOn: calendarDay.nullable(),
  /** the day of the first appointment (what "days to first appointment" measures) */
  appointmentOn: calendarDay.nullable(),
  seenOn: calendarDay.nullable(),
  noteSentOn: calendarDay.nullable(),
  closedOn: calendarDay.nullable(),
  lostOn: calendarDay.nullable(),
});

/** The fields without defaults: an edit's patch must not fill in what the user did not send. */
const referralFieldShape = {
  direction: z.enum(DIRECTIONS),
  receivedOn: calendarDay,
  officeId: recordId,
  personId: recordId.nullish(),
  sourceKind: z.enum(SOURCE_KINDS),
  serviceLine,
  referralCode: referralCode.nullish(),
  sourceId: z.string().trim().min(1).max(80).nullish(),
  lostReason: z.enum(LOST_REASONS).nullish(),
  notes: optionalText(2_000),
};

export const ReferralFields = z.object({
  ...referralFieldShape,
  direction: referralFieldShape.direction.default('in'),
  sourceKind: referralFieldShape.sourceKind.default('physician_office'),
});

export const ReferralCreate = ReferralFields.extend(ReferralDates.partial().shape);
export type ReferralCreate = z.input<typeof ReferralCreate>;

/** Only the fields the user changed (a default here would overwrite a stored value on every edit). */
export const ReferralUpdate = z.object({
  id: recordId,
  patch: z.object(referralFieldShape).omit({ direction: true }).extend(ReferralDates.shape).partial(),
});

/** Moves a referral to a step, dated (today when omitted); `lost` needs a reason. */
export const ReferralStep = z.object({
  id: recordId,
  status: z.enum(STATUSES).exclude(['received']),
  on: calendarDay.optional(),
  lostReason: z.enum(LOST_REASONS).optional(),
});

export const Referral = z.object({
  id: z.string(),
  direction: z.enum(DIRECTIONS),
  receivedOn: z.string(),
  officeId: z.string(),
  officeName: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  sourceKind: z.enum(SOURCE_KINDS),
  serviceLine: z.string(),
  referralCode: z.string().nullable(),
  sourceId: z.string().nullable(),
  status: z.enum(STATUSES),
  contactedOn: z.string().nullable(),
  scheduledOn: z.string().nullable(),
  appointmentOn: z.string().nullable(),
  seenOn: z.string().nullable(),
  noteSentOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  lostOn: z.string().nullable(),
  lostReason: z.enum(LOST_REASONS).nullable(),
  liaisonId: z.string().nullable(),
  liaisonName: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Referral = z.output<typeof Referral>;
