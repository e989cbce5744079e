import { z } from 'zod';
import { tidyName } from '../team/memberId';
import { emailAddress, isoInstant, recordId } from './fields';
import { Coords } from './cadence';
import { looseEnum } from './office';
import { zipField } from './zip';

/**
 * Where a member's day's route starts: home or an office, by ZIP (its centre) or exact
 * coordinates; round trip back there, or one way (ending at the last stop).
 */
export const RouteStart = z
  .object({
    label: z.string().trim().min(1, 'Name the start, like Home or Office').max(60),
    zip: zipField.transform((zip) => zip && zip.slice(0, 5)),
    coords: Coords.nullish().transform((c) => c ?? null),
    roundTrip: z.boolean().default(true),
  })
  .refine((s) => s.zip || s.coords, { message: 'Give a ZIP code or the coordinates of the start', path: ['zip'] });
export type RouteStart = z.output<typeof RouteStart>;

/** Stored with each member and shown; not enforced on this device (the sync server checks roles). */
export const TEAM_ROLES = ['liaison', 'doctor', 'manager', 'admin'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TEAM_ROLE_LABELS: Record<TeamRole, string> = { liaison: 'Liaison', doctor: 'Doctor', manager: 'Manager', admin: 'Admin' };

/** Who may override a gift limit, reverse an overridden entry, or change the limits and gift policy. */
export const isManager = (role: string | null | undefined): boolean => role === 'manager' || role === 'admin';

export const memberName = z
  .string({ message: 'Name is required' })
  .trim()
  .min(1, 'Name is required')
  .max(100, 'Keep the name under 100 characters')
  .transform(tidyName);

export const TeamMemberFields = z.object({
  name: memberName,
  role: looseEnum(TEAM_ROLES, 'role'),
  email: emailAddress,
  // Optional: the member form does not show it (Settings → Route start does).
  routeStart: RouteStart.nullable().optional(),
});

export const TeamMemberCreate = TeamMemberFields.extend({ role: TeamMemberFields.shape.role.default('liaison') }).partial({ email: true, routeStart: true });
export type TeamMemberCreateInput = z.input<typeof TeamMemberCreate>;

export const TeamMemberUpdate = z.object({ id: recordId, patch: TeamMemberFields.partial() });

/** Who is using this install: a member picked by name, or a new one made from it. */
export const SetMe = z.object({ name: memberName, role: TeamMemberFields.shape.role });
export type SetMeInput = z.input<typeof SetMe>;

export const TeamMember = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(TEAM_ROLES),
  email: z.string().nullable(),
  /** an inactive member (left the practice) keeps their offices and history but is not offered for new work */
  active: z.boolean(),
  routeStart: z.object({ label: z.string(), zip: z.string().nullable(), coords: z.object({ lat: z.number(), lng: z.number() }).nullable(), roundTrip: z.boolean() }).nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type TeamMember = z.output<typeof TeamMember>;
