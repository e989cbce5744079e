import { sql } from 'kysely';
import type { z } from 'zod';
import type { Person, PersonCreate, PersonFields } from '../../shared/domain/person';
import type { TimelineEntry } from '../../shared/domain/timeline';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Ctx } from '../context';
import { insertRow, updateRow } from '../db/writePath';
import { personCells, personFromRow, personRecord } from './rows';

/** Staff have a role, physicians and other clinicians do not; a person's kind decides which fields make sense. */
function normaliseRole<T extends { kind?: string; role?: string | null }>(f: T): T {
  if (f.kind === 'physician' || f.kind === 'clinician') return { ...f, role: null };
  if (f.kind === 'staff' && !f.role) return { ...f, role: 'other' };
  return f;
}

function officeExists(ctx: Ctx, officeId: string): boolean {
  return !!ctx.store.first(ctx.store.q.selectFrom('offices').select('id').where('id', '=', officeId).where('deleted_at', 'is', null));
}

export function findPerson(ctx: Ctx, id: string): Person | undefined {
  const row = ctx.store.first(ctx.store.q.selectFrom('people').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  return row && personFromRow(row);
}

export function requirePerson(ctx: Ctx, id: string): Person {
  const p = findPerson(ctx, id);
  if (!p) throw new AppError('not_found', 'That person no longer exists. They may have been deleted on another device.');
  return p;
}

export function createPerson(ctx: Ctx, input: z.output<typeof PersonCreate>): Person {
  return ctx.store.tx(() => {
    if (!officeExists(ctx, input.officeId)) throw new AppError('not_found', 'That office no longer exists.');
    const now = ctx.now();
    const id = newId();
    const { officeId, ...fields } = normaliseRole(input);
    insertRow(ctx, 'people', personRecord(id, officeId, fields, now));
    return requirePerson(ctx, id);
  });
}

export function updatePerson(ctx: Ctx, id: string, patch: Partial<z.output<typeof PersonFields>>): Person {
  return ctx.store.tx(() => {
    const current = requirePerson(ctx, id);
    // The stored role is the starting point: an edit that leaves the role alone keeps it.
    updateRow(ctx, 'people', id, personCells(normaliseRole({ kind: current.kind, role: current.role, ...patch })));
    return requirePerson(ctx, id);
  });
}

/** People change jobs: the same person (and their history) moves to another office. */
export function movePerson(ctx: Ctx, id: string, officeId: string): Person {
  return ctx.store.tx(() => {
    requirePerson(ctx, id);
    if (!officeExists(ctx, officeId)) throw new AppError('not_found', 'The office to move to no longer exists.');
    updateRow(ctx, 'people', id, { office_id: officeId });
    return requirePerson(ctx, id);
  });
}

export function setPersonArchived(ctx: Ctx, id: string, archived: boolean): Person {
  return ctx.store.tx(() => {
    const p = requirePerson(ctx, id);
    if (Boolean(p.archivedAt) !== archived) updateRow(ctx, 'people', id, { archived_at: archived ? ctx.now() : null });
    return requirePerson(ctx, id);
  });
}

/** Everyone at an office, archived people last, so the detail screen can offer "restore". */
export function listPeopleAtOffice(ctx: Ctx, officeId: string): Person[] {
  return ctx.store
    .all(
      ctx.store.q
        .selectFrom('people')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('deleted_at', 'is', null)
        .orderBy(sql.raw('archived_at IS NOT NULL, kind, last_name COLLATE NOCASE, first_name COLLATE NOCASE')),
    )
    .map(personFromRow);
}

/** The people domain's part of an office's timeline: when each current person was added. */
export function peopleTimeline(ctx: Ctx, officeId: string): TimelineEntry[] {
  return listPeopleAtOffice(ctx, officeId)
    .filter((p) => !p.archivedAt)
    .map((p) => ({
      id: `person-added:${p.id}`,
      at: p.createdAt,
      kind: 'person' as const,
      title: `${p.firstName} ${p.lastName}${p.credentials ? `, ${p.credentials}` : ''} added`,
      detail: p.kind !== 'staff' ? p.specialty : null,
    }));
}
