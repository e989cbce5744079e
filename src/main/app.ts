import path from 'node:path';
import type { ApiOutput } from '../shared/api/contract';
import { createDomains, type Handlers } from './api';
import { makeCtx, type Ctx } from './context';
import { retryPending } from './db/applyRemote';
import { DB_FILE_NAME, ensureApplicationId, openDatabase } from './db/connection';
import { damaged, isDamageCode } from './db/fileCheck';
import { DatabaseHealth } from './db/health';
import type { Store } from './db/store';
import { lockDataFolder, type DataLock, type HolderMode } from './dataLock';
import { ImportFiles } from './imports/files';
import { privateOnceCreated } from './privateFolder';
import { loadClock } from './sync/clock';

export interface App {
  ctx: Ctx;
  handlers: Handlers;
  schemaVersion: number;
  /** Work each domain does once the window is up (warming read models); answers requests meanwhile. */
  start(): Promise<void>;
  close(): void;
  /** The data folder's lock, held until close(); browser mode records its link on it. */
  lock: DataLock;
  /** files chosen for imports; browser mode's upload lands here */
  files: ImportFiles;
}

export interface AppOptions {
  dataDir: string;
  mode: ApiOutput<'app.info'>['mode'];
  version: string;
  /** Who a second process is told holds the folder (the seed script runs in browser mode); default: mode. */
  holder?: HolderMode;
  /** The folder's lock when the caller already holds it (and releases it); else startApp takes it. */
  lock?: DataLock;
  /** Electron's open-file dialog (AppCore.pickFile) */
  pickFile?: (purpose?: 'spreadsheet' | 'receipt') => Promise<string | null>;
  /** Electron's shell.openPath (AppCore.openPath) */
  openPath?: (filePath: string) => Promise<void>;
  /** Electron's printToPDF with a save dialog (AppCore.printToPdf) */
  printToPdf?: (filename: string) => Promise<boolean>;
}

/** Uploaded import files live in the data folder: they hold the same kind of data as the database. */
export const IMPORT_FILES_DIR = 'import-files';

/**
 * Everything below the window: the database, services and the handler map. Plain Node.
 * The data folder is taken before the database is opened, so a second process (or a second app
 * in this one) is refused with FolderInUse without reading or writing the database.
 */
export function startApp(opts: AppOptions): App {
  // A lock the caller holds (the runtime, across reopening the folder) stays the caller's to release.
  const owned = !opts.lock;
  const lock = opts.lock ?? lockDataFolder(opts.dataDir, opts.holder ?? opts.mode);
  try {
    const keepPrivate = privateOnceCreated(path.join(opts.dataDir, DB_FILE_NAME));
    const app = openApp(opts);
    keepPrivate();
    return { ...app, lock, close: owned ? () => closeThenRelease(app, lock) : app.close };
  } catch (e) {
    if (owned) lock.release();
    throw e;
  }
}

function closeThenRelease(app: Omit<App, 'lock'>, lock: DataLock): void {
  try {
    app.close();
  } finally {
    lock.release();
  }
}

/** About as long as the first screen of a 50,000-office directory takes to paint (npm run bench). */
const CHECK_AFTER_START_MS = 1500;

/** The app on a folder this process holds. */
function openApp(opts: AppOptions): Omit<App, 'lock'> {
  const { store, schemaVersion, file, checked } = openDatabase(opts.dataDir);
  try {
    return wire(opts, store, schemaVersion, file, checked);
  } catch (e) {
    // Reading what the domains need at start (who "me" is, say) can meet a damaged page first.
    if (isDamageCode((e as { code?: unknown }).code)) {
      store.closeLeavingWal();
      throw damaged(file, (e as Error).message, e);
    }
    store.close();
    throw e;
  }
}

function wire(opts: AppOptions, store: Store, schemaVersion: number, file: string, checked: boolean): Omit<App, 'lock'> {
  const health = new DatabaseHealth(file, checked);
  const ctx = makeCtx(store, loadClock(store), health);
  health.whenSound(() => {
    if (!store.sqlite.open) return;
    ensureApplicationId(store.sqlite);
    // Changes pulled before an upgrade that this version now understands land first. A failure
    // here must never keep the app from opening: what cannot land stays parked, with its reason.
    try {
      retryPending(ctx);
    } catch (e) {
      console.error('[sync] parked changes could not be retried:', e);
    }
  });
  const files = new ImportFiles(path.join(opts.dataDir, IMPORT_FILES_DIR));
  const domains = createDomains({ ctx, files, dataDir: opts.dataDir, pickFile: opts.pickFile, openPath: opts.openPath, printToPdf: opts.printToPdf, info: { version: opts.version, schemaVersion, mode: opts.mode } });
  const start = async () => {
    // A file not checked at open is checked once the first screen has had the machine to itself
    // (or at once, by the first write). Reads answer meanwhile; nothing is written before it passes.
    setTimeout(() => void health.check(), CHECK_AFTER_START_MS).unref();
    await domains.start();
  };
  const close = () => {
    files.clear();
    store.close();
  };
  return { ctx, handlers: domains.handlers, schemaVersion, start, close, files };
}
