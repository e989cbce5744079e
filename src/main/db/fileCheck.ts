import fs from 'node:fs';
import path from 'node:path';
import { SqliteDatabase } from './driver';

/** Written into every database this app makes (SQLite's header field for this), "LCRM". */
export const APPLICATION_ID = 0x4c43524d;

export type DatabaseProblemKind = 'empty-file' | 'not-sqlite' | 'foreign' | 'damaged' | 'newer' | 'cannot-open' | 'read-only';

/**
 * Why the database cannot be used, in words a person can act on. Raised before anything is
 * written to the file, which is left exactly as it was.
 */
export class DatabaseProblem extends Error {
  constructor(
    readonly kind: DatabaseProblemKind,
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DatabaseProblem';
  }

  /** Moving the file aside and starting empty helps when the file itself is the problem. */
  get canStartEmpty(): boolean {
    return this.kind === 'empty-file' || this.kind === 'not-sqlite' || this.kind === 'foreign' || this.kind === 'damaged';
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const AFTERWARDS = 'It has been left exactly as it was.';
const WHAT_TO_DO = 'Restore a backup in its place, or move it aside and start with an empty database.';

export function damaged(file: string, finding: string, cause?: unknown): DatabaseProblem {
  return new DatabaseProblem(
    'damaged',
    file,
    `The database file ${file} is damaged (SQLite's check says: ${finding}). Nothing more will be written to it. ${WHAT_TO_DO}`,
    { cause },
  );
}

export type FileState =
  /** no file yet: a new database will be made */
  | { kind: 'new' }
  /** a database of ours (or a SQLite file with nothing in it yet): these migration steps are recorded */
  | { kind: 'ours'; applied: string[] };

/**
 * Looks at the file without writing to it: opened read-only, and only when its first bytes say
 * it is SQLite. Refuses a zero-byte file (SQLite would silently make it a new, empty database),
 * a file that is not SQLite, another program's database, and one SQLite cannot read.
 */
export function inspectDatabaseFile(file: string): FileState {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'new' };
    throw cannotOpen(file, e);
  }
  if (stat.isDirectory()) throw new DatabaseProblem('cannot-open', file, `Liaison CRM cannot open ${file}: it is a folder, not a file. Move it aside or set LIAISON_DATA_DIR to another folder.`);
  if (stat.size === 0) {
    throw new DatabaseProblem('empty-file', file, `The database file ${file} is empty (0 bytes): whatever it held is gone. ${AFTERWARDS} ${WHAT_TO_DO}`);
  }
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    fs.readSync(fd, head, 0, head.length, 0);
  } catch (e) {
    throw cannotOpen(file, e);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (!head.equals(SQLITE_HEADER)) {
    throw new DatabaseProblem('not-sqlite', file, `${file} is not a Liaison CRM database: it is not a SQLite file at all. ${AFTERWARDS} ${WHAT_TO_DO}`);
  }

  let probe: InstanceType<typeof SqliteDatabase> | undefined;
  const leftovers = sideFilesMadeBy(file);
  try {
    probe = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const appId = probe.pragma('application_id', { simple: true }) as number;
    const tables = (probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
      (r) => r.name,
    );
    const hasLog = tables.includes('schema_migrations');
    // Other tools' logs have other columns (Rails: `version`): only ours has `name`.
    const logHasNames = hasLog && (probe.pragma('table_info(schema_migrations)') as { name: string }[]).some((c) => c.name === 'name');
    const applied = logHasNames ? (probe.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name) : [];
    if (!isOurs(appId, tables, applied, probe.pragma('page_count', { simple: true }) as number)) {
      const some = tables.slice(0, 3).map((t) => `"${t}"`).join(', ');
      throw new DatabaseProblem(
        'foreign',
        file,
        `${file} is another program's database${some ? ` (it has tables such as ${some})` : ''}, not Liaison CRM's. ${AFTERWARDS} ` +
          `Move it aside and start with an empty database, restore a Liaison CRM backup in its place, or set LIAISON_DATA_DIR to another folder.`,
      );
    }
    return { kind: 'ours', applied };
  } catch (e) {
    if (e instanceof DatabaseProblem) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (isDamageCode(code)) throw damaged(file, (e as Error).message, e);
    // A -journal beside the file: a crash left a write half done, which only a write can undo.
    if (code === 'SQLITE_READONLY_ROLLBACK') throw damaged(file, 'a write was left half done by a crash (a -journal file lies beside it)', e);
    throw cannotOpen(file, e);
  } finally {
    probe?.close();
    leftovers.remove();
  }
}

/**
 * A read-only look at a WAL file makes empty -wal and -shm files beside it that it cannot remove
 * on close. A refused folder should look exactly as it did, so those are removed afterwards
 * (only if they did not exist before and the -wal holds nothing).
 */
export function sideFilesMadeBy(file: string): { remove(): void } {
  const absent = ['-wal', '-shm'].filter((s) => !fs.existsSync(file + s));
  // (A -journal is never made by a read-only look; one that exists is left alone.)
  return {
    remove() {
      if (!absent.includes('-wal')) return;
      try {
        if (fs.existsSync(file + '-wal') && fs.statSync(file + '-wal').size > 0) return;
        for (const s of absent) fs.rmSync(file + s, { force: true });
      } catch {
        // Only tidiness is lost.
      }
    },
  };
}

/**
 * Ours: marked with our application id, or (files from before the mark) a migration log that
 * holds our first step. Other tools keep a `schema_migrations` table too (Rails, dbmate), so the
 * table alone proves nothing. A file with no tables at all is ours to fill only if it is just the
 * header page (a first start that stopped before its first step); more pages with no tables is
 * something else, or damage.
 */
function isOurs(appId: number, tables: string[], applied: string[], pages: number): boolean {
  if (appId === APPLICATION_ID) return true;
  if (appId !== 0) return false;
  if (tables.length === 0) return pages <= 1;
  if (applied.includes('0001_initial')) return true;
  return applied.length === 0 && tables.length === 1 && tables[0] === 'schema_migrations';
}

/** SQLite's quick_check on a connection: null when the file is sound, else its first findings. */
export function quickCheckFindings(db: InstanceType<typeof SqliteDatabase>, pragma: 'quick_check' | 'integrity_check' = 'quick_check'): string | null {
  try {
    const rows = db.pragma(`${pragma}(20)`) as Record<string, string>[];
    const findings = rows.map((r) => Object.values(r)[0]!).filter((v) => v !== 'ok');
    return findings.length ? findings.slice(0, 3).join('; ') : null;
  } catch (e) {
    // Only SQLite saying the file is damaged is a finding; being unable to check (busy, out of
    // memory, a file that went away) is not, and is thrown as itself.
    if (isDamageCode((e as { code?: unknown }).code)) return (e as Error).message;
    throw e;
  }
}

export function isDamageCode(code: unknown): boolean {
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

export function cannotOpen(file: string, e: unknown): DatabaseProblem {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'EACCES' || code === 'EPERM') {
    return new DatabaseProblem('cannot-open', file, `Liaison CRM is not allowed to open ${file}. Check that your user owns the data folder ${path.dirname(file)}.`, { cause: e });
  }
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return readOnly(file, e);
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new DatabaseProblem('cannot-open', file, `Liaison CRM cannot use ${path.dirname(file)} as its data folder: a file has that name. Move the file, or set LIAISON_DATA_DIR to a folder.`, { cause: e });
  }
  return new DatabaseProblem('cannot-open', file, `Liaison CRM cannot open ${file} (${describeCode(code) ?? (e as Error).message}).`, { cause: e });
}

export function readOnly(file: string, e?: unknown): DatabaseProblem {
  return new DatabaseProblem(
    'read-only',
    file,
    `The data folder ${path.dirname(file)} is read-only, so Liaison CRM cannot save anything there. Move the data folder to a disk you can write to, or set LIAISON_DATA_DIR to one.`,
    { cause: e },
  );
}

/** Plain words for the file-system and SQLite codes a person can do something about. */
export function describeCode(code: string): string | null {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'the disk is full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'the data folder is read-only';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT') return 'the file or its folder could not be opened';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'the disk reported an error reading or writing it';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'the file is damaged';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'another program is holding the database';
  return null;
}
