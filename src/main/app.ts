import type { ApiOutput } from '../shared/api/contract';
import { createDomains, type Handlers } from './api';
import { makeCtx, type Ctx } from './context';
import { retryPending } from './db/applyRemote';
import { ensureApplicationId, openDatabase } from './db/connection';
import { DatabaseHealth } from './db/health';
import { loadClock } from './sync/clock';

export interface App {
  ctx: Ctx;
  handlers: Handlers;
  schemaVersion: number;
  /** Work each domain does once the window is up (warming read models); answers requests meanwhile. */
  start(): Promise<void>;
  close(): void;
}

export interface AppOptions {
  dataDir: string;
  mode: ApiOutput<'app.info'>['mode'];
  version: string;
}

/** Everything below the window: the database, services and the handler map. Plain Node. */
export function startApp(opts: AppOptions): App {
  const { store, schemaVersion, file, checked } = openDatabase(opts.dataDir);
  const health = new DatabaseHealth(file, checked);
  const ctx = makeCtx(store, loadClock(store), health);
  // A file not checked at open is checked now, beside the first screens (reads answer meanwhile;
  // writes wait for it). Nothing is written to it before the check passes.
  void health.check();
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
  const domains = createDomains({ ctx, info: { version: opts.version, schemaVersion, mode: opts.mode } });
  return { ctx, handlers: domains.handlers, schemaVersion, start: domains.start, close: () => store.close() };
}
