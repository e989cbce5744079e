import fs from 'node:fs';
import path from 'node:path';
import { startApp } from '../../src/main/app';
import { setMe } from '../../src/main/team/me';
import { insertSeed } from '../../scripts/seed/insert';
import { benchRoot, keepSeed, keptSeedRoot } from './folders';

export interface Seeded {
  dir: string;
  offices: number;
  people: number;
  seedMs: number;
}

/**
 * A data folder holding the seeded directory (seed 42, through the app's own write path).
 * Made once per run under the run's root, so deleted at the end; with BENCH_KEEP_SEED=1 it is
 * made in a fixed folder instead, kept, and reused by the next run that also sets it.
 */
export function prepareSeededDir(offices: number, perOffice: number): Seeded {
  const keep = keepSeed();
  const dir = path.join(keep ? keptSeedRoot() : benchRoot(), `seed-${offices}x${perOffice}-s42`);
  const marker = `${dir}.json`;
  if (keep && fs.existsSync(marker)) {
    const s = JSON.parse(fs.readFileSync(marker, 'utf8')) as Seeded;
    console.log(`Seed: reusing ${dir}, kept by an earlier run (BENCH_KEEP_SEED=1); it took ${(s.seedMs / 1000).toFixed(1)} s to seed then`);
    return { ...s, dir };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(marker, { force: true });
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  const t0 = performance.now();
  const n = insertSeed(app.ctx, offices, perOffice, 42, () => {});
  const seedMs = performance.now() - t0;
  // A folder in use has someone using it: without "me", the first-start question covers the page.
  setMe(app.ctx, { name: 'Bench Liaison', role: 'liaison' });
  app.ctx.store.sqlite.pragma('optimize');
  app.close();
  const seeded: Seeded = { dir, offices: n.offices, people: n.people, seedMs };
  // Written last, beside (not inside) the data folder: a folder without it is an interrupted seed.
  fs.writeFileSync(marker, JSON.stringify(seeded));
  console.log(
    `Seed: ${n.offices.toLocaleString()} offices / ${n.people.toLocaleString()} people through the app's write path in ${(seedMs / 1000).toFixed(1)} s` +
      (keep ? ` (kept for later runs in ${dir}; delete with rm -rf ${keptSeedRoot()})` : ''),
  );
  return seeded;
}
