import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase } from './db/driver';
import { cannotOpen } from './db/fileCheck';
import { createPrivateFolder, makePrivate } from './privateFolder';

/**
 * One process per data folder. Two processes on one database (the desktop app and browser mode,
 * or the seed script) lose writes to "database is locked", and each one's read models show only
 * its own changes. Electron's single-instance lock covers neither browser mode nor another build.
 *
 * The lock is a small SQLite file of its own, held in an exclusive transaction for the life of
 * the process: the OS drops it when the process dies, however it dies, so a killed holder leaves
 * no stale lock to break (and no race between two processes both breaking it); SQLite honours it
 * on Windows, macOS and Linux, and between connections in one process too.
 *
 * Never open the lock file with `fs` in a process that holds it: on POSIX, closing any descriptor
 * of a file drops every lock the process has on it (SQLite's own connections know to avoid this).
 * Never delete it either: a process that opened the old file would lock a file nobody else sees.
 */
export const LOCK_FILE_NAME = 'liaison.lock';
/** Who holds the folder, for the next process to say so: written after the lock is taken, 0600 (it carries browser mode's secret). */
export const INSTANCE_FILE_NAME = 'instance.json';

export type HolderMode = 'electron' | 'browser' | 'seed';

export interface Holder {
  pid: number;
  mode: HolderMode;
  /** browser mode's link, secret included, once it listens */
  url?: string;
  startedAt: string;
}

/** The folder is held by another process (or another app in this one); the message is the one line to show. */
export class FolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    /** null when the holder did not say who it is (it is starting, or its note is unreadable) */
    readonly holder: Holder | null,
  ) {
    super(describeHolder(dataDir, holder));
    this.name = 'FolderInUse';
  }
}

export interface DataLock {
  readonly holder: Holder;
  /** Browser mode's link is known only once it listens: recorded then, for a second launch to print. */
  announce(url: string): void;
  release(): void;
}

/** One line naming who holds the folder and where it serves. */
export function describeHolder(dataDir: string, holder: Holder | null): string {
  if (!holder) return `${dataDir} is in use by another Liaison CRM process; close it first.`;
  const who = `(process ${holder.pid})`;
  switch (holder.mode) {
    case 'browser':
      return holder.url
        ? `Liaison CRM is already running in browser mode on ${dataDir} ${who}: open ${holder.url}`
        : `Liaison CRM is already starting in browser mode on ${dataDir} ${who}; its link will be printed where it was started.`;
    case 'electron':
      return `Liaison CRM is already open on ${dataDir}: the desktop app, process ${holder.pid}. Use its window, or quit it first.`;
    case 'seed':
      return `Liaison CRM's seed script is filling ${dataDir} ${who}; wait for it to finish.`;
  }
}

/** The holder's note, or null when it is missing, unreadable, or left by a process that has died. */
export function readHolder(dataDir: string): Holder | null {
  try {
    const h = JSON.parse(fs.readFileSync(path.join(dataDir, INSTANCE_FILE_NAME), 'utf8')) as Partial<Holder>;
    if (!Number.isInteger(h.pid) || !['electron', 'browser', 'seed'].includes(h.mode as string) || typeof h.startedAt !== 'string') return null;
    if (h.url !== undefined && typeof h.url !== 'string') return null;
    // The note outlives a killed holder; the lock's new holder may not have written its own yet.
    if (!alive(h.pid!)) return null;
    return h as Holder;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeHolder(dataDir: string, holder: Holder): void {
  const file = path.join(dataDir, INSTANCE_FILE_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  const text = `${JSON.stringify(holder, null, 2)}\n`;
  fs.rmSync(tmp, { force: true });
  // A reader never sees half a note: written aside (0600 from its creation), then renamed over.
  fs.writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  try {
    fs.renameSync(tmp, file);
  } catch {
    // Windows refuses to replace a file another process has open; the note is only informative.
    fs.rmSync(tmp, { force: true });
    fs.writeFileSync(file, text, { mode: 0o600 });
    makePrivate(file);
  }
}

/**
 * Takes the data folder for this process, creating the folder (private to the user) if needed.
 * Throws FolderInUse, having written nothing, when another process or app holds it.
 */
export function lockDataFolder(dataDir: string, mode: HolderMode): DataLock {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  let db: InstanceType<typeof SqliteDatabase>;
  let lockIsNew: boolean;
  try {
    createPrivateFolder(dataDir);
    lockIsNew = !fs.existsSync(file);
    db = new SqliteDatabase(file);
  } catch (e) {
    // A folder that cannot be made or written (read-only disk, no permission): said in words.
    throw cannotOpen(file, e);
  }
  try {
    // Refused at once rather than after a wait: the holder keeps it for its whole life.
    db.pragma('busy_timeout = 0');
    // Nothing is ever written to it: no journal file beside it, not even one a kill would leave
    // (asked for OFF, this build of SQLite keeps DELETE).
    db.pragma('journal_mode = MEMORY');
    // Keeps the lock past any statement; BEGIN EXCLUSIVE takes it now and the open transaction holds it.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new FolderInUse(dataDir, readHolder(dataDir));
    throw e;
  }
  if (lockIsNew) makePrivate(file);
  const holder: Holder = { pid: process.pid, mode, startedAt: new Date().toISOString() };
  try {
    writeHolder(dataDir, holder);
  } catch (e) {
    db.close();
    throw e;
  }
  let held = true;
  return {
    holder,
    announce(url) {
      holder.url = url;
      writeHolder(dataDir, holder);
    },
    release() {
      if (!held) return;
      held = false;
      try {
        // Removed while still held, so it never describes a process that has let go.
        fs.rmSync(path.join(dataDir, INSTANCE_FILE_NAME), { force: true });
      } finally {
        db.close();
      }
    },
  };
}
