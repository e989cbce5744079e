/**
 * npm run bench — prints the performance figures, each beside a bare baseline measured in
 * the same run (shared machines are noisy: compare ratios, not absolute numbers). Never fails on time.
 *   BENCH_OFFICES (default 50000), BENCH_PEOPLE_PER_OFFICE (4), BENCH_KEYSTROKES (50), BENCH_SKIP_BROWSER=1
 */
import { benchBrowser } from './browser';
import { benchImport } from './import';
import { benchList } from './list';
import { benchWrite } from './write';
import { prepareSeededDir } from './seeded';

async function main(): Promise<void> {
  const offices = Number(process.env.BENCH_OFFICES ?? 50_000);
  const perOffice = Number(process.env.BENCH_PEOPLE_PER_OFFICE ?? 4);
  console.log(`Liaison CRM benchmarks — Node ${process.version}, ${offices.toLocaleString()} offices × ~${perOffice} people\n`);
  const dir = prepareSeededDir(offices, perOffice);
  benchList(dir);
  benchWrite();
  await benchImport(offices);
  if (process.env.BENCH_SKIP_BROWSER !== '1') await benchBrowser(dir, Number(process.env.BENCH_KEYSTROKES ?? 50));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
