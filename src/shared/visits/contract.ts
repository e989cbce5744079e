import { z } from 'zod';
import type { MethodSpec } from '../api/define';
import { CadenceSettings } from '../domain/cadence';
import { recordId } from '../domain/fields';
import { STAGES, TIERS } from '../domain/office';
import { Task, TaskCreate, TaskQuery, TaskUpdate } from '../domain/task';
import {
  calendarDay,
  CalendarVisit,
  instant,
  TouchLog,
  Visit,
  VisitChange,
  VisitClose,
  VisitComplete,
  VisitLog,
  VisitPlan,
  VisitSaved,
  zoneName,
} from '../domain/visit';

const ById = z.object({ id: recordId });
const Whose = z.union([recordId, z.literal('me'), z.literal('all')]);

export const WorklistQuery = z.object({
  /** whose offices: a member's id, 'me' (default) or 'all' */
  liaison: Whose.default('me'),
  tier: z.array(z.enum([...TIERS, 'none'])).default([]),
  stage: z.array(z.enum(STAGES)).default([]),
  /** a ZIP prefix ("436") or a city ("Toledo") */
  territory: z.string().trim().max(60).default(''),
  /** due: due today or overdue; week: also due in the next 7 days */
  show: z.enum(['due', 'week']).default('due'),
  zone: zoneName.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const WorklistRow = z.object({
  officeId: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  zip: z.string().nullable(),
  tier: z.enum(TIERS).nullable(),
  stage: z.enum(STAGES),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  due: z.string(),
  /** positive: overdue by that many days; 0: due today; negative: due in that many days */
  daysOverdue: z.number(),
  /** "12 days overdue, tier A every 2 weeks" */
  reason: z.string(),
  /** its referrals fell against its own average (the at-risk rule): pulled forward to due now */
  atRisk: z.boolean(),
  lastTouch: z.string().nullable(),
  /** the next planned visit's start, if one is planned */
  nextPlanned: z.string().nullable(),
});
export type WorklistRow = z.output<typeof WorklistRow>;

export const RouteQuery = z.object({
  day: calendarDay,
  liaison: z.union([recordId, z.literal('me')]).default('me'),
  /** default: the member's own setting */
  roundTrip: z.boolean().optional(),
  /** when the liaison sets out, HH:MM (default 08:30) */
  dayStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 08:30').default('08:30'),
  zone: zoneName.optional(),
});

const Point = z.object({ lat: z.number(), lng: z.number() });

export const RouteStop = z.object({
  visitId: z.string(),
  officeId: z.string(),
  officeName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** the times this order gives (pinned ones unchanged) */
  suggestedStartsAt: z.string(),
  suggestedEndsAt: z.string(),
  pinned: z.boolean(),
  /** where the position came from: the office's own coordinates or its ZIP's centre */
  located: z.enum(['office', 'zip']),
  point: Point,
  /** outside best times, can't be reached in time… */
  flag: z.string().nullable(),
});

export const DayRoute = z.object({
  day: z.string(),
  start: z.object({ label: z.string(), point: Point }).nullable(),
  roundTrip: z.boolean(),
  /** stops in driving order (the current order when not yet applied) */
  stops: z.array(RouteStop),
  /** planned stops with no position (no coordinates, unknown ZIP): left out of the route */
  unlocated: z.array(z.object({ visitId: z.string(), officeName: z.string(), why: z.string() })),
  legs: z.array(z.object({ from: z.string(), to: z.string(), miles: z.number() })),
  totalMiles: z.number(),
  /** the order as planned now, for comparison */
  currentMiles: z.number(),
  /** why there is no route ("Set where your day starts in Settings") */
  problem: z.string().nullable(),
});
export type DayRoute = z.output<typeof DayRoute>;

/** The visits domain: cadences, the worklist, planning and logging visits, touches, tasks, routes. */
export const visitsContract = {
  'visits.plan': { input: VisitPlan, output: VisitSaved },
  'visits.change': { input: VisitChange, output: VisitSaved },
  'visits.complete': { input: VisitComplete, output: Visit },
  'visits.log': { input: VisitLog, output: Visit },
  'visits.close': { input: VisitClose, output: Visit },
  /** a completed, missed or cancelled visit back to planned (its touch is reversed, not erased) */
  'visits.reopen': { input: ById, output: Visit },
  'visits.get': { input: ById, output: Visit },
  'visits.range': {
    input: z
      .object({ from: instant, to: instant, liaison: Whose.default('me') })
      .refine((r) => r.from < r.to, { message: 'The range must end after it starts', path: ['to'] })
      .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 400 * 86_400_000, { message: 'Ask for at most about a year at a time', path: ['to'] }),
    output: z.array(CalendarVisit),
  },
  'visits.forOffice': { input: z.object({ officeId: recordId }), output: z.array(Visit) },
  'visits.ics': {
    input: z.object({ from: calendarDay, to: calendarDay, liaison: Whose.default('me'), zone: zoneName.optional() }),
    output: z.object({ fileName: z.string(), text: z.string(), count: z.number() }),
  },
  'touches.log': { input: TouchLog, output: z.object({ id: z.string() }) },
  'worklist.query': { input: WorklistQuery, output: z.object({ total: z.number(), rows: z.array(WorklistRow), today: z.string() }) },
  'cadence.settings': { input: z.object({}).default({}), output: z.object({ settings: CadenceSettings, isDefault: z.boolean() }) },
  'cadence.save': { input: CadenceSettings, output: z.object({ settings: CadenceSettings, isDefault: z.boolean() }) },
  'cadence.office': {
    input: z.object({ officeId: recordId, zone: zoneName.optional() }),
    output: z.object({ state: z.enum(['paused', 'due']), due: z.string().nullable(), reason: z.string(), daysOverdue: z.number().nullable(), lastTouch: z.string().nullable() }),
  },
  'tasks.create': { input: TaskCreate, output: Task },
  'tasks.update': { input: TaskUpdate, output: Task },
  'tasks.done': { input: ById, output: Task },
  'tasks.reopen': { input: ById, output: Task },
  'tasks.list': { input: TaskQuery, output: z.array(Task) },
  'route.day': { input: RouteQuery, output: DayRoute },
  /** re-orders and re-times the day's visits as the route suggests (pinned times stay) */
  'route.apply': { input: RouteQuery, output: DayRoute },
  'route.mileageCsv': {
    input: z.object({ from: calendarDay, to: calendarDay, liaison: z.union([recordId, z.literal('me')]).default('me'), zone: zoneName.optional() }),
    output: z.object({ fileName: z.string(), csv: z.string(), days: z.number(), miles: z.number() }),
  },
  'reminders.today': {
    input: z.object({ zone: zoneName.optional() }),
    output: z.object({
      enabled: z.boolean(),
      visitsToday: z.array(CalendarVisit),
      overdueTasks: z.number(),
      /** for managers: physicians over the yearly gift limit whose cure window is still open */
      curesDue: z.array(z.object({ personId: z.string(), name: z.string(), deadline: z.string(), excessCents: z.number() })).default([]),
    }),
  },
  'reminders.setEnabled': { input: z.object({ enabled: z.boolean() }), output: z.object({ enabled: z.boolean() }) },
} satisfies Record<`${'visits' | 'touches' | 'worklist' | 'cadence' | 'tasks' | 'route' | 'reminders'}.${string}`, MethodSpec>;
