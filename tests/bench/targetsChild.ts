/**
 * One step of the target-list bench in its own process (tests/bench/targets.ts spawns it):
 *   generate <file> <rows> | parse <file> <rows> | filter <file> <rows> | everything <file> <rows>
 * Prints one JSON line: how long it took and how far resident memory rose meanwhile.
 */
import fs from 'node:fs';
import { parseOnly, peakGrowth, searchOnce, usualSearch, writeRegistry } from './targets';

async function main(): Promise<void> {
  const [step, file, rows] = process.argv.slice(2) as [string, string, string];
  if (step === 'generate') {
    const t0 = performance.now();
    await writeRegistry(file, Number(rows));
    return console.log(JSON.stringify({ ms: performance.now() - t0, bytes: fs.statSync(file).size }));
  }
  if (step === 'parse') {
    const r = await peakGrowth(() => parseOnly(file));
    return console.log(JSON.stringify({ ms: r.ms, growth: r.growth }));
  }
  // Set up first (the ZIP table, the directory), as the app has them before a search.
  const filter = step === 'everything' ? { codes: new Set<string>(), entity: 'both' as const, near: null, state: null, directory: null } : await usualSearch(Number(rows));
  const r = await peakGrowth(() => searchOnce(file, filter));
  console.log(JSON.stringify({ ms: r.ms, growth: r.growth, count: r.value.count, kept: r.value.kept.length }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
