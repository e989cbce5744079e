import type { ApiErrorBody } from '../../shared/errors';
import { isDamageCode } from './fileCheck';

/**
 * What a person is told when the disk, not the app, stops a call. Every write runs in one
 * transaction, so each message can promise that nothing was half-saved. Null: not a condition a
 * person can act on (a bug), which the boundary reports as such.
 */
export function inWords(e: unknown): ApiErrorBody | null {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  const nothingSaved = 'Nothing was saved, and nothing already saved was lost.';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return { code: 'unavailable', message: `The disk is full. ${nothingSaved} Free some space on the disk that holds the data folder, then try again.` };
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return { code: 'unavailable', message: `The data folder has become read-only, so this could not be saved. ${nothingSaved} Check the disk (it may have been unplugged or remounted read-only), then restart Liaison CRM.` };
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return { code: 'unavailable', message: `Liaison CRM can no longer open its database file (was the data folder moved or deleted?). ${nothingSaved} Restart Liaison CRM.` };
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return { code: 'unavailable', message: `The disk reported an error while reading or writing the database. ${nothingSaved} Try again; if it keeps happening, check the disk and restore a backup.` };
  }
  if (isDamageCode(code)) {
    return { code: 'unavailable', message: 'The database file is damaged, so this could not be done. Restore a backup, or move the file aside and start with an empty database.' };
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return { code: 'busy', message: 'The database is busy; try again in a moment. Nothing was saved.' };
  }
  return null;
}
