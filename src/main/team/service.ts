import { sql } from 'kysely';
import type { z } from 'zod';
import type { TeamMember, TeamMemberCreate, TeamMemberFields } from '../../shared/domain/team';
import { AppError } from '../../shared/errors';
import type { Ctx } from '../context';
import { updateRow } from '../db/writePath';
import { MembersByName } from './byName';
import { memberFromRow } from './rows';

export function findMember(ctx: Ctx, id: string): TeamMember | undefined {
  const row = ctx.store.first(ctx.store.q.selectFrom('team_members').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  return row && memberFromRow(row);
}

export function requireMember(ctx: Ctx, id: string): TeamMember {
  const m = findMember(ctx, id);
  if (!m) throw new AppError('not_found', 'That team member no longer exists. They may have been removed on another device.');
  return m;
}

/** The whole team, by name; inactive members too (their offices still name them). */
export function listMembers(ctx: Ctx): TeamMember[] {
  return ctx.store
    .all(ctx.store.q.selectFrom('team_members').selectAll().where('deleted_at', 'is', null).orderBy(sql.raw('name COLLATE NOCASE, id')))
    .map(memberFromRow);
}

/** Two members by one name would make "the liaison Dana" ambiguous in forms and imports. */
function assertNameFree(ctx: Ctx, name: string, exceptId?: string): void {
  const other = new MembersByName(ctx).named(name);
  if (other && other !== exceptId) {
    const who = requireMember(ctx, other);
    throw new AppError('conflict', `${who.name} is already on the team${who.active ? '' : ' (inactive: reactivate them instead)'}.`, [
      { path: ['name'], message: `${who.name} is already on the team` },
    ]);
  }
}

export function createMember(ctx: Ctx, input: z.output<typeof TeamMemberCreate>): TeamMember {
  return ctx.store.tx(() => {
    assertNameFree(ctx, input.name);
    const id = new MembersByName(ctx).add(input.name, input.role, input.email ?? null);
    // Given with the new member (an admin setting up the team): written in the same transaction.
    if (input.routeStart) updateRow(ctx, 'team_members', id, { route_start: JSON.stringify(routeStartCell(input.routeStart)) });
    return requireMember(ctx, id);
  });
}

export function updateMember(ctx: Ctx, id: string, patch: Partial<z.output<typeof TeamMemberFields>>): TeamMember {
  return ctx.store.tx(() => {
    const current = requireMember(ctx, id);
    if (patch.name !== undefined && patch.name !== current.name) assertNameFree(ctx, patch.name, id);
    const routeStart = patch.routeStart === undefined ? undefined : patch.routeStart && JSON.stringify(routeStartCell(patch.routeStart));
    updateRow(ctx, 'team_members', id, { name: patch.name, role: patch.role, email: patch.email, route_start: routeStart });
    return requireMember(ctx, id);
  });
}

export function setMemberActive(ctx: Ctx, id: string, active: boolean): TeamMember {
  return ctx.store.tx(() => {
    const m = requireMember(ctx, id);
    if (m.active !== active) updateRow(ctx, 'team_members', id, { active: active ? 1 : 0 });
    return requireMember(ctx, id);
  });
}

/** Fixed key order, so an unchanged start compares equal as text. */
function routeStartCell(s: NonNullable<TeamMember['routeStart']>) {
  return { label: s.label, zip: s.zip, coords: s.coords && { lat: s.coords.lat, lng: s.coords.lng }, roundTrip: s.roundTrip };
}
