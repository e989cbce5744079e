import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every data folder the bench makes lives under one root made for this run and deleted when the
 * run ends (normally, on an error, or on Ctrl-C). Seeded folders are the one exception, and only
 * with BENCH_KEEP_SEED=1: those live in a fixed place so that the next run can reuse them.
 */
let root: string | null = null;
const cleanups: (() => void)[] = [];

const WATCHDOG = `
const fs = require('node:fs');
const [pid, root] = process.argv.slice(1);
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
const timer = setInterval(() => {
  if (alive()) return;
  clearInterval(timer);
  try {
    for (const p of fs.readFileSync(root + '/running.pids', 'utf8').split('\\n').filter(Boolean)) {
      try { process.kill(Number(p), 'SIGKILL'); } catch {}
    }
  } catch {}
  fs.rmSync(root, { recursive: true, force: true });
}, 500);
`;

/** Lists a spawned process for the watchdog until it exits. */
export function trackProcess(pid: number, exited: Promise<unknown>): void {
  const file = path.join(benchRoot(), 'running.pids');
  const read = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  fs.writeFileSync(file, [...read(), String(pid)].join('\n') + '\n');
  void exited.finally(() => {
    if (root) fs.writeFileSync(file, read().filter((p) => p !== String(pid)).join('\n') + '\n');
  });
}

export function benchRoot(): string {
  if (!root) {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
    // A watchdog outlives this process: tsx answers Ctrl-C by SIGKILLing a child busy in
    // synchronous code, and no handler runs then. Once this process is gone, it stops the hosts
    // still listed as running and deletes the root.
    spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), root], { detached: true, stdio: 'ignore' }).unref();
    const onSignal = (signal: NodeJS.Signals) => {
      cleanupAll();
      process.kill(process.pid, signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('exit', cleanupAll);
  }
  return root;
}

/** A new empty folder under this run's root. */
export function scratchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(benchRoot(), `${prefix}-`));
}

/** A copy of a closed data folder (its database was checkpointed on close), under this run's root. */
export function copyDir(src: string, prefix: string): string {
  const dest = scratchDir(prefix);
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Work to do before the folders go (stop a spawned host, close a browser). */
export function onCleanup(fn: () => void): void {
  cleanups.push(fn);
}

/** Bytes under a folder (its files, not following links). */
export function dirBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return n;
}

export function cleanupAll(): void {
  for (const fn of cleanups.splice(0)) {
    try {
      fn();
    } catch {
      // best effort: the folders below still go
    }
  }
  if (root) {
    removeDir(root);
    root = null;
  }
}

export const keepSeed = () => process.env.BENCH_KEEP_SEED === '1';

/** Where BENCH_KEEP_SEED=1 keeps seeded folders between runs. */
export const keptSeedRoot = () => path.join(os.tmpdir(), 'liaison-bench-seeds');
