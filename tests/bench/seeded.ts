import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../../src/main/app';
import { insertSeed } from '../../scripts/seed/insert';

/** A data folder holding the seeded directory, made once and reused by later runs (same seed, same data). */
export function prepareSeededDir(offices: number, perOffice: number): string {
  const dir = path.join(os.tmpdir(), `liaison-bench-${offices}-${perOffice}`);
  const marker = path.join(dir, 'seeded.ok');
  if (fs.existsSync(marker)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  const t0 = performance.now();
  const n = insertSeed(app.ctx, offices, perOffice, 42, () => {});
  app.ctx.store.sqlite.pragma('optimize');
  app.close();
  fs.writeFileSync(marker, '');
  console.log(`seeded ${n.offices.toLocaleString()} offices / ${n.people.toLocaleString()} people in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dir})\n`);
  return dir;
}
