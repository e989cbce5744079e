import { z } from 'zod';
import { recordId } from '../domain/fields';
import { SetMe, TeamMember, TeamMemberCreate, TeamMemberUpdate } from '../domain/team';
import type { MethodSpec } from '../api/define';

const ById = z.object({ id: recordId });

/** The team domain's methods: the people who use the app, and which of them is using this install. */
export const teamContract = {
  'team.list': { input: z.object({}).default({}), output: z.array(TeamMember) },
  'team.create': { input: TeamMemberCreate, output: TeamMember },
  'team.update': { input: TeamMemberUpdate, output: TeamMember },
  'team.deactivate': { input: ById, output: TeamMember },
  'team.reactivate': { input: ById, output: TeamMember },
  'team.me': { input: z.object({}).default({}), output: z.object({ member: TeamMember.nullable() }) },
  'team.setMe': { input: SetMe, output: TeamMember },
} satisfies Record<`team.${string}`, MethodSpec>;
