import { z } from 'zod';
import type { MethodSpec } from '../api/define';

export const DatabaseStatus = z.object({
  /**
   * checking: open, writes wait for the start-up check; ok; damaged: the check (or a read) found
   * damage, writes are refused; refused: the file could not be opened at all.
   */
  state: z.enum(['checking', 'ok', 'damaged', 'refused']),
  /** what is wrong and what to do, naming the file; null when nothing is */
  message: z.string().nullable(),
  /** moving the file aside and starting empty would help (the file itself is the problem) */
  canStartEmpty: z.boolean(),
});
export type DatabaseStatus = z.output<typeof DatabaseStatus>;

/** The database file itself: its health, a full check, and starting over when it cannot be used. */
export const databaseContract = {
  'database.status': { input: z.object({}).default({}), output: DatabaseStatus },
  /** SQLite's full integrity_check (seconds on a large file; runs beside the app, not in its way) */
  'database.check': {
    input: z.object({}).default({}),
    output: z.object({ ok: z.boolean(), message: z.string(), tookMs: z.number() }),
  },
  /**
   * Renames the unusable file (and its -wal/-shm) beside itself and opens a new, empty database.
   * Refused while the file is sound: this is a way out of a damaged file, not a reset button.
   */
  'database.startEmpty': {
    input: z.object({}).default({}),
    output: z.object({ movedTo: z.string() }),
  },
} satisfies Record<`database.${string}`, MethodSpec>;
