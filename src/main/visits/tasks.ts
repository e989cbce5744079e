import type { z } from 'zod';
import { TASK_KINDS, type Task, type TaskCreate, type TaskQuery, type TaskUpdate } from '../../shared/domain/task';
import { AppError, fieldError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { systemZone, dayOf } from '../../shared/visits/time';
import type { Ctx } from '../context';
import { insertRow, updateRow } from '../db/writePath';
import { readMe } from '../team/me';
import { findMember } from '../team/service';

const invalid = fieldError;

function taskQuery(ctx: Ctx) {
  return ctx.store.q
    .selectFrom('tasks as t')
    .innerJoin('offices as o', 'o.id', 't.office_id')
    .leftJoin('team_members as m', 'm.id', 't.owner_id')
    .selectAll('t')
    .select(['o.name as office_name', 'm.name as owner_name'])
    .where('t.deleted_at', 'is', null);
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

function taskFromRow(r: TaskRow, today: string): Task {
  return {
    id: r.id,
    officeId: r.office_id,
    officeName: r.office_name,
    visitId: r.visit_id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    title: r.title,
    dueDate: r.due_date,
    doneAt: r.done_at,
    notes: r.notes,
    kind: (TASK_KINDS as readonly string[]).includes(r.kind ?? '') ? (r.kind as Task['kind']) : null,
    overdue: !r.done_at && r.due_date < today,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function requireTask(ctx: Ctx, id: string, zone = systemZone()): Task {
  const row = ctx.store.first(taskQuery(ctx).where('t.id', '=', id));
  if (!row) throw new AppError('not_found', 'That task no longer exists. It may have been deleted on another device.');
  return taskFromRow(row, dayOf(ctx.now(), zone));
}

function ownerFor(ctx: Ctx, chosen: string | null | undefined): string | null {
  if (chosen) {
    if (!findMember(ctx, chosen)) throw invalid('ownerId', 'That team member no longer exists.');
    return chosen;
  }
  return readMe(ctx)?.id ?? null;
}

/** Writes one task; the caller's transaction (a completed visit's) holds it together with the rest. */
export function insertTask(ctx: Ctx, t: z.output<typeof TaskCreate>): string {
  const office = ctx.store.first(ctx.store.q.selectFrom('offices').select(['id', 'archived_at', 'name']).where('id', '=', t.officeId).where('deleted_at', 'is', null));
  if (!office) throw new AppError('not_found', 'That office no longer exists.');
  if (office.archived_at) throw invalid('officeId', `${office.name} is archived. Restore it before adding follow-ups.`);
  if (
    t.visitId &&
    !ctx.store.first(ctx.store.q.selectFrom('visits').select('id').where('id', '=', t.visitId).where('office_id', '=', t.officeId).where('deleted_at', 'is', null))
  ) {
    throw invalid('visitId', 'That visit is not one of this office’s.');
  }
  const now = ctx.now();
  const id = newId();
  insertRow(ctx, 'tasks', {
    id, office_id: t.officeId, visit_id: t.visitId ?? null, owner_id: ownerFor(ctx, t.ownerId), title: t.title, due_date: t.dueDate, done_at: null,
    notes: t.notes ?? null, kind: null, created_at: now, updated_at: now, deleted_at: null,
  });
  return id;
}

export function createTask(ctx: Ctx, input: z.output<typeof TaskCreate>): Task {
  return ctx.store.tx(() => requireTask(ctx, insertTask(ctx, input)));
}

export function updateTask(ctx: Ctx, input: z.output<typeof TaskUpdate>): Task {
  return ctx.store.tx(() => {
    requireTask(ctx, input.id);
    const p = input.patch;
    updateRow(ctx, 'tasks', input.id, {
      title: p.title,
      due_date: p.dueDate,
      owner_id: p.ownerId === undefined ? undefined : p.ownerId && ownerFor(ctx, p.ownerId),
      notes: p.notes,
    });
    return requireTask(ctx, input.id);
  });
}

export function setTaskDone(ctx: Ctx, id: string, done: boolean): Task {
  return ctx.store.tx(() => {
    const t = requireTask(ctx, id);
    if (Boolean(t.doneAt) !== done) updateRow(ctx, 'tasks', id, { done_at: done ? ctx.now() : null });
    return requireTask(ctx, id);
  });
}

/** Open tasks soonest due first; done ones most recently done first. */
export function listTasks(ctx: Ctx, q: z.output<typeof TaskQuery>): Task[] {
  const today = dayOf(ctx.now(), q.zone ?? systemZone());
  let query = taskQuery(ctx);
  if (q.owner !== 'all') {
    const owner = q.owner === 'me' ? readMe(ctx)?.id : q.owner;
    if (!owner) return [];
    query = query.where('t.owner_id', '=', owner);
  }
  if (q.officeId) query = query.where('t.office_id', '=', q.officeId);
  if (q.state === 'open') query = query.where('t.done_at', 'is', null).orderBy('t.due_date').orderBy('t.created_at');
  else if (q.state === 'done') query = query.where('t.done_at', 'is not', null).orderBy('t.done_at', 'desc');
  else query = query.orderBy('t.done_at', 'desc').orderBy('t.due_date');
  return ctx.store.all(query.limit(1000)).map((r) => taskFromRow(r, today));
}

export function countOverdueTasks(ctx: Ctx, ownerId: string, today: string): number {
  const r = ctx.store.first(
    ctx.store.q
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_id', '=', ownerId)
      .where('done_at', 'is', null)
      .where('deleted_at', 'is', null)
      .where('due_date', '<', today),
  );
  return Number(r?.n ?? 0);
}
