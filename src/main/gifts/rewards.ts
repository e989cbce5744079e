import type { z } from 'zod';
import type { RewardLog, RewardRow } from '../../shared/domain/gift';
import { AppError, fieldError } from '../../shared/errors';
import { checkReward, type RewardVerdict } from '../../shared/gifts/reward';
import { newId } from '../../shared/ids';
import { formatCents } from '../../shared/money';
import { dayOf, systemZone } from '../../shared/visits/time';
import type { Ctx } from '../context';
import { insertRow } from '../db/writePath';
import { readMe } from '../team/me';
import { appendLedger } from './ledger';
import { readLimits, readPolicy } from './settings';

const invalid = fieldError;

/** Codes are compared as people type them: case and spacing do not make another patient. */
export const normaliseCode = (code: string) => code.trim().toUpperCase().replace(/\s+/g, ' ');

function spentBy(ctx: Ctx, code: string, year: number): number {
  return (ctx.store.read('SELECT coalesce(sum(cents), 0) AS n FROM patient_rewards WHERE referral_code = ? AND year = ?').get(code, year) as { n: number }).n;
}

export function rewardCheck(ctx: Ctx, input: { referralCode: string; day: string; cents: number }): RewardVerdict {
  const today = dayOf(ctx.now(), systemZone());
  if (input.day.slice(0, 4) > today.slice(0, 4)) throw invalid('day', `That date is in ${input.day.slice(0, 4)}, a year that has not begun. Check the year.`);
  const code = normaliseCode(input.referralCode);
  return checkReward(input.cents, input.day, spentBy(ctx, code, Number(input.day.slice(0, 4))), readLimits(ctx), readPolicy(ctx).warnAt);
}

export function logReward(ctx: Ctx, input: z.output<typeof RewardLog>): { id: string; check: RewardVerdict } {
  return ctx.store.tx(() => {
    const check = rewardCheck(ctx, input);
    if (check.verdict === 'over') {
      const limit = check.rule.includes('one item') ? check.itemLimitCents : check.yearLimitCents;
      throw invalid('cents', `${check.rule} (${formatCents(limit ?? 0)}; ${check.source}), so not saved. Already given to this code this year: ${formatCents(check.spentCents)}.`);
    }
    const id = newId();
    insertRow(ctx, 'patient_rewards', {
      id, referral_code: normaliseCode(input.referralCode), day: input.day, year: Number(input.day.slice(0, 4)), cents: input.cents, description: input.description,
      logged_by: readMe(ctx)?.id ?? null, reverses: null, reason: null, created_at: ctx.now(),
    });
    appendLedger(ctx, 'patient_rewards', id);
    return { id, check };
  });
}

export function reverseReward(ctx: Ctx, id: string, reason: string): { id: string } {
  return ctx.store.tx(() => {
    const r = ctx.store.read('SELECT * FROM patient_rewards WHERE id = ?').get(id) as
      | { referral_code: string; day: string; year: number; cents: number; description: string; reverses: string | null }
      | undefined;
    if (!r) throw new AppError('not_found', 'That reward no longer exists.');
    if (r.reverses) throw invalid('id', 'This is itself a correction.');
    if (ctx.store.read('SELECT id FROM patient_rewards WHERE reverses = ?').get(id)) throw invalid('id', 'This reward has already been reversed.');
    const rid = newId();
    insertRow(ctx, 'patient_rewards', {
      id: rid, referral_code: r.referral_code, day: r.day, year: r.year, cents: -r.cents, description: r.description, logged_by: readMe(ctx)?.id ?? null, reverses: id, reason,
      created_at: ctx.now(),
    });
    appendLedger(ctx, 'patient_rewards', rid);
    return { id: rid };
  });
}

export function listRewards(ctx: Ctx, year: number): z.output<typeof RewardRow>[] {
  const rows = ctx.store
    .read(
      `SELECT r.id, r.referral_code, r.day, r.cents, r.description, r.reverses, m.name AS logged_by, EXISTS (SELECT 1 FROM patient_rewards x WHERE x.reverses = r.id) AS reversed
       FROM patient_rewards r LEFT JOIN team_members m ON m.id = r.logged_by WHERE r.day BETWEEN ? AND ? ORDER BY r.day DESC, r.created_at DESC LIMIT 2000`,
    )
    .all(`${year}-01-01`, `${year}-12-31`) as { id: string; referral_code: string; day: string; cents: number; description: string; reverses: string | null; logged_by: string | null; reversed: number }[];
  return rows.map((r) => ({ id: r.id, referralCode: r.referral_code, day: r.day, cents: r.cents, description: r.description, loggedBy: r.logged_by, reversed: r.reversed === 1, isReversal: r.reverses !== null }));
}
