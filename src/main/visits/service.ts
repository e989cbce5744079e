import { sql } from 'kysely';
import type { z } from 'zod';
import type { TimelineEntry } from '../../shared/domain/timeline';
import {
  TOUCH_KIND_LABELS,
  VISIT_PURPOSE_LABELS,
  VISIT_STATUS_LABELS,
  type FeedbackInput,
  type TaskInput,
  type TouchKind,
  type CalendarVisit,
  type Visit,
  type VisitChange,
  type VisitClose,
  type VisitComplete,
  type VisitLog,
  type VisitPlan,
} from '../../shared/domain/visit';
import { AppError, fieldError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { checkVisitHours } from '../../shared/visits/visitHours';
import { dayOf, systemZone, wallClockOf } from '../../shared/visits/time';
import type { Ctx } from '../context';
import { insertRow, updateRow } from '../db/writePath';
import { findMember } from '../team/service';
import { calendarVisit, feedbackFromRow, visitFromRow, type VisitRow } from './rows';
import { insertTask } from './tasks';
import { worklist } from './worklist';

/** The longest a visit can be (VisitPlan refuses longer): ranges look back this far for visits still running. */
const MAX_VISIT_HOURS = 12;

/** Further ahead than this is almost certainly a typo in the year. */
const MAX_AHEAD_DAYS = 2 * 366;

type Saved = { saved: true; visit: Visit } | { saved: false; warning: string };

const invalid = fieldError;

function visitQuery(ctx: Ctx) {
  return ctx.store.q
    .selectFrom('visits as v')
    .innerJoin('offices as o', 'o.id', 'v.office_id')
    .leftJoin('team_members as m', 'm.id', 'v.liaison_id')
    .selectAll('v')
    .select(['o.name as office_name', 'm.name as liaison_name'])
    .where('v.deleted_at', 'is', null);
}

/** A visit with its office's and liaison's names: on a prepared statement, as logging a visit reads it back each time. */
const VISIT_SQL = `SELECT v.*, o.name AS office_name, m.name AS liaison_name FROM visits v
  JOIN offices o ON o.id = v.office_id LEFT JOIN team_members m ON m.id = v.liaison_id
  WHERE v.id = ? AND v.deleted_at IS NULL`;

/** Who is using this install (the change log stamps their writes with it), without a query. */
const me = (ctx: Ctx): string | null => ctx.changes.actor ?? null;

function latestFeedback(ctx: Ctx, visitId: string) {
  const row = ctx.store.first(
    ctx.store.q
      .selectFrom('visit_feedback as f')
      .selectAll()
      .where('f.visit_id', '=', visitId)
      .where('f.reverses', 'is', null)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('visit_feedback as r').select('r.id').whereRef('r.reverses', '=', 'f.id'))))
      .orderBy('f.created_at', 'desc'),
  );
  return row ? feedbackFromRow(row) : null;
}

export function findVisit(ctx: Ctx, id: string, feedback = true): Visit | undefined {
  const row = ctx.store.read(VISIT_SQL).get(id) as VisitRow | undefined;
  return row && visitFromRow(row, feedback && row.status === 'completed' ? latestFeedback(ctx, id) : null);
}

export function requireVisit(ctx: Ctx, id: string, feedback = true): Visit {
  const v = findVisit(ctx, id, feedback);
  if (!v) throw new AppError('not_found', 'That visit no longer exists. It may have been deleted on another device.');
  return v;
}

interface OfficeForVisit {
  id: string;
  name: string;
  archived_at: string | null;
  visit_hours: string | null;
}

function officeForVisit(ctx: Ctx, officeId: string): OfficeForVisit {
  const o = ctx.store.read('SELECT id, name, archived_at, visit_hours FROM offices WHERE id = ? AND deleted_at IS NULL').get(officeId) as OfficeForVisit | undefined;
  if (!o) throw new AppError('not_found', 'That office no longer exists.');
  return o;
}

function assertPlannable(office: OfficeForVisit): void {
  if (office.archived_at) throw invalid('officeId', `${office.name} is archived. Restore it before planning a visit.`);
}

function assertWithinReach(ctx: Ctx, startsAt: string): void {
  const ahead = (Date.parse(startsAt) - Date.parse(ctx.now())) / 86_400_000;
  if (ahead > MAX_AHEAD_DAYS) throw invalid('startsAt', 'That is more than two years away; check the year.');
  if (ahead < -MAX_AHEAD_DAYS) throw invalid('startsAt', 'That is more than two years ago; check the year.');
}

/** The liaison: the one chosen, else me; a chosen one must be on the team. */
function liaisonFor(ctx: Ctx, chosen: string | null | undefined): string | null {
  if (chosen) {
    const m = findMember(ctx, chosen);
    if (!m) throw invalid('liaisonId', 'That team member no longer exists.');
    return m.id;
  }
  return me(ctx);
}

/**
 * The office's best times, judged at the visit's wall-clock time in the user's zone. Null when it
 * fits (or the office has none); otherwise the warning to confirm.
 */
function hoursWarning(office: OfficeForVisit, startsAt: string, endsAt: string, zone: string): string | null {
  if (!office.visit_hours) return null;
  const check = checkVisitHours(JSON.parse(office.visit_hours) as never, wallClockOf(startsAt, zone), wallClockOf(endsAt, zone));
  return check.ok ? null : check.message;
}

export function planVisit(ctx: Ctx, input: z.output<typeof VisitPlan>): Saved {
  return ctx.store.tx(() => {
    const office = officeForVisit(ctx, input.officeId);
    assertPlannable(office);
    assertWithinReach(ctx, input.startsAt);
    const liaisonId = liaisonFor(ctx, input.liaisonId);
    if (!input.outsideHoursOk) {
      const warning = hoursWarning(office, input.startsAt, input.endsAt, input.zone ?? systemZone());
      if (warning) return { saved: false, warning };
    }
    const now = ctx.now();
    const id = newId();
    insertRow(ctx, 'visits', {
      id, office_id: office.id, liaison_id: liaisonId, status: 'planned', starts_at: input.startsAt, ends_at: input.endsAt,
      pinned: input.pinned ? 1 : 0, purpose: input.purpose ?? null, seen: '[]', left_items: '[]', notes: input.notes ?? null, reason: null,
      sequence: 0, created_at: now, updated_at: now, deleted_at: null,
    });
    return { saved: true, visit: requireVisit(ctx, id) };
  });
}

/** Moves, re-times or re-assigns a planned visit; only what changed is written, and calendar files see a new SEQUENCE. */
export function changeVisit(ctx: Ctx, input: z.output<typeof VisitChange>): Saved {
  return ctx.store.tx(() => {
    const current = requireVisit(ctx, input.id);
    const p = input.patch;
    const startsAt = p.startsAt ?? current.startsAt;
    const endsAt = p.endsAt ?? current.endsAt;
    if (endsAt <= startsAt) throw invalid('endsAt', 'The visit must end after it starts');
    const moved = startsAt !== current.startsAt || endsAt !== current.endsAt;
    if (moved) {
      if (current.status !== 'planned') throw invalid('startsAt', `This visit is ${VISIT_STATUS_LABELS[current.status].toLowerCase()}; only a planned visit can be moved.`);
      assertWithinReach(ctx, startsAt);
      const office = officeForVisit(ctx, current.officeId);
      assertPlannable(office);
      if (!input.outsideHoursOk) {
        const warning = hoursWarning(office, startsAt, endsAt, input.zone ?? systemZone());
        if (warning) return { saved: false, warning };
      }
    }
    const liaisonId = p.liaisonId === undefined ? undefined : p.liaisonId && liaisonFor(ctx, p.liaisonId);
    bump(ctx, current, {
      starts_at: startsAt,
      ends_at: endsAt,
      liaison_id: liaisonId,
      purpose: p.purpose,
      notes: p.notes,
      // Moving by hand to a chosen time pins it, so re-ordering the day keeps it there.
      pinned: p.pinned === undefined ? (moved ? 1 : undefined) : p.pinned ? 1 : 0,
    });
    return { saved: true, visit: requireVisit(ctx, input.id) };
  });
}

type VisitCells = Parameters<typeof updateRow<'visits'>>[3];

/** Writes the cells that differ and, if any did, the next SEQUENCE for calendar files. */
function bump(ctx: Ctx, current: Visit, cells: VisitCells): void {
  if (updateRow(ctx, 'visits', current.id, cells)) updateRow(ctx, 'visits', current.id, { sequence: current.sequence + 1 });
}

type Outcome = Omit<z.output<typeof VisitComplete>, 'id'>;

/** The people seen must work at the office (a stale picker could send someone who moved). */
function assertSeenAtOffice(ctx: Ctx, officeId: string, seen: string[]): void {
  if (seen.length === 0) return;
  const found = ctx.store.all(ctx.store.q.selectFrom('people').select('id').where('office_id', '=', officeId).where('deleted_at', 'is', null).where('id', 'in', seen));
  if (found.length !== new Set(seen).size) throw invalid('seen', 'Someone picked as seen no longer works at this office; pick again.');
}

/** The touch that moves the office's next-due date, the office's feedback and the follow-ups; true when there was feedback. */
function recordOutcome(ctx: Ctx, visit: { id: string; officeId: string; liaisonId: string | null }, o: Outcome): boolean {
  const zone = o.zone ?? systemZone();
  const now = ctx.now();
  insertRow(ctx, 'touches', {
    id: newId(), office_id: visit.officeId, kind: 'visit', day: dayOf(o.startsAt, zone), at: o.startsAt, by_id: visit.liaisonId ?? me(ctx),
    visit_id: visit.id, notes: null, reverses: null, created_at: now,
  });
  const feedback = !!o.feedback && hasFeedback(o.feedback);
  if (o.feedback && feedback) {
    insertRow(ctx, 'visit_feedback', {
      id: newId(), office_id: visit.officeId, visit_id: visit.id, communication: o.feedback.communication, credibility: o.feedback.credibility,
      capacity: o.feedback.capacity, consistency: o.feedback.consistency, comment: o.feedback.comment, by_id: me(ctx), reverses: null, created_at: now,
    });
  }
  for (const t of o.tasks) insertTask(ctx, { ...(t as TaskInput), officeId: visit.officeId, visitId: visit.id });
  return feedback;
}

const hasFeedback = (f: FeedbackInput) => f.communication !== null || f.credibility !== null || f.capacity !== null || f.consistency !== null || !!f.comment;

/** Marks a planned visit done, with what happened; the office's next-due date moves from it. */
export function completeVisit(ctx: Ctx, input: z.output<typeof VisitComplete>): Visit {
  return ctx.store.tx(() => {
    const current = requireVisit(ctx, input.id);
    if (current.status !== 'planned') {
      throw new AppError('conflict', `This visit is ${VISIT_STATUS_LABELS[current.status].toLowerCase()}; set it back to planned before logging it.`);
    }
    assertPlannable(officeForVisit(ctx, current.officeId));
    assertSeenAtOffice(ctx, current.officeId, input.seen);
    if (Date.parse(input.startsAt) > Date.parse(ctx.now()) + 12 * 3_600_000) throw invalid('startsAt', 'A visit in the future cannot be completed yet.');
    bump(ctx, current, {
      status: 'completed', starts_at: input.startsAt, ends_at: input.endsAt, purpose: input.purpose ?? null, seen: JSON.stringify(input.seen),
      left_items: JSON.stringify(input.leftItems), notes: input.notes, reason: null,
    });
    const feedback = recordOutcome(ctx, { id: current.id, officeId: current.officeId, liaisonId: current.liaisonId }, input);
    return requireVisit(ctx, input.id, feedback);
  });
}

/** A visit logged after the fact, never planned: one completed row and its touch. */
export function logVisit(ctx: Ctx, input: z.output<typeof VisitLog>): Visit {
  return ctx.store.tx(() => {
    const office = officeForVisit(ctx, input.officeId);
    assertPlannable(office);
    assertSeenAtOffice(ctx, office.id, input.seen);
    if (Date.parse(input.startsAt) > Date.parse(ctx.now()) + 12 * 3_600_000) throw invalid('startsAt', 'A visit in the future cannot be logged as done; plan it instead.');
    assertWithinReach(ctx, input.startsAt);
    const now = ctx.now();
    const id = newId();
    const liaisonId = liaisonFor(ctx, input.liaisonId);
    insertRow(ctx, 'visits', {
      id, office_id: office.id, liaison_id: liaisonId, status: 'completed', starts_at: input.startsAt, ends_at: input.endsAt,
      pinned: 0, purpose: input.purpose ?? null, seen: JSON.stringify(input.seen), left_items: JSON.stringify(input.leftItems),
      notes: input.notes ?? null, reason: null, sequence: 0, created_at: now, updated_at: now, deleted_at: null,
    });
    const feedback = recordOutcome(ctx, { id, officeId: office.id, liaisonId }, input);
    return requireVisit(ctx, id, feedback);
  });
}

export function closeVisit(ctx: Ctx, input: z.output<typeof VisitClose>): Visit {
  return ctx.store.tx(() => {
    const current = requireVisit(ctx, input.id);
    if (current.status !== 'planned') throw new AppError('conflict', `This visit is already ${VISIT_STATUS_LABELS[current.status].toLowerCase()}.`);
    bump(ctx, current, { status: input.status, reason: input.reason });
    return requireVisit(ctx, input.id);
  });
}

/**
 * Back to planned. A completed visit's touch is not erased (touches are append-only): a new touch
 * reverses it, so the cadence forgets it and every device learns why.
 */
export function reopenVisit(ctx: Ctx, id: string): Visit {
  return ctx.store.tx(() => {
    const current = requireVisit(ctx, id);
    if (current.status === 'planned') return current;
    if (current.status === 'completed') {
      reverseLive(ctx, 'touches', id, { notes: 'Visit set back to planned' });
      // The office's feedback was given at that visit: it is withdrawn with it (reversed, not erased),
      // so a visit logged again later does not show the old ratings. Its follow-up tasks stay open.
      reverseLive(ctx, 'visit_feedback', id, { comment: 'Withdrawn: visit set back to planned' });
    }
    bump(ctx, current, { status: 'planned', reason: null });
    return requireVisit(ctx, id);
  });
}

/** Writes, for each row of a visit not yet reversed, a new row that reverses it (append-only tables). */
function reverseLive(ctx: Ctx, tbl: 'touches' | 'visit_feedback', visitId: string, note: { notes: string } | { comment: string }): void {
  const live = ctx.store
    .prepare(`SELECT * FROM ${tbl} t WHERE visit_id = ? AND reverses IS NULL AND NOT EXISTS (SELECT 1 FROM ${tbl} r WHERE r.reverses = t.id)`)
    .all(visitId) as Record<string, unknown>[];
  const now = ctx.now();
  for (const row of live) insertRow(ctx, tbl, { ...row, ...note, id: newId(), reverses: row.id, by_id: me(ctx), created_at: now } as never);
}

/** The calendar's visits between two instants, for one liaison or the team. */
/**
 * One liaison's calendar between two instants, for the calendar screen: read off the covering
 * index alone, with office names from the worklist's model when it is loaded (no join to 50,000
 * offices for a month of thousands of visits) and from SQLite for any it lacks (archived offices).
 */
export function calendarOfLiaison(ctx: Ctx, from: string, to: string, liaison: string): CalendarVisit[] {
  const earliest = new Date(Date.parse(from) - MAX_VISIT_HOURS * 3_600_000).toISOString();
  const rows = ctx.store
    .read(
      `SELECT id, office_id, liaison_id, status, starts_at, ends_at, pinned FROM visits INDEXED BY visits_by_liaison
       WHERE deleted_at IS NULL AND liaison_id = ? AND starts_at < ? AND starts_at > ? AND ends_at > ? ORDER BY starts_at`,
    )
    .all(liaison, to, earliest, from) as { id: string; office_id: string; liaison_id: string; status: Visit['status']; starts_at: string; ends_at: string; pinned: number }[];
  const names = officeNames(ctx, rows.map((r) => r.office_id));
  const liaisonName = findMember(ctx, liaison)?.name ?? null;
  return rows.map((r) => calendarVisit(r, names.get(r.office_id) ?? '', liaisonName));
}

function officeNames(ctx: Ctx, ids: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const missing: string[] = [];
  const known = worklist(ctx).loadedNames();
  for (const id of new Set(ids)) {
    const name = known?.(id);
    if (name === undefined) missing.push(id);
    else names.set(id, name);
  }
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    for (const r of ctx.store.read(`SELECT id, name FROM offices WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as { id: string; name: string }[]) {
      names.set(r.id, r.name);
    }
  }
  return names;
}

export function visitsInRange(ctx: Ctx, from: string, to: string, liaison: string | null, opts: { activeOfficesOnly?: boolean } = {}) {
  // Visits last at most 12 hours (the schema says so), which bounds starts_at from below too: the
  // index on (liaison, starts_at) then reads the range alone, not every earlier visit.
  const earliest = new Date(Date.parse(from) - MAX_VISIT_HOURS * 3_600_000).toISOString();
  let q = visitQuery(ctx).where('v.starts_at', '<', to).where('v.starts_at', '>', earliest).where('v.ends_at', '>', from);
  if (liaison) q = q.where('v.liaison_id', '=', liaison);
  // Reminders and exports leave out an archived office's visits; the calendar keeps them as history.
  if (opts.activeOfficesOnly) q = q.where('o.archived_at', 'is', null);
  return (ctx.store.all(q.orderBy('v.starts_at')) as VisitRow[]).map((r) => calendarVisit(r, r.office_name, r.liaison_name));
}

export function visitsForOffice(ctx: Ctx, officeId: string): Visit[] {
  const rows = ctx.store.all(visitQuery(ctx).where('v.office_id', '=', officeId).orderBy('v.starts_at', 'desc').limit(500)) as VisitRow[];
  return rows.map((r) => visitFromRow(r, r.status === 'completed' ? latestFeedback(ctx, r.id) : null));
}

export function logTouch(ctx: Ctx, input: { officeId: string; kind: TouchKind; at?: string; notes: string | null; zone?: string }): { id: string } {
  return ctx.store.tx(() => {
    const office = officeForVisit(ctx, input.officeId);
    assertPlannable(office);
    const at = input.at ?? ctx.now();
    if (Date.parse(at) > Date.parse(ctx.now()) + 12 * 3_600_000) throw invalid('at', 'A call, email or drop-off is logged once it has happened.');
    const id = newId();
    insertRow(ctx, 'touches', {
      id, office_id: office.id, kind: input.kind, day: dayOf(at, input.zone ?? systemZone()), at, by_id: me(ctx), visit_id: null,
      notes: input.notes, reverses: null, created_at: ctx.now(),
    });
    return { id };
  });
}

/** Visits and touches on an office's timeline (a visit's own touch is the visit, not a second entry). */
export function visitsTimeline(ctx: Ctx, officeId: string): TimelineEntry[] {
  const entries: TimelineEntry[] = visitsForOffice(ctx, officeId).map((v) => ({
    id: `visit:${v.id}`,
    at: v.startsAt,
    kind: 'visit' as const,
    title: `${VISIT_STATUS_LABELS[v.status]} visit${v.purpose ? ` (${VISIT_PURPOSE_LABELS[v.purpose].toLowerCase()})` : ''}${v.liaisonName ? ` by ${v.liaisonName}` : ''}`,
    detail: [v.reason, v.notes, v.feedback ? feedbackSummary(v.feedback) : null].filter(Boolean).join(' · ') || null,
  }));
  const touches = ctx.store.all(
    ctx.store.q
      .selectFrom('touches as t')
      .leftJoin('team_members as m', 'm.id', 't.by_id')
      .select(['t.id', 't.kind', 't.at', 't.notes', 'm.name as by_name'])
      .where('t.office_id', '=', officeId)
      .where('t.visit_id', 'is', null)
      .where('t.reverses', 'is', null)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('touches as r').select('r.id').whereRef('r.reverses', '=', 't.id'))))
      .orderBy(sql`t.at desc`)
      .limit(500),
  );
  for (const t of touches) {
    entries.push({
      id: `touch:${t.id}`,
      at: t.at,
      kind: 'visit',
      title: `${TOUCH_KIND_LABELS[t.kind as TouchKind] ?? t.kind}${t.by_name ? ` by ${t.by_name}` : ''}`,
      detail: t.notes,
    });
  }
  return entries;
}

function feedbackSummary(f: NonNullable<Visit['feedback']>): string {
  const parts = (['communication', 'credibility', 'capacity', 'consistency'] as const).filter((c) => f[c] !== null).map((c) => `${c[0]!.toUpperCase()}${c.slice(1)} ${f[c]}/5`);
  return [parts.join(', '), f.comment].filter(Boolean).join(' — ');
}
