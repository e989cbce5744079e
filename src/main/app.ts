import type { ApiOutput } from '../shared/api/contract';
import { createHandlers, type Handlers } from './api';
import { makeCtx, type Ctx } from './context';
import { openDatabase } from './db/connection';
import { ImportJobs } from './imports/service';
import { loadClock } from './sync/clock';

export interface App {
  ctx: Ctx;
  handlers: Handlers;
  schemaVersion: number;
  close(): void;
}

export interface AppOptions {
  dataDir: string;
  mode: ApiOutput<'app.info'>['mode'];
  version: string;
}

/** Everything below the window: the database, services and the handler map. Plain Node. */
export function startApp(opts: AppOptions): App {
  const { store, schemaVersion, file } = openDatabase(opts.dataDir);
  const ctx = makeCtx(store, loadClock(store, file));
  const handlers = createHandlers({ ctx, imports: new ImportJobs(), info: { version: opts.version, schemaVersion, mode: opts.mode } });
  return { ctx, handlers, schemaVersion, close: () => store.close() };
}
