import type { z } from 'zod';
import { isManager, type SetMe, type TeamMember } from '../../shared/domain/team';
import { AppError } from '../../shared/errors';
import type { Ctx } from '../context';
import { updateRow } from '../db/writePath';
import { MembersByName } from './byName';
import { findMember, requireMember } from './service';

/**
 * "Me" is which team member uses this install: a local setting in `meta` (never synced: each
 * device has its own user), read at start so the change recorder stamps every local write with it.
 */
const ME = 'me';

export function readMe(ctx: Ctx): TeamMember | null {
  const id = ctx.store.first(ctx.store.q.selectFrom('meta').select('value').where('key', '=', ME))?.value;
  return (id && findMember(ctx, id)) || null;
}

/** Picks the member by this name (made, as this role, if the team has no one by it) and remembers them as me. */
export function setMe(ctx: Ctx, input: z.output<typeof SetMe>): TeamMember {
  const id = ctx.store.tx(() => {
    const byName = new MembersByName(ctx);
    const found = byName.find(input.name);
    const id = found ?? byName.findOrAdd(input.name, input.role);
    // Saying who you are also says your role; an inactive member answering is back at work.
    if (found) updateRow(ctx, 'team_members', id, { role: input.role, active: 1 });
    ctx.store.run(ctx.store.q.insertInto('meta').values({ key: ME, value: id }).onConflict((oc) => oc.column('key').doUpdateSet({ value: id })));
    return id;
  });
  ctx.changes.actor = id;
  return requireMember(ctx, id);
}

/** At start: local writes from now on say who made them. */
export function loadMe(ctx: Ctx): void {
  ctx.changes.actor = readMe(ctx)?.id ?? null;
}

/**
 * Settings that decide what needs a manager (limits, policy, scorecard rules) are changed only by
 * one: self-declared until a team server enforces roles, the same rule everywhere.
 */
export function requireManager(ctx: Ctx, what: string): void {
  const me = readMe(ctx);
  if (!me) throw new AppError('invalid_input', `Say who you are (Settings → Team) before changing ${what}: only a manager can.`);
  if (!isManager(me.role)) throw new AppError('invalid_input', `Only a manager can change ${what}. You are set up as a ${me.role} (Settings → Team).`);
}
