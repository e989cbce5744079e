import { SqliteDatabase as Database } from '../../src/main/db/driver';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openDatabase } from '../../src/main/db/connection';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { tempDir } from '../helpers/tempApp';

describe('migrations', () => {
  it('brings a new file to the latest schema and is a no-op the second time', () => {
    const dir = tempDir();
    const first = openDatabase(dir);
    expect(first.schemaVersion).toBe(MIGRATIONS.length);
    first.store.sqlite.close();
    const again = openDatabase(dir);
    const applied = again.store.sqlite.prepare('SELECT name FROM schema_migrations ORDER BY name').all();
    expect(applied).toEqual(MIGRATIONS.map((m) => ({ name: m.name })));
    expect(again.store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    again.store.sqlite.close();
  });

  it('refuses a database from a newer version and leaves it byte-for-byte alone', () => {
    const dir = tempDir();
    openDatabase(dir).store.sqlite.close();
    const file = path.join(dir, DB_FILE_NAME);
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_from_the_future', 'x')").run();
    const before = raw.prepare('SELECT count(*) AS n FROM schema_migrations').get();
    raw.close();
    expect(() => openDatabase(dir)).toThrow(/newer version of Liaison CRM/);
    const after = new Database(file);
    expect(after.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual(before);
    after.close();
  });

  it('rolls back a failing step completely', () => {
    const db = new Database(':memory:');
    const broken = { name: '9000_broken', up: (d: Database) => { d.exec('CREATE TABLE half_done (x)'); d.exec('NOT SQL'); } };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/9000_broken failed and was rolled back/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(db.prepare('SELECT name FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ name: m.name })));
    db.close();
  });
});
