/**
 * npm run bench — prints the issue's performance figures, each beside a bare baseline measured in
 * the same run (shared machines are noisy: compare ratios, not absolute numbers). Never fails on time.
 *   BENCH_OFFICES (default 50000)      the directory most figures are measured on
 *   BENCH_LARGE (default 200000; 0 skips it)  a second, larger directory: list after writes, start-up, change log
 *   BENCH_PEOPLE_PER_OFFICE (4), BENCH_KEYSTROKES (50), BENCH_EDITS (200), BENCH_STARTUP_RUNS (3),
 *   BENCH_SKIP_BROWSER=1 (no Chromium: skips keystrokes and start-up),
 *   BENCH_KEEP_SEED=1 (keep the seeded folders for the next run that also sets it)
 *   BENCH_TARGET_ROWS (default 300000; 0 skips it), BENCH_TARGET_RUNS (3): the target-list filter over a registry file
 *   BENCH_ONLY=targets runs only that (about two minutes)
 *   BENCH_VISIT_OFFICES (default BENCH_OFFICES), BENCH_VISITS_PER_OFFICE (10): the worklist, calendar, route and visit log
 *   BENCH_ONLY=visits runs only those (a few minutes)
 *   BENCH_GIFT_ENTRIES (default 100000), BENCH_GIFT_PHYSICIANS (20000): the live gift check, a year's compliance
 *   report, ledger verify and logging a lunch; BENCH_ONLY=gifts runs only those (seeding takes a few minutes:
 *   with BENCH_KEEP_SEED=1 it is kept for the next run)
 *   BENCH_REFERRAL_OFFICES (default 50000), BENCH_REFERRALS (default 2000000), BENCH_REFERRAL_RUNS (30): the dashboard,
 *   one office's scorecard, recording a referral, the monthly counts and the database's size, on 50,000 offices
 *   (~200,000 people, ~10 visits each) and five years of referrals; BENCH_REFERRAL_SCALE=0.05 shrinks both sizes
 *   for a quick run (2,500 offices, 100,000 referrals). BENCH_ONLY=referrals runs only that. Its seed takes many
 *   minutes at full size, so it is kept in /tmp/liaison-bench-seeds (keyed by the migrations and the seed
 *   scripts, so any change to them seeds again) unless BENCH_KEEP_SEED=0
 * Every folder it makes is deleted at the end, seeded ones too unless BENCH_KEEP_SEED=1.
 */
import { benchBrowser } from './browser';
import { benchDbSize } from './dbsize';
import { benchDuringImport, benchIntegrity } from './duringImport';
import { benchRoot, cleanupAll, dirBytes, keepSeed, scratchDir } from './folders';
import { benchGifts } from './gifts';
import { benchHttp } from './http';
import { benchImport } from './import';
import { benchImportUi } from './importUi';
import { benchList } from './list';
import { benchListAfterWrites } from './listWrites';
import { benchReferrals, type ReferralBenchSize } from './referrals';
import { prepareSeededDir, type Seeded } from './seeded';
import { benchStartup } from './startup';
import { benchTargets } from './targets';
import { benchVisits } from './visits';
import { benchWrite } from './write';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const t0 = performance.now();
  const offices = num('BENCH_OFFICES', 50_000);
  const large = num('BENCH_LARGE', 200_000);
  const perOffice = num('BENCH_PEOPLE_PER_OFFICE', 4);
  const edits = num('BENCH_EDITS', 200);
  const startupRuns = num('BENCH_STARTUP_RUNS', 3);
  const browser = process.env.BENCH_SKIP_BROWSER !== '1';
  const targetRows = num('BENCH_TARGET_ROWS', 300_000);
  const visitOffices = num('BENCH_VISIT_OFFICES', offices);
  const visitsPerOffice = num('BENCH_VISITS_PER_OFFICE', 10);
  const giftEntries = num('BENCH_GIFT_ENTRIES', 100_000);
  const giftPhysicians = num('BENCH_GIFT_PHYSICIANS', 20_000);
  const referralScale = num('BENCH_REFERRAL_SCALE', 1);
  const referralSize: ReferralBenchSize = {
    offices: Math.round(num('BENCH_REFERRAL_OFFICES', 50_000 * referralScale)),
    referrals: Math.round(num('BENCH_REFERRALS', 2_000_000 * referralScale)),
    peoplePerOffice: 4,
    visitsPerOffice: 10,
    runs: Math.max(30, num('BENCH_REFERRAL_RUNS', 30)),
  };
  if (process.env.BENCH_ONLY === 'referrals') {
    console.log(`Liaison CRM benchmarks (referrals only) — Node ${process.version}\n`);
    await benchReferrals(referralSize);
    console.log(`Bench took ${((performance.now() - t0) / 60_000).toFixed(1)} min.`);
    return;
  }
  if (process.env.BENCH_ONLY === 'gifts') {
    console.log(`Liaison CRM benchmarks (gifts only) — Node ${process.version}\n`);
    await benchGifts(giftEntries, giftPhysicians);
  await benchReferrals(referralSize);
    if (keepSeed()) console.log(`Seeded folders kept for the next run with BENCH_KEEP_SEED=1 (see the Seed line above).`);
    console.log(`Bench took ${((performance.now() - t0) / 60_000).toFixed(1)} min.`);
    return;
  }
  if (process.env.BENCH_ONLY === 'visits') {
    console.log(`Liaison CRM benchmarks (visits only) — Node ${process.version}\n`);
    await benchVisits(visitOffices, visitsPerOffice);
    console.log(`Bench took ${((performance.now() - t0) / 60_000).toFixed(1)} min.`);
    return;
  }
  if (process.env.BENCH_ONLY === 'targets') {
    console.log(`Liaison CRM benchmarks (target lists only) — Node ${process.version}\n`);
    await benchTargets(targetRows);
    console.log(`Bench took ${((performance.now() - t0) / 60_000).toFixed(1)} min.`);
    return;
  }
  console.log(
    `Liaison CRM benchmarks — Node ${process.version}, ${offices.toLocaleString()}${large ? ` and ${large.toLocaleString()}` : ''} offices × ~${perOffice} people; scratch folders in ${benchRoot()} (deleted at the end)\n`,
  );
  const emptyDir = scratchDir('empty');
  const startup = async (s: Seeded) => {
    if (browser) await benchStartup({ dir: s.dir, offices: s.offices, dbBytes: dirBytes(s.dir) }, emptyDir, startupRuns);
  };

  console.log(`=== ${offices.toLocaleString()} offices ===\n`);
  const small = prepareSeededDir(offices, perOffice);
  console.log('');
  benchDbSize(small.dir, small.offices);
  benchList(small.dir);
  await benchListAfterWrites(small.dir, edits, 60_000);
  await benchHttp(small.dir, 300);
  await benchWrite(small.dir);
  await benchImport(offices, small);
  await benchIntegrity(small.dir, small.offices);
  await benchDuringImport(small.dir, 50_000);
  if (browser) await benchBrowser(small.dir, num('BENCH_KEYSTROKES', 50));
  if (browser) await benchImportUi(offices);
  await startup(small);
  await benchVisits(visitOffices, visitsPerOffice);
  await benchGifts(giftEntries, giftPhysicians);
  await benchReferrals(referralSize);

  if (large > 0) {
    console.log(`=== ${large.toLocaleString()} offices ===\n`);
    const big = prepareSeededDir(large, perOffice);
    console.log('');
    benchDbSize(big.dir, big.offices);
    await benchListAfterWrites(big.dir, edits, 90_000);
    await startup(big);
  }
  if (targetRows > 0) await benchTargets(targetRows);
  if (keepSeed()) console.log(`Seeded folders kept for the next run with BENCH_KEEP_SEED=1 (see the Seed lines above).`);
  console.log(`Bench took ${((performance.now() - t0) / 60_000).toFixed(1)} min.`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(cleanupAll);
