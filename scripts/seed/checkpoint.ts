import fs from 'node:fs';
import type { Ctx } from '../../src/main/context';

/** Past this, a seed copies its WAL back into the database before writing on. */
const WAL_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * The app checkpoints from a worker that hears from the main thread between event-loop turns
 * (db/checkpointer.ts). A seed writes synchronously for minutes and never gives it one, so the WAL
 * would grow to everything written: gigabytes at the bench's size, each read slower for it, and
 * all copied back at close. Between a seed's transactions, nobody waits on this thread: it
 * checkpoints here instead. PASSIVE never blocks; once everything is copied back the next write
 * starts the WAL over from its beginning.
 */
export function checkpointIfLarge(ctx: Ctx): void {
  const db = ctx.store.sqlite;
  if (db.inTransaction) return;
  let size: number;
  try {
    size = fs.statSync(`${db.name}-wal`).size;
  } catch {
    return;
  }
  if (size > WAL_LIMIT_BYTES) db.pragma('wal_checkpoint(PASSIVE)');
}
