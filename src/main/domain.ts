import type { z } from 'zod';
import type { MethodSpec } from '../shared/api/define';
import type { ApiOutput } from '../shared/api/contract';
import type { TimelineEntry } from '../shared/domain/timeline';
import type { Ctx } from './context';
import type { ImportFiles } from './imports/files';

/** One method's implementation: it receives the input after validation and defaults. */
type Handler<S extends MethodSpec> = (input: z.output<S['input']>) => z.output<S['output']> | Promise<z.output<S['output']>>;

/** A domain's handler map, typed by its contract fragment. */
export type HandlersFor<C extends Record<string, MethodSpec>> = { [M in keyof C]: Handler<C[M]> };

/** What each domain module is given: the database context and the app-wide services. */
export interface AppCore {
  ctx: Ctx;
  info: ApiOutput<'app.info'>;
  /** files chosen for an import, held by id (uploaded once, or picked in Electron's dialog) */
  files: ImportFiles;
  /** Electron's own open-file dialog: the chosen path, or null if cancelled; absent in browser mode */
  pickFile?: (purpose?: 'spreadsheet' | 'receipt') => Promise<string | null>;
  /** the data folder (receipts are kept in it) */
  dataDir: string;
  /** Electron: opens a file in the system's viewer; absent in browser mode */
  openPath?: (filePath: string) => Promise<void>;
  /** Electron: prints the focused window to a PDF the user saves (true when saved); absent in browser mode */
  printToPdf?: (filename: string) => Promise<boolean>;
  /** Every domain's entries for one office, newest first. */
  timeline(officeId: string): TimelineEntry[];
}

/** Entries a domain adds to an office's activity timeline. */
export type TimelineSource = (ctx: Ctx, officeId: string) => TimelineEntry[];

/**
 * A domain plugged into the app: its handlers (merged into the one map), what it adds to an
 * office's timeline, and work to do once the window is up (warming a read model).
 */
export interface DomainModule<C extends Record<string, MethodSpec>> {
  handlers: HandlersFor<C>;
  timeline?: TimelineSource;
  start?(): void | Promise<void>;
}
