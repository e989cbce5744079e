import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src/main/app';
import { DB_FILE_NAME } from '../../src/main/db/connection';
import { FolderInUse, readHolder } from '../../src/main/dataLock';
import { tempDir } from '../helpers/tempApp';

/** Browser mode's real entry point as its own process, under tsx so no build is needed. */
const CLI = path.resolve(__dirname, '../helpers/browserModeCli.ts');
const SEED = path.resolve(__dirname, '../../scripts/seed.ts');
const root = path.resolve(__dirname, '../..');

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function run(script: string, dataDir: string, args: string[] = []): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, LIAISON_DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

/** Browser mode started and listening; its printed link. */
async function printedLink(p: Proc): Promise<string> {
  for (const t0 = Date.now(); Date.now() - t0 < 20_000; await new Promise((r) => setTimeout(r, 50))) {
    const m = /is at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(p.out());
    if (m) return m[1]!;
    if (p.child.exitCode !== null) break;
  }
  throw new Error(`browser mode did not print its link: ${p.out()} ${p.err()}`);
}

/** The database and its WAL, bytes and last write. */
const fingerprint = (db: string) => [db, `${db}-wal`].map((f) => (fs.existsSync(f) ? `${createHash('sha256').update(fs.readFileSync(f)).digest('hex')} ${fs.statSync(f).mtimeMs}` : 'none'));

describe('one process per data folder, between processes', () => {
  it('a second browser mode, and the seed script, say in one line who holds the folder and where, and exit non-zero without touching the database', async () => {
    const dir = tempDir();
    const first = run(CLI, dir);
    const link = await printedLink(first);
    const db = path.join(dir, DB_FILE_NAME);
    const before = fingerprint(db);

    const second = run(CLI, dir);
    expect(await second.exited).toBe(1);
    expect(second.err()).toBe(`Liaison CRM is already running in browser mode on ${dir} (process ${first.child.pid}): open ${link}\n`);
    expect(second.out()).toBe('');

    const seed = run(SEED, dir, ['--offices', '5']);
    expect(await seed.exited).toBe(1);
    expect(seed.err()).toBe(`Liaison CRM is already running in browser mode on ${dir} (process ${first.child.pid}): open ${link}\n`);

    // And an app in this process, as the desktop app would open it.
    expect(() => startApp({ dataDir: dir, mode: 'electron', version: 'test' })).toThrow(FolderInUse);
    expect(fingerprint(db)).toEqual(before);
    // The first is still serving.
    const res = await fetch(`${new URL(link).origin}/api/app.info`, { method: 'POST', headers: { authorization: `Bearer ${new URL(link).searchParams.get('token')}` } });
    expect(res.status).toBe(200);
  });

  it('takes over the folder of a holder that was killed (SIGKILL: no clean-up ran)', async () => {
    const dir = tempDir();
    const holder = run(CLI, dir);
    await printedLink(holder);
    expect(() => startApp({ dataDir: dir, mode: 'browser', version: 'test' })).toThrow(/already running in browser mode/);
    holder.child.kill('SIGKILL');
    await holder.exited;
    // Its note is left behind, but names a process that is gone: not believed.
    expect(fs.existsSync(path.join(dir, 'instance.json'))).toBe(true);
    expect(readHolder(dir)).toBeNull();
    const app = startApp({ dataDir: dir, mode: 'browser', version: 'test' });
    try {
      expect(readHolder(dir)).toMatchObject({ pid: process.pid });
      // And a process started now is refused by this one.
      const late = run(CLI, dir);
      expect(await late.exited).toBe(1);
      expect(late.err()).toMatch(new RegExp(`\\(process ${process.pid}\\)`));
    } finally {
      app.close();
    }
  });

  it('lets exactly one of several processes started at once on a new folder have it', async () => {
    const dir = path.join(tempDir(), 'data');
    const racers = [run(CLI, dir), run(CLI, dir), run(CLI, dir)];
    const outcome = await Promise.all(racers.map((p) => Promise.race([p.exited.then((code) => `exit ${code}`), printedLink(p).then(() => 'serving')])));
    expect(outcome.filter((o) => o === 'serving')).toHaveLength(1);
    expect(outcome.filter((o) => o === 'exit 1')).toHaveLength(2);
    for (const p of racers.filter((r) => r.child.exitCode === 1)) expect(p.err()).toMatch(/^(Liaison CRM is already|.* is in use by another Liaison CRM process).*\n$/);
  });
});
