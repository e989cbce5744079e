import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/main/app';
import { DB_FILE_NAME } from '../../src/main/db/connection';
import { FolderInUse, INSTANCE_FILE_NAME, LOCK_FILE_NAME, lockDataFolder } from '../../src/main/dataLock';
import { tempDir } from '../helpers/tempApp';

const opened: App[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) a.close();
});

function open(dataDir: string, holder?: 'seed'): App {
  const app = startApp({ dataDir, mode: 'browser', version: 'test', holder });
  opened.push(app);
  return app;
}

/** The database and its WAL as bytes, and when they were last written: what a refused open must leave alone. */
function fingerprint(dir: string): string[] {
  return [DB_FILE_NAME, `${DB_FILE_NAME}-wal`].map((name) => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) return `${name}: none`;
    return `${name}: ${createHash('sha256').update(fs.readFileSync(file)).digest('hex')} ${fs.statSync(file).mtimeMs}`;
  });
}

function refusal(fn: () => unknown): FolderInUse {
  try {
    fn();
  } catch (e) {
    if (e instanceof FolderInUse) return e;
    throw e;
  }
  throw new Error('the second open was not refused');
}

describe('one process per data folder', () => {
  it('refuses a second app on the same folder, naming the holder, without touching the database; after close() it opens again', async () => {
    const dir = tempDir();
    const first = open(dir);
    first.ctx.store.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'x')").run();
    const before = fingerprint(dir);
    expect(before[0]).not.toMatch(/none/);

    const e = refusal(() => open(dir));
    expect(e.holder).toMatchObject({ pid: process.pid, mode: 'browser' });
    expect(e.message).toBe(`Liaison CRM is already starting in browser mode on ${dir} (process ${process.pid}); its link will be printed where it was started.`);
    expect(e.message).not.toContain('\n');
    // Refused again: a refusal leaves the first holder's lock in place.
    refusal(() => open(dir));
    expect(fingerprint(dir)).toEqual(before);

    // The first app is still whole and still writes.
    first.ctx.store.sqlite.prepare("UPDATE meta SET value = 'y' WHERE key = 'probe'").run();
    first.close();
    opened.splice(opened.indexOf(first), 1);
    expect(fs.existsSync(path.join(dir, INSTANCE_FILE_NAME))).toBe(false);
    const again = open(dir);
    expect(again.ctx.store.sqlite.prepare("SELECT value FROM meta WHERE key = 'probe'").get()).toEqual({ value: 'y' });
  });

  it('is refused before the database is opened: a folder held by a process still starting gets no database file', () => {
    const dir = tempDir();
    const lock = lockDataFolder(dir, 'electron');
    try {
      expect(refusal(() => open(dir)).message).toBe(`Liaison CRM is already open on ${dir}: the desktop app, process ${process.pid}. Use its window, or quit it first.`);
      expect(fs.readdirSync(dir).sort()).toEqual([INSTANCE_FILE_NAME, LOCK_FILE_NAME]);
    } finally {
      lock.release();
    }
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE_NAME]);
  });

  it('tells a second process where browser mode serves, secret and all, once it listens', () => {
    const dir = tempDir();
    const first = open(dir);
    const link = 'http://127.0.0.1:5170/?token=abcDEF_123-xyz';
    first.lock.announce(link);
    expect(JSON.parse(fs.readFileSync(path.join(dir, INSTANCE_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid, mode: 'browser', url: link });
    expect(refusal(() => open(dir)).message).toBe(`Liaison CRM is already running in browser mode on ${dir} (process ${process.pid}): open ${link}`);
  });

  it('names the seed script when it holds the folder, and says "another process" when the holder’s note is missing or unreadable', () => {
    const dir = tempDir();
    open(dir, 'seed');
    expect(refusal(() => open(dir)).message).toBe(`Liaison CRM's seed script is filling ${dir} (process ${process.pid}); wait for it to finish.`);
    const note = path.join(dir, INSTANCE_FILE_NAME);
    fs.writeFileSync(note, '{"pid": "not json');
    expect(refusal(() => open(dir)).message).toBe(`${dir} is in use by another Liaison CRM process; close it first.`);
    fs.rmSync(note);
    const e = refusal(() => open(dir));
    expect([e.holder, e.message]).toEqual([null, `${dir} is in use by another Liaison CRM process; close it first.`]);
  });

  it('releases the folder when the database cannot be opened, so the next try is not refused', () => {
    const dir = tempDir();
    // Another program's file where the database should be: refused, and the lock let go.
    fs.writeFileSync(path.join(dir, DB_FILE_NAME), 'not a database at all, and long enough to have a header: '.repeat(20));
    expect(() => open(dir)).toThrow();
    expect(() => open(dir)).not.toThrow(FolderInUse);
  });
});

describe.skipIf(process.platform === 'win32')('the data folder is private to the user (POSIX modes)', () => {
  const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);

  it('makes a new folder 0700 and the database, its WAL files, the lock and the holder note 0600', () => {
    const dir = path.join(tempDir(), 'new', 'data');
    const saved = process.umask(0o022);
    try {
      const app = open(dir);
      app.ctx.store.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'x')").run();
      app.lock.announce('http://127.0.0.1:1/?token=secret');
    } finally {
      process.umask(saved);
    }
    expect(mode(dir)).toBe('700');
    const files = [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`, LOCK_FILE_NAME, INSTANCE_FILE_NAME];
    expect(Object.fromEntries(files.map((f) => [f, mode(path.join(dir, f))]))).toEqual(Object.fromEntries(files.map((f) => [f, '600'])));
  });

  it('leaves an existing folder, and an existing database, with the modes their owner gave them', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const first = open(dir);
    first.close();
    opened.splice(0);
    fs.chmodSync(path.join(dir, DB_FILE_NAME), 0o640);
    open(dir);
    expect([mode(dir), mode(path.join(dir, DB_FILE_NAME))]).toEqual(['755', '640']);
  });
});
