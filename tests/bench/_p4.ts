import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { startApp } from '../../src/main/app';
import { parseCsv } from '../../src/main/imports/parse';
import { planImport } from '../../src/main/imports/plan';
import { commitPlan } from '../../src/main/imports/commit';
import { guessMapping } from '../../src/shared/imports/fields';
import { generateCsv } from '../../scripts/seed/generate';
const csv = generateCsv(50000, 1, 7);
void (async () => {
  for (let r = 0; r < 3; r++) {
  const a = startApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'p-')), mode: 'browser', version: 'x' });
  let t = performance.now();
  const parsed = parseCsv(csv);
  const t1 = performance.now();
  const plan = planImport(a.ctx, parsed, guessMapping(parsed.headers));
  const t2 = performance.now();
  if (!process.env.PLAN_ONLY) await commitPlan(a.ctx, plan, 'skip');
  const t3 = performance.now();
  console.log('parse', (t1 - t).toFixed(0), 'plan', (t2 - t1).toFixed(0), 'commit', (t3 - t2).toFixed(0));
  a.close();
  }
})();
