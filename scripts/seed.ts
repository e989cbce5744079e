/**
 * npm run seed -- --offices 50000 [--people-per-office 4] [--visits-per-office 10] [--gifts N] [--gift-years 3] [--referrals N] [--seed 42]
 * Fills the data folder (LIAISON_DATA_DIR, or the app's usual folder) with realistic,
 * deterministic offices and people, a history of visits, touches and follow-up tasks by
 * tiered cadences (some offices overdue), and a gift history (lunches shared among an office's
 * physicians and staff, gifts, thank-you notes, a few overrides, reversals and repayments,
 * patient rewards; --gifts defaults to 5 per office, 0 for none), the offices' Four C's ratings on
 * about a third of the visits, and five years of referrals ending today (skewed toward a few
 * offices, seasonal, some offices growing, some declining, a few at risk; in and out, through the
 * pipeline; --referrals defaults to 40 per office, 0 for none), written through the app's own
 * write path (with change log) and services (with the compliance check and the ledger).
 * The issue's bench figure, 100,000 entries across 20,000 physicians: --offices 6000 --gifts 100000.
 */
import { parseArgs } from 'node:util';
import { startApp } from '../src/main/app';
import { resolveDataDir } from '../src/main/dataDir';
import { FolderInUse } from '../src/main/dataLock';
import { DatabaseProblem } from '../src/main/db/fileCheck';
import { insertSeed } from './seed/insert';
import { insertVisitFeedback } from './seed/feedback';
import { insertGiftHistory } from './seed/gifts';
import { insertReferralHistory } from './seed/referrals';
import { insertVisitHistory } from './seed/visits';

const { values } = parseArgs({
  options: {
    offices: { type: 'string', default: '1000' },
    'people-per-office': { type: 'string', default: '4' },
    'visits-per-office': { type: 'string', default: '10' },
    gifts: { type: 'string' },
    'gift-years': { type: 'string', default: '3' },
    referrals: { type: 'string' },
    seed: { type: 'string', default: '42' },
    force: { type: 'boolean', default: false },
  },
});
const offices = Number(values.offices);
if (!Number.isInteger(offices) || offices < 1) {
  console.error('--offices must be a whole number, like --offices 50000');
  process.exit(2);
}
const gifts = values.gifts === undefined ? offices * 5 : Number(values.gifts);
const giftYears = Number(values['gift-years']);
if (!Number.isInteger(gifts) || gifts < 0) {
  console.error('--gifts must be a whole number of entries, like --gifts 100000 (0 for none)');
  process.exit(2);
}
if (!Number.isInteger(giftYears) || giftYears < 1 || giftYears > 10) {
  console.error('--gift-years must be a whole number of years from 1 to 10, like --gift-years 3');
  process.exit(2);
}
const referrals = values.referrals === undefined ? offices * 40 : Number(values.referrals);
if (!Number.isInteger(referrals) || referrals < 0) {
  console.error('--referrals must be a whole number of referrals, like --referrals 2000000 (0 for none)');
  process.exit(2);
}
const dataDir = resolveDataDir();

async function main(): Promise<void> {
  const app = openOrExplain();
  // An existing folder is checked (quick_check) before it takes writes, as at every start.
  await app.ctx.gate.health.check();
  if (app.ctx.gate.health.problem) {
    console.error(app.ctx.gate.health.problem.message);
    app.close();
    process.exit(1);
  }
  try {
    const existing = (app.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM offices').get() as { n: number }).n;
    if (existing > 0 && !values.force) {
      console.error(`${dataDir} already has ${existing} offices. Seed an empty folder (set LIAISON_DATA_DIR), or pass --force to add more.`);
      process.exitCode = 2;
    } else {
      const t0 = performance.now();
      const n = insertSeed(app.ctx, offices, Number(values['people-per-office']), Number(values.seed), (done) => {
        process.stdout.write(`\r${done.toLocaleString()} / ${offices.toLocaleString()} offices`);
      });
      process.stdout.write('\n');
      const v = insertVisitHistory(app.ctx, Number(values['visits-per-office']), Number(values.seed), (done) => {
        process.stdout.write(`\rVisits for ${done.toLocaleString()} / ${offices.toLocaleString()} offices`);
      });
      process.stdout.write('\n');
      const f = insertVisitFeedback(app.ctx, Number(values.seed));
      const g = insertGiftHistory(app.ctx, gifts, Number(values.seed), {
        years: giftYears,
        progress: (done) => process.stdout.write(`\rGift entries ${done.toLocaleString()} / ${gifts.toLocaleString()}`),
      });
      if (gifts > 0) process.stdout.write('\n');
      const rf = insertReferralHistory(app.ctx, referrals, Number(values.seed), {
        progress: (done) => process.stdout.write(`\rReferrals ${done.toLocaleString()} / ${referrals.toLocaleString()}`),
      });
      if (referrals > 0) process.stdout.write('\n');
      console.log(
        `Seeded ${n.offices.toLocaleString()} offices, ${n.people.toLocaleString()} people, ${v.visits.toLocaleString()} visits, ${v.touches.toLocaleString()} touches, ${v.tasks.toLocaleString()} tasks and ${f.feedback.toLocaleString()} visit ratings into ${dataDir} in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
      );
      if (gifts > 0) {
        console.log(
          `Gifts: ${g.entries.toLocaleString()} entries (${g.meals.toLocaleString()} meals, ${g.thankYouNotes.toLocaleString()} thank-you notes) shared among ${g.physicians.toLocaleString()} physicians and ${(g.recipients - g.physicians).toLocaleString()} staff, ${g.overrides.toLocaleString()} manager overrides, ${g.reversals.toLocaleString()} reversals, ${g.repayments.toLocaleString()} repayments, ${g.rewards.toLocaleString()} patient rewards; every record in the ledger.`,
        );
      }
      if (referrals > 0) {
        console.log(
          `Referrals: ${rf.incoming.toLocaleString()} in from ${rf.referringOffices.toLocaleString()} offices (${rf.seen.toLocaleString()} seen, ${rf.lost.toLocaleString()} lost), ${rf.outgoing.toLocaleString()} out to ${rf.partners.toLocaleString()} partners, ${rf.from} to ${rf.to}; ${rf.atRisk.length} offices at risk.`,
        );
      }
    }
  } finally {
    app.close();
  }
}

void main();

/** The app on the data folder, or one line naming whoever holds it and a non-zero exit. */
function openOrExplain(): ReturnType<typeof startApp> {
  try {
    return startApp({ dataDir, mode: 'browser', holder: 'seed', version: 'seed' });
  } catch (e) {
    // Someone else has the folder, or its database cannot be used: say so in one line.
    if (!(e instanceof FolderInUse) && !(e instanceof DatabaseProblem)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
