import { z } from 'zod';
import { labelList, optionalText, recordId } from './fields';

export const VISIT_STATUSES = ['planned', 'completed', 'missed', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = { planned: 'Planned', completed: 'Completed', missed: 'Missed', cancelled: 'Cancelled' };

export const VISIT_PURPOSES = ['introduction', 'relationship', 'lunch_and_learn', 'issue_resolution', 'drop_off'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
export const VISIT_PURPOSE_LABELS: Record<VisitPurpose, string> = {
  introduction: 'Introduction',
  relationship: 'Relationship',
  lunch_and_learn: 'Lunch-and-learn',
  issue_resolution: 'Issue resolution',
  drop_off: 'Drop-off',
};

/** What liaisons leave most; anything else can be typed. */
export const LEFT_ITEM_SUGGESTIONS = ['Referral pads', 'Brochures', 'Business cards', 'Referral forms', 'Patient education handouts'];

/** Touches logged without a visit; visits, lunches and gifts make their own. */
export const QUICK_TOUCH_KINDS = ['call', 'email', 'dropoff'] as const;
export const TOUCH_KINDS = ['visit', 'lunch', 'gift', ...QUICK_TOUCH_KINDS] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];
export const TOUCH_KIND_LABELS: Record<TouchKind, string> = {
  visit: 'Visit',
  lunch: 'Lunch',
  gift: 'Gift',
  call: 'Phone call',
  email: 'Email',
  dropoff: 'Drop-off',
};

/** An instant as the API carries it: ISO-8601 with a zone or offset, stored as UTC. */
export const instant = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const t = /[zZ]|[+-]\d\d:?\d\d$/.test(s) ? Date.parse(s) : NaN;
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: 'custom', message: 'Not a date and time with its zone' });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  });

/** A calendar day, YYYY-MM-DD, that exists. */
export const calendarDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-24')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'That date does not exist');

/** Zones already found valid: asking Intl costs ~90 µs, and every visit call names the zone. */
const knownZones = new Set<string>();

/** An IANA zone name the runtime knows ("America/Chicago"). */
export const zoneName = z
  .string()
  .trim()
  .refine((z) => {
    if (knownZones.has(z)) return true;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: z });
      if (knownZones.size < 1000) knownZones.add(z);
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone');

const rating = z
  .number({ message: 'Rate from 1 to 5' })
  .int('Rate with a whole number from 1 to 5')
  .min(1, 'Rate from 1 to 5')
  .max(5, 'Rate from 1 to 5')
  .nullish()
  .transform((n) => n ?? null);

/** The office's own view of the practice, from a visit: each C from 1 (poor) to 5 (excellent), any left blank. */
export const FeedbackInput = z.object({
  communication: rating,
  credibility: rating,
  capacity: rating,
  consistency: rating,
  comment: optionalText(2_000),
});
export type FeedbackInput = z.output<typeof FeedbackInput>;

export const TaskInput = z.object({
  title: z.string().trim().min(1, 'Say what to do').max(200, 'Keep the task under 200 characters'),
  dueDate: z.string({ error: 'A task needs a due date' }).pipe(calendarDay),
  /** a team member; default: whoever logs it */
  ownerId: recordId.nullish(),
  notes: optionalText(2_000),
});
export type TaskInput = z.output<typeof TaskInput>;

const visitTimes = { startsAt: instant, endsAt: instant };

/** An end before its start is refused on the end field, where the user can fix it. */
function endAfterStart<T extends { startsAt?: string; endsAt?: string }>(v: T, ctx: z.RefinementCtx): void {
  if (!v.startsAt || !v.endsAt) return;
  if (v.endsAt <= v.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The visit must end after it starts' });
  else if (Date.parse(v.endsAt) - Date.parse(v.startsAt) > MAX_VISIT_MS) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'A visit lasts at most 12 hours' });
}

const MAX_VISIT_MS = 12 * 3_600_000;

export const VisitPlan = z.object({
  officeId: recordId,
  ...visitTimes,
  /** the liaison; default: me */
  liaisonId: recordId.nullish(),
  purpose: z.enum(VISIT_PURPOSES).nullish(),
  notes: optionalText(5_000),
  /** the time was chosen on purpose: re-ordering the day keeps it */
  pinned: z.boolean().default(false),
  /** save even though it falls outside the office's best times (the user was warned) */
  outsideHoursOk: z.boolean().default(false),
  /** the user's zone, to judge the office's best times on the right weekday and hour */
  zone: zoneName.optional(),
}).superRefine(endAfterStart);

export const VisitChange = z.object({
  id: recordId,
  patch: z
    .object({
      ...visitTimes,
      liaisonId: recordId.nullable(),
      purpose: z.enum(VISIT_PURPOSES).nullable(),
      notes: optionalText(5_000),
      pinned: z.boolean(),
    })
    .partial()
    .superRefine(endAfterStart),
  outsideHoursOk: z.boolean().default(false),
  zone: zoneName.optional(),
});

/** What happened at a visit: logged when it is completed (or logged after the fact without a plan). */
export const VisitOutcome = z.object({
  ...visitTimes,
  /** people at the office who were seen */
  seen: z.array(recordId).max(100).default([]),
  purpose: z.enum(VISIT_PURPOSES).nullish(),
  leftItems: labelList.default([]),
  notes: optionalText(5_000),
  feedback: FeedbackInput.nullish(),
  tasks: z.array(TaskInput).max(20).default([]),
  zone: zoneName.optional(),
});

export const VisitComplete = VisitOutcome.extend({ id: recordId }).superRefine(endAfterStart);
export const VisitLog = VisitOutcome.extend({ officeId: recordId, liaisonId: recordId.nullish() }).superRefine(endAfterStart);

export const VisitClose = z.object({
  id: recordId,
  status: z.enum(['missed', 'cancelled']),
  reason: z.string().trim().min(1, 'Say why, so the office history makes sense later').max(500),
});

export const TouchLog = z.object({
  officeId: recordId,
  kind: z.enum(QUICK_TOUCH_KINDS),
  /** when it happened; default now */
  at: instant.optional(),
  notes: optionalText(2_000),
  zone: zoneName.optional(),
});

export const Feedback = z.object({
  id: z.string(),
  visitId: z.string().nullable(),
  communication: z.number().nullable(),
  credibility: z.number().nullable(),
  capacity: z.number().nullable(),
  consistency: z.number().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type Feedback = z.output<typeof Feedback>;

export const Visit = z.object({
  id: z.string(),
  officeId: z.string(),
  officeName: z.string(),
  liaisonId: z.string().nullable(),
  liaisonName: z.string().nullable(),
  status: z.enum(VISIT_STATUSES),
  startsAt: z.string(),
  endsAt: z.string(),
  pinned: z.boolean(),
  purpose: z.enum(VISIT_PURPOSES).nullable(),
  seen: z.array(z.string()),
  leftItems: z.array(z.string()),
  notes: z.string().nullable(),
  reason: z.string().nullable(),
  sequence: z.number(),
  feedback: Feedback.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Visit = z.output<typeof Visit>;

/** A visit as the calendar draws it. */
export const CalendarVisit = Visit.pick({ id: true, officeId: true, officeName: true, liaisonId: true, liaisonName: true, status: true, startsAt: true, endsAt: true, pinned: true });
export type CalendarVisit = z.output<typeof CalendarVisit>;

/** A saved visit, or a warning to confirm first (outside the office's best times). */
export const VisitSaved = z.union([
  z.object({ saved: z.literal(true), visit: Visit }),
  z.object({ saved: z.literal(false), warning: z.string() }),
]);
