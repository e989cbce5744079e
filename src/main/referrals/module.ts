import type { referralsContract } from '../../shared/referrals/contract';
import type { AppCore, DomainModule } from '../domain';
import { dashboard, dashboardCsv } from './dashboard';
import { manyScorecards, officeScorecard, personScorecard, scorecardCsv } from './scorecards';
import { createReferral, deleteReferral, getReferral, listReferrals, reciprocity, referralsTimeline, serviceLines, stepReferral, updateReferral } from './service';
import { readReferralSettings, saveReferralSettings } from './settings';

export function referralsModule({ ctx }: AppCore): DomainModule<typeof referralsContract> {
  return {
    timeline: referralsTimeline,
    handlers: {
      'referrals.create': (input) => createReferral(ctx, input),
      'referrals.update': (input) => updateReferral(ctx, input),
      'referrals.step': (input) => stepReferral(ctx, input),
      'referrals.delete': ({ id }) => deleteReferral(ctx, id),
      'referrals.get': ({ id }) => getReferral(ctx, id),
      'referrals.list': (q) => listReferrals(ctx, q),
      'referrals.serviceLines': () => serviceLines(ctx, Object.keys(readReferralSettings(ctx).settings.expectedCents)),
      'referrals.reciprocity': ({ officeId, from, to }) => reciprocity(ctx, officeId, from, to),
      'referralSettings.get': () => readReferralSettings(ctx),
      'referralSettings.save': (s) => saveReferralSettings(ctx, s),
      'dashboard.get': (q) => dashboard(ctx, q),
      'dashboard.csv': (q) => dashboardCsv(ctx, q),
      'scorecards.office': ({ officeId, from, to }) => officeScorecard(ctx, officeId, { from, to }),
      'scorecards.person': ({ personId, from, to }) => personScorecard(ctx, personId, { from, to }),
      'scorecards.many': ({ officeIds, from, to }) => ({ cards: manyScorecards(ctx, officeIds, { from, to }) }),
      'scorecards.csv': (q) => scorecardCsv(ctx, q),
    },
  };
}
