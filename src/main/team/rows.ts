import type { Insertable, Selectable } from 'kysely';
import type { TeamMember, TeamRole } from '../../shared/domain/team';
import type { TeamMembersTable } from '../db/schema';

export function memberFromRow(r: Selectable<TeamMembersTable>): TeamMember {
  return {
    id: r.id,
    name: r.name,
    role: r.role as TeamRole,
    email: r.email,
    active: r.active !== 0,
    routeStart: r.route_start ? (JSON.parse(r.route_start) as TeamMember['routeStart']) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The stored row of a new, active member, as insertRow writes it. */
export function memberRecord(id: string, f: { name: string; role: TeamRole; email?: string | null }, now: string): Insertable<TeamMembersTable> & { id: string } {
  return { id, name: f.name, role: f.role, email: f.email ?? null, active: 1, route_start: null, created_at: now, updated_at: now, deleted_at: null };
}
