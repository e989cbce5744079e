import fs from 'node:fs';

/**
 * The data folder holds every office and contact the user keeps, so other users of the machine
 * must not read it: a folder made here is 0700 and the files in it 0600. A folder that already
 * exists is left as it is: LIAISON_DATA_DIR may point at a folder shared on purpose.
 */
export function createPrivateFolder(dir: string): void {
  // recursive mkdir answers the first folder it made, or undefined when the folder was there.
  const made = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // chmod as well: the mode given to mkdir is narrowed by the umask, never widened, but an odd
  // umask (0o277) would leave the user unable to write their own folder.
  if (made !== undefined) fs.chmodSync(dir, 0o700);
}

/** chmod 0600 each file that exists. Only by path: opening the lock file here would drop its lock (see dataLock.ts). */
export function makePrivate(...files: string[]): void {
  for (const file of files) {
    try {
      fs.chmodSync(file, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

/**
 * For a SQLite database about to be opened: if it does not exist yet, the returned function makes
 * it and its -wal/-shm private once SQLite has created them (SQLite creates them 0644 less the
 * umask, and later gives a recreated -wal/-shm the database file's own mode). An existing
 * database keeps the mode its owner chose.
 */
export function privateOnceCreated(dbFile: string): () => void {
  if (fs.existsSync(dbFile)) return () => {};
  return () => makePrivate(dbFile, `${dbFile}-wal`, `${dbFile}-shm`);
}
