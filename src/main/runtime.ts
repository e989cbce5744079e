import fs from 'node:fs';
import path from 'node:path';
import { API_METHODS } from '../shared/api/methods';
import { AppError } from '../shared/errors';
import type { ImportFileInfo } from '../shared/imports/contract';
import type { Handlers } from './api';
import { startApp, type App, type AppOptions } from './app';
import type { ChangeListener } from './db/changeFeed';
import { DB_FILE_NAME } from './db/connection';
import { lockDataFolder, type DataLock } from './dataLock';
import { DatabaseProblem } from './db/fileCheck';

/**
 * The app's life in one process: the open database, or the reason it could not be opened, and
 * the way out of a damaged file (move it aside, start empty) without restarting. IPC and the
 * browser-mode host talk to this, never to an App directly, so a reopened database is served
 * by the same handler map and change stream.
 */
export interface Runtime {
  readonly handlers: Handlers;
  /** committed changes of whichever database is open */
  subscribe(listener: ChangeListener): () => void;
  /** the open app; null while the database is refused */
  readonly app: App | null;
  readonly problem: DatabaseProblem | null;
  /** the data folder's lock, held from open to close, across a reopen; browser mode announces its link on it */
  readonly lock: DataLock;
  start(): Promise<void>;
  close(): void;
  /** Browser mode's upload of a file to import, streamed into the data folder. */
  receiveFile(name: string, body: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<ImportFileInfo>;
}

/** Takes the data folder (FolderInUse if another process holds it), then opens its database or says why not. */
export function openRuntime(opts: AppOptions): Runtime {
  const lock = lockDataFolder(opts.dataDir, opts.holder ?? opts.mode);
  let app: App | null = null;
  let problem: DatabaseProblem | null = null;
  let stopRelay = () => {};
  const listeners = new Set<ChangeListener>();

  const open = () => {
    try {
      app = startApp({ ...opts, lock });
      problem = null;
      stopRelay = app.ctx.feed.subscribe((batch) => {
        for (const l of listeners) l(batch);
      });
    } catch (e) {
      if (!(e instanceof DatabaseProblem)) throw e;
      console.error(`[db] ${e.message}`);
      app = null;
      problem = e;
    }
  };

  const refused = (): never => {
    throw new AppError('unavailable', problem?.message ?? 'The database is not open.');
  };

  const lifecycle: Partial<Handlers> = {
    'app.info': () => app?.handlers['app.info']({}) ?? { version: opts.version, schemaVersion: 0, mode: opts.mode },
    'database.status': (input) =>
      app ? app.handlers['database.status'](input) : { state: 'refused' as const, message: problem!.message, canStartEmpty: problem!.canStartEmpty },
    'database.startEmpty': async () => {
      const current = app as App | null;
      const damagedNow = current?.ctx.gate.health.state === 'damaged';
      if (current && !damagedNow) return current.handlers['database.startEmpty']({});
      if (!current && !problem?.canStartEmpty) refused();
      const file = path.join(opts.dataDir, DB_FILE_NAME);
      if (current) {
        stopRelay();
        // Damaged: nothing more goes into the file, not even the WAL's committed pages.
        current.ctx.store.closeLeavingWal();
        current.close();
        app = null;
      }
      const movedTo = moveAside(file);
      open();
      if (app) await (app as App).start();
      else refused();
      return { movedTo };
    },
  };

  // SQLite reporting damage in the middle of ordinary work: from now on the file takes no writes,
  // and the screens show the way out.
  const noticeDamage = (e: unknown): never => {
    (app as App | null)?.ctx.gate.health.notice(e);
    throw e;
  };

  const handlers = Object.fromEntries(
    API_METHODS.map((m) => [
      m,
      (input: unknown) => {
        const own = lifecycle[m] as ((i: unknown) => unknown) | undefined;
        if (own) return own(input);
        if (!app) return refused();
        try {
          const result = (app.handlers[m] as (i: unknown) => unknown)(input);
          return result instanceof Promise ? result.catch(noticeDamage) : result;
        } catch (e) {
          return noticeDamage(e);
        }
      },
    ]),
  ) as unknown as Handlers;

  try {
    open();
  } catch (e) {
    lock.release();
    throw e;
  }
  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get app() {
      return app;
    },
    get problem() {
      return problem;
    },
    lock,
    receiveFile: (name, body) => (app ? app.files.receive(body, name) : refused()),
    start: async () => {
      // Warming read models reads the whole file: damage met there is the file's, not the app's,
      // and must leave the app up to show it.
      try {
        await app?.start();
      } catch (e) {
        (app as App | null)?.ctx.gate.health.notice(e);
        console.error('[app] start-up work failed:', e);
      }
    },
    close() {
      stopRelay();
      try {
        app?.close();
      } finally {
        app = null;
        lock.release();
      }
    },
  };
}

/**
 * Renames the database and its WAL companions to one dated name beside them, never deleting
 * anything: a damaged file may still hold what a recovery tool can save. Returns the new name.
 */
export function moveAside(file: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  let target = `${file}.unusable-${stamp}`;
  for (let n = 2; fs.existsSync(target); n++) target = `${file}.unusable-${stamp}-${n}`;
  // A rollback journal left by a crash belongs to the file too: SQLite would delete it beside a new one.
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  if (fs.existsSync(file)) fs.renameSync(file, target);
  return path.basename(target);
}
