import { guessReferralMapping, phiKind, phiReason } from '../../../shared/imports/referralFields';
import type { ImportSpec, SpecSummary } from '../spec';
import { commitReferrals } from './commit';
import { planReferrals, type ReferralPlan } from './plan';

const PREVIEW_OFFICES = 200;
const PREVIEW_SAMPLE = 20;

type Summary = Extract<SpecSummary, { spec: 'referrals' }>;

/** What the review says of a referral plan: new, updated and unchanged, the offices found and the ones waiting for a choice. */
function summarise(plan: ReferralPlan): Summary {
  const count = (does: string) => plan.referrals.filter((p) => p.does === does).length;
  const matched = new Map<string, Summary['matched'][number]>();
  for (const p of plan.referrals) {
    if (!('found' in p.office)) continue;
    const { id, name, by } = p.office.found;
    const m = matched.get(id) ?? { officeId: id, name, by, rows: 0 };
    m.rows++;
    matched.set(id, m);
  }
  return {
    spec: 'referrals',
    outcome: { add: count('add'), update: count('update'), unchanged: count('unchanged') },
    waiting: count('wait'),
    skipped: count('skip'),
    withoutSourceId: plan.withoutSourceId,
    physiciansNotFound: plan.physiciansNotFound,
    matched: [...matched.values()].sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name)).slice(0, PREVIEW_OFFICES),
    matchedTotal: matched.size,
    unmatched: plan.groups
      .filter((g) => g.rows > 0)
      .map((g) => ({ key: g.key, name: g.name, zip: g.zip, npi: g.npi, rows: g.rows, choice: g.choice, linkedName: g.linked?.name ?? null, suggested: g.suggested })),
    sample: plan.referrals.slice(0, PREVIEW_SAMPLE).map((p) => ({
      row: p.row,
      receivedOn: p.cells.receivedOn,
      office: 'found' in p.office ? p.office.found.name : (p.office.group.linked?.name ?? p.office.group.name),
      serviceLine: p.cells.serviceLine ?? '',
      status: p.cells.status?.status ?? 'received',
      direction: p.cells.direction,
      does: p.does,
    })),
  };
}

/**
 * A practice-management system's referral report: one row per referral, matched to the app's
 * offices, re-imported month after month by the system's own referral id. Patient identifiers in
 * the report (names, birth dates, record numbers…) are never mapped, read back or written.
 */
export const referralSpec: ImportSpec<ReferralPlan> = {
  key: 'referrals',
  headerHint: 'Referral date, Referring office, Department, …',
  guess: guessReferralMapping,
  firstMapping: guessReferralMapping,
  refused: (headers) =>
    headers.map((h) => {
      const kind = phiKind(h);
      return kind ? phiReason(kind) : null;
    }),
  planKey: (_ctx, req) => JSON.stringify(req.officeChoices),
  plan: (ctx, table, mapping, req) => planReferrals(ctx, table, mapping, req.officeChoices),
  sampleNames(table, mapping) {
    const col = mapping.indexOf('officeName');
    return col < 0 ? [] : [...new Set(table.records.slice(0, 5000).map((r) => (r[col] ?? '').trim()).filter(Boolean))].sort((a, b) => Number(/[^ -~]/.test(b)) - Number(/[^ -~]/.test(a))).slice(0, 5);
  },
  summary: summarise,
  writes: (plan) => plan.referrals.filter((p) => p.does === 'add' || p.does === 'update').length,
  nothingToImport: (plan) =>
    plan.referrals.some((p) => p.does === 'wait')
      ? 'No referral can be imported yet: choose what to do with the offices the app does not have.'
      : plan.referrals.length
        ? 'Every referral in this file is already in the app as the file has it: there is nothing to import.'
        : 'No row of this file can be imported; see the listed errors.',
  commit: commitReferrals,
};
