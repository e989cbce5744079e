#!/usr/bin/env node
// `npm test`: every check a change must pass, in order, then one closing line that sums them:
//   lint → typecheck → unit + integration (Vitest, real SQLite files) → build → e2e (Playwright, Chromium)
// Every step runs even when an earlier one failed, so one run shows everything that is wrong.
// A suite that ran no test fails the run: a silent suite is not a passing one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(title, cmd, args, env = {}) {
  console.log(`\n━━ ${title} ━━`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function count(suite, passed, failed, skipped, ok) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  console.log(`${suite}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (passed + failed === 0) problems.push(`${suite} ran no test`);
  else if (!ok && failed === 0) problems.push(`${suite} exited with an error`);
}

// 1. Lint (including where code may run: electron only in the shell, the renderer never imports main).
{
  const ok = run('lint (ESLint)', bin('eslint'), ['.', '--max-warnings', '0']);
  totals[ok ? 'passed' : 'failed'] += 1;
  if (!ok) problems.push('lint failed');
}

// 2. Types: one check per program (main/preload, renderer, tests).
for (const project of ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.test.json']) {
  const ok = run(`typecheck ${project}`, bin('tsc'), ['-p', project]);
  totals[ok ? 'passed' : 'failed'] += 1;
  if (!ok) problems.push(`typecheck ${project} failed`);
}

// 3. Unit and integration.
const vitestJson = path.join(reports, 'vitest.json');
const vitestOk = run('unit + integration (Vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const v = readJson(vitestJson);
count('vitest', v?.numPassedTests ?? 0, v ? v.numFailedTests : 1, (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0), vitestOk);

// 4. Build what browser mode serves, then 5. drive it in Chromium.
const built = run('build (electron-vite)', bin('electron-vite'), ['build', '--logLevel', 'warn']);
if (!built) {
  totals.failed += 1;
  problems.push('build failed, so the e2e suite could not run');
} else {
  const pwJson = path.join(reports, 'playwright.json');
  const pwOk = run('e2e (Playwright, Chromium, browser mode)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  const report = readJson(pwJson);
  const s = report?.stats;
  // Say which tests skipped and why, so a skip is never silent.
  const walk = (suite) => [...(suite.specs ?? []).flatMap((spec) => spec.tests.filter((t) => t.status === 'skipped').map((t) => ({ title: spec.title, why: t.annotations.find((a) => a.type === 'skip')?.description }))), ...(suite.suites ?? []).flatMap(walk)];
  for (const skip of (report?.suites ?? []).flatMap(walk)) console.log(`skipped: ${skip.title}${skip.why ? ` — ${skip.why}` : ''}`);
  count('playwright', (s?.expected ?? 0) + (s?.flaky ?? 0), s ? s.unexpected : 1, s?.skipped ?? 0, pwOk);
}

// The reports were read above; the folder is ours to remove.
fs.rmSync(reports, { recursive: true, force: true });
console.log('');
for (const p of problems) console.log(`✗ ${p}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || problems.length > 0 ? 1 : 0);
