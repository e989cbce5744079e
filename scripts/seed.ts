/**
 * npm run seed -- --offices 50000 [--people-per-office 4] [--visits-per-office 10] [--seed 42]
 * Fills the data folder (LIAISON_DATA_DIR, or the app's usual folder) with realistic,
 * deterministic offices and people, and a history of visits, touches and follow-up tasks by
 * tiered cadences (some offices overdue), written through the app's own write path (with change log).
 */
import { parseArgs } from 'node:util';
import { startApp } from '../src/main/app';
import { resolveDataDir } from '../src/main/dataDir';
import { FolderInUse } from '../src/main/dataLock';
import { DatabaseProblem } from '../src/main/db/fileCheck';
import { insertSeed } from './seed/insert';
import { insertVisitHistory } from './seed/visits';

const { values } = parseArgs({
  options: {
    offices: { type: 'string', default: '1000' },
    'people-per-office': { type: 'string', default: '4' },
    'visits-per-office': { type: 'string', default: '10' },
    seed: { type: 'string', default: '42' },
    force: { type: 'boolean', default: false },
  },
});
const offices = Number(values.offices);
if (!Number.isInteger(offices) || offices < 1) {
  console.error('--offices must be a whole number, like --offices 50000');
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
      console.log(
        `Seeded ${n.offices.toLocaleString()} offices, ${n.people.toLocaleString()} people, ${v.visits.toLocaleString()} visits, ${v.touches.toLocaleString()} touches and ${v.tasks.toLocaleString()} tasks into ${dataDir} in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
      );
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
