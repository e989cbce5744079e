import type { ScorecardDetail } from '../../shared/referrals/contract';
import type { Scorecard } from '../../shared/referrals/scorecard';
import type { Ctx } from '../context';

type Period = { from: string; to: string };

/** One office's (or one physician's) Four C's for a period, with the numbers behind each C. */
export function officeScorecard(_ctx: Ctx, _officeId: string, _p: Period): ScorecardDetail {
  throw new Error('Scorecards are not built yet.');
}

export function personScorecard(_ctx: Ctx, _personId: string, _p: Period): ScorecardDetail {
  throw new Error('Scorecards are not built yet.');
}

export function manyScorecards(_ctx: Ctx, _officeIds: readonly string[], _p: Period): { officeId: string; card: Scorecard }[] {
  throw new Error('Scorecards are not built yet.');
}

export function scorecardCsv(_ctx: Ctx, _q: Period & { officeId?: string; personId?: string }): { csv: string; fileName: string } {
  throw new Error('Scorecards are not built yet.');
}
