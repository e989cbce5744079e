import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';

/**
 * Brings the schema up to date, one transaction per step, so a failed step leaves the file as it
 * was before that step. (Kysely's own migrator runs SQLite DDL outside transactions.)
 * A database that records steps this build does not know was written by a newer version: it is
 * refused before anything is written, so it stays intact for the newer app.
 * Returns the schema version: the number of steps applied.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`);
  const applied = new Set((db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name));
  const known = new Set(migrations.map((m) => m.name));
  const newer = [...applied].filter((n) => !known.has(n)).sort();
  if (newer.length > 0) {
    throw new AppError(
      'conflict',
      `This data folder was written by a newer version of Liaison CRM (schema step ${newer.at(-1)}). ` +
        'Update the app to open it; this version has left it untouched.',
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    if (applied.has(m.name)) continue;
    try {
      db.transaction(() => {
        m.up(db);
        record.run(m.name, new Date().toISOString());
      })();
    } catch (e) {
      throw new Error(`Database upgrade step ${m.name} failed and was rolled back: ${(e as Error).message}`, { cause: e });
    }
  }
  return migrations.length;
}
