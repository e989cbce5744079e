import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import {
  STATUS_DATE,
  STATUS_LABELS,
  type Referral,
  type ReferralCreate,
  type ReferralStatus,
  type ReferralStep,
  type ReferralUpdate,
} from '../../shared/domain/referral';
import type { TimelineEntry } from '../../shared/domain/timeline';
import { AppError, fieldError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { ReferralQuery } from '../../shared/referrals/contract';
import { dayOf, systemZone } from '../../shared/visits/time';
import type { Ctx } from '../context';
import type { ReferralsTable } from '../db/schema';
import { insertRow, softDeleteRow, updateRow } from '../db/writePath';
import { thankYouDue, thankYouRecount } from './thankYou';

type Create = z.output<typeof ReferralCreate>;
type Patch = z.output<typeof ReferralUpdate>['patch'];
type Row = ReferralsTable;

/** The step dates, in pipeline order, as camelCase fields and their columns. */
export const STEP_FIELDS = [
  ['contactedOn', 'contacted_on'],
  ['scheduledOn', 'scheduled_on'],
  ['appointmentOn', 'appointment_on'],
  ['seenOn', 'seen_on'],
  ['noteSentOn', 'note_sent_on'],
  ['closedOn', 'closed_on'],
  ['lostOn', 'lost_on'],
] as const;

/** The furthest step dated: lost wins (it leaves the pipeline); a scheduled appointment counts as scheduled. */
export function statusOf(r: Pick<Row, 'contacted_on' | 'scheduled_on' | 'appointment_on' | 'seen_on' | 'note_sent_on' | 'closed_on' | 'lost_on'>): ReferralStatus {
  if (r.lost_on) return 'lost';
  if (r.closed_on) return 'closed';
  if (r.note_sent_on) return 'note_sent';
  if (r.seen_on) return 'seen';
  if (r.scheduled_on || r.appointment_on) return 'scheduled';
  if (r.contacted_on) return 'contacted';
  return 'received';
}

/**
 * A referral's dates as a person would check them: nothing dated before it arrived, nothing that
 * has happened dated after today (an appointment may be ahead), a loss with its reason, and a lost
 * referral not also seen. Every problem is a field error on the field to fix. (An import checks
 * its rows with it before writing any.)
 */
export function checkDates(r: Row, today: string): void {
  if (r.received_on > today) throw fieldError('receivedOn', `A referral cannot arrive after today (${today}).`);
  for (const [field, col] of STEP_FIELDS) {
    const day = r[col];
    if (!day) continue;
    if (day < r.received_on) throw fieldError(field, `This date is before the referral arrived (${r.received_on}).`);
    if (col !== 'appointment_on' && day > today) throw fieldError(field, `This step cannot be dated after today (${today}).`);
  }
  if (r.lost_on && !r.lost_reason) throw fieldError('lostReason', 'Say why the referral was lost.');
  if (!r.lost_on && r.lost_reason) throw fieldError('lostOn', 'Date the loss, or clear its reason.');
  if (r.lost_on && r.seen_on) throw fieldError('lostOn', 'A referral that was seen is not lost. Clear the seen date first.');
  if (r.note_sent_on && !r.seen_on) throw fieldError('noteSentOn', 'The consult note goes back after the patient is seen: date the visit first.');
  // The steps in their order, where a measure reads two of them together.
  if (r.note_sent_on && r.seen_on && r.note_sent_on < r.seen_on) throw fieldError('noteSentOn', `The consult note cannot go back before the patient was seen (${r.seen_on}).`);
  if (r.seen_on && r.appointment_on && r.seen_on < r.appointment_on) throw fieldError('seenOn', `The patient cannot be seen before their first appointment (${r.appointment_on}).`);
  const before = [r.contacted_on, r.scheduled_on, r.seen_on, r.note_sent_on].filter((d): d is string => !!d).sort().at(-1);
  if (r.closed_on && before && r.closed_on < before) throw fieldError('closedOn', `A referral closes after its last step (${before}).`);
}

function requireOffice(ctx: Ctx, officeId: string): { id: string; name: string; owner_id: string | null } {
  const office = ctx.store.first(ctx.store.q.selectFrom('offices').select(['id', 'name', 'owner_id', 'archived_at']).where('id', '=', officeId).where('deleted_at', 'is', null));
  if (!office) throw fieldError('officeId', 'That office no longer exists.');
  if (office.archived_at) throw fieldError('officeId', `${office.name} is archived. Restore it before recording its referrals.`);
  return office;
}

function checkPerson(ctx: Ctx, personId: string | null | undefined, officeId: string): void {
  if (!personId) return;
  const p = ctx.store.first(ctx.store.q.selectFrom('people').select(['office_id']).where('id', '=', personId).where('deleted_at', 'is', null));
  if (!p) throw fieldError('personId', 'That person no longer exists.');
  if (p.office_id !== officeId) throw fieldError('personId', 'That person is not at this office.');
}

function checkSourceId(ctx: Ctx, direction: string, sourceId: string | null | undefined, self: string | null): void {
  if (!sourceId) return;
  const other = ctx.store.read('SELECT id FROM referrals WHERE source_id = ? AND direction = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1').get(sourceId, direction, self);
  if (other) throw fieldError('sourceId', `A referral with the source id ${sourceId} is already recorded.`);
}

export const today = (ctx: Ctx) => dayOf(ctx.now(), systemZone());

/**
 * Writes one new referral; the caller's transaction holds it (an import writes thousands in one).
 * It counts toward the liaison who owns the office now, and raises the office's thank-you task.
 */
export function insertReferral(ctx: Ctx, input: Create, asOf = today(ctx)): string {
  const office = requireOffice(ctx, input.officeId);
  checkPerson(ctx, input.personId, input.officeId);
  checkSourceId(ctx, input.direction, input.sourceId, null);
  const now = ctx.now();
  const row: Row = {
    id: newId(),
    direction: input.direction,
    received_on: input.receivedOn,
    office_id: input.officeId,
    person_id: input.personId ?? null,
    source_kind: input.sourceKind,
    service_line: input.serviceLine,
    referral_code: input.referralCode ?? null,
    source_id: input.sourceId ?? null,
    status: 'received',
    contacted_on: input.contactedOn ?? null,
    scheduled_on: input.scheduledOn ?? null,
    appointment_on: input.appointmentOn ?? null,
    seen_on: input.seenOn ?? null,
    note_sent_on: input.noteSentOn ?? null,
    closed_on: input.closedOn ?? null,
    lost_on: input.lostOn ?? null,
    lost_reason: input.lostReason ?? null,
    liaison_id: office.owner_id,
    notes: input.notes ?? null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  row.status = statusOf(row);
  checkDates(row, asOf);
  ctx.store.tx(() => {
    insertRow(ctx, 'referrals', row);
    if (row.direction === 'in') thankYouDue(ctx, row.office_id, row.received_on);
  });
  return row.id;
}

/** The cells a patch changes, checked as a whole referral; only what differs is written. */
export function patchReferral(ctx: Ctx, id: string, patch: Patch, asOf = today(ctx)): void {
  const current = requireRow(ctx, id);
  const next: Row = { ...current };
  const set = <K extends keyof Row>(col: K, v: Row[K] | undefined) => v !== undefined && (next[col] = v);
  if (patch.officeId !== undefined && patch.officeId !== current.office_id) {
    const office = requireOffice(ctx, patch.officeId);
    next.office_id = office.id;
    // Moved to another office: it counts toward that office's owner, and its person is no longer there.
    next.liaison_id = office.owner_id;
    if (patch.personId === undefined) next.person_id = null;
  }
  set('received_on', patch.receivedOn);
  set('person_id', patch.personId === undefined ? undefined : (patch.personId ?? null));
  set('source_kind', patch.sourceKind);
  set('service_line', patch.serviceLine);
  set('referral_code', patch.referralCode === undefined ? undefined : (patch.referralCode ?? null));
  set('source_id', patch.sourceId === undefined ? undefined : (patch.sourceId ?? null));
  set('lost_reason', patch.lostReason === undefined ? undefined : (patch.lostReason ?? null));
  set('notes', patch.notes === undefined ? undefined : (patch.notes ?? null));
  for (const [field, col] of STEP_FIELDS) set(col, patch[field] === undefined ? undefined : (patch[field] ?? null));
  next.status = statusOf(next);
  checkPerson(ctx, next.person_id, next.office_id);
  checkSourceId(ctx, next.direction, next.source_id, id);
  checkDates(next, asOf);
  const cells: Partial<Row> = {};
  for (const k of Object.keys(next) as (keyof Row)[]) if (next[k] !== current[k] && k !== 'updated_at') (cells as Record<string, unknown>)[k] = next[k];
  if (!Object.keys(cells).length) return;
  ctx.store.tx(() => {
    updateRow(ctx, 'referrals', id, cells);
    // Moved to another office or day: the period it left counts one fewer, the one it joined one more.
    if (next.direction === 'in' && (next.office_id !== current.office_id || next.received_on !== current.received_on)) {
      thankYouRecount(ctx, current.office_id, current.received_on);
      thankYouDue(ctx, next.office_id, next.received_on);
    }
  });
}

function requireRow(ctx: Ctx, id: string): Row {
  const row = ctx.store.read('SELECT * FROM referrals WHERE id = ? AND deleted_at IS NULL').get(id) as Row | undefined;
  if (!row) throw new AppError('not_found', 'That referral no longer exists. It may have been deleted on another device.');
  return row;
}

const SELECT = `SELECT r.*, o.name AS office_name, trim(p.first_name || ' ' || p.last_name) AS person_name, m.name AS liaison_name
  FROM referrals r JOIN offices o ON o.id = r.office_id LEFT JOIN people p ON p.id = r.person_id LEFT JOIN team_members m ON m.id = r.liaison_id`;

type Joined = Row & { office_name: string; person_name: string | null; liaison_name: string | null };

export function referralFromRow(r: Joined): Referral {
  return {
    id: r.id,
    direction: r.direction as Referral['direction'],
    receivedOn: r.received_on,
    officeId: r.office_id,
    officeName: r.office_name,
    personId: r.person_id,
    personName: r.person_name,
    sourceKind: r.source_kind as Referral['sourceKind'],
    serviceLine: r.service_line,
    referralCode: r.referral_code,
    sourceId: r.source_id,
    status: r.status as ReferralStatus,
    contactedOn: r.contacted_on,
    scheduledOn: r.scheduled_on,
    appointmentOn: r.appointment_on,
    seenOn: r.seen_on,
    noteSentOn: r.note_sent_on,
    closedOn: r.closed_on,
    lostOn: r.lost_on,
    lostReason: r.lost_reason as Referral['lostReason'],
    liaisonId: r.liaison_id,
    liaisonName: r.liaison_name,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getReferral(ctx: Ctx, id: string): Referral {
  const r = ctx.store.read(`${SELECT} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as Joined | undefined;
  if (!r) throw new AppError('not_found', 'That referral no longer exists. It may have been deleted on another device.');
  return referralFromRow(r);
}

export function createReferral(ctx: Ctx, input: Create): Referral {
  return ctx.store.tx(() => getReferral(ctx, insertReferral(ctx, input)));
}

export function updateReferral(ctx: Ctx, input: z.output<typeof ReferralUpdate>): Referral {
  return ctx.store.tx(() => {
    patchReferral(ctx, input.id, input.patch);
    return getReferral(ctx, input.id);
  });
}

/** Moves a referral to a step: dates that step (today unless said), and the status follows. */
export function stepReferral(ctx: Ctx, input: z.output<typeof ReferralStep>): Referral {
  return ctx.store.tx(() => {
    const current = requireRow(ctx, input.id);
    const on = input.on ?? today(ctx);
    const field = STEP_FIELDS.find(([, col]) => col === STATUS_DATE[input.status])![0];
    const patch: Patch = { [field]: on };
    if (input.status === 'lost') {
      if (!input.lostReason) throw fieldError('lostReason', 'Say why the referral was lost.');
      patch.lostReason = input.lostReason;
    }
    // Seen with no appointment recorded: the visit was the first appointment.
    if (input.status === 'seen' && !current.appointment_on) patch.appointmentOn = on;
    patchReferral(ctx, input.id, patch);
    return getReferral(ctx, input.id);
  });
}

export function deleteReferral(ctx: Ctx, id: string): { id: string } {
  ctx.store.tx(() => {
    const row = requireRow(ctx, id);
    softDeleteRow(ctx, 'referrals', id);
    if (row.direction === 'in') thankYouRecount(ctx, row.office_id, row.received_on);
  });
  return { id };
}

export function listReferrals(ctx: Ctx, q: z.output<typeof ReferralQuery>): { total: number; rows: Referral[] } {
  const where: string[] = ['r.deleted_at IS NULL'];
  const args: unknown[] = [];
  const add = (sql: string, ...v: unknown[]) => (where.push(sql), args.push(...v));
  if (q.direction) add('r.direction = ?', q.direction);
  if (q.officeId) add('r.office_id = ?', q.officeId);
  if (q.personId) add('r.person_id = ?', q.personId);
  if (q.liaisonId) add('r.liaison_id = ?', q.liaisonId);
  if (q.from) add('r.received_on >= ?', q.from);
  if (q.to) add('r.received_on <= ?', q.to);
  if (q.status.length) add(`r.status IN (${q.status.map(() => '?').join(', ')})`, ...q.status);
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add(`(o.name LIKE ? ESCAPE '\\' OR r.referral_code LIKE ? ESCAPE '\\' OR r.source_id LIKE ? ESCAPE '\\' OR r.service_line LIKE ? ESCAPE '\\')`, like, like, like, like);
  }
  // Counting needs the office only to search its name: at millions of referrals the joins are most of the count.
  const from = q.search ? 'FROM referrals r JOIN offices o ON o.id = r.office_id' : 'FROM referrals r';
  const total = (ctx.store.read(`SELECT count(*) AS n ${from} WHERE ${where.join(' AND ')}`).get(...args) as { n: number }).n;
  const rows = ctx.store
    .read(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.received_on DESC, r.id DESC LIMIT ? OFFSET ?`)
    .all(...args, q.pageSize, q.page * q.pageSize) as Joined[];
  return { total, rows: rows.map(referralFromRow) };
}

/** The service lines in use, most referrals first, then any the practice priced but has not used yet. */
export function serviceLines(ctx: Ctx, priced: readonly string[] = []): { lines: string[] } {
  const used = (ctx.store.read('SELECT service_line AS s FROM referral_mix_months GROUP BY service_line HAVING sum(received) > 0 ORDER BY sum(received) DESC').all() as { s: string }[]).map((r) => r.s);
  return { lines: [...new Set([...used, ...priced])] };
}

/** An office's balance with the practice over a period (the last 12 months unless said): "we sent X, they sent Y". */
export function reciprocity(ctx: Ctx, officeId: string, from?: string, to?: string) {
  const end = to ?? today(ctx);
  // Twelve months ending today, both ends included: a year back plus a day (2025-11-25 … 2026-11-24),
  // through the calendar so that 29 February a year back is a real day.
  const start = from ?? Temporal.PlainDate.from(end).subtract({ years: 1 }).add({ days: 1 }).toString();
  const counts = ctx.store
    .read(`SELECT direction, count(*) AS n FROM referrals WHERE office_id = ? AND deleted_at IS NULL AND received_on BETWEEN ? AND ? GROUP BY direction`)
    .all(officeId, start, end) as { direction: string; n: number }[];
  const n = (d: string) => counts.find((c) => c.direction === d)?.n ?? 0;
  const recent = (ctx.store.read(`${SELECT} WHERE r.office_id = ? AND r.deleted_at IS NULL ORDER BY r.received_on DESC, r.id DESC LIMIT 20`).all(officeId) as Joined[]).map(referralFromRow);
  return { officeId, received: n('in'), sent: n('out'), from: start, to: end, recent };
}

/** Referrals on the office's timeline, both ways, by the day they arrived (noon UTC keeps the day in any zone). */
export function referralsTimeline(ctx: Ctx, officeId: string): TimelineEntry[] {
  const rows = ctx.store
    .read(`${SELECT} WHERE r.office_id = ? AND r.deleted_at IS NULL ORDER BY r.received_on DESC LIMIT 200`)
    .all(officeId) as Joined[];
  return rows.map((r) => ({
    id: `referral:${r.id}`,
    at: `${r.received_on}T12:00:00.000Z`,
    kind: 'referral' as const,
    title: `${r.direction === 'in' ? 'Received' : 'Sent to them'}: ${r.service_line}${r.person_name ? ` (${r.person_name})` : ''}`,
    detail: `${STATUS_LABELS[r.status as ReferralStatus]}${r.referral_code ? ` · code ${r.referral_code}` : ''}`,
  }));
}
