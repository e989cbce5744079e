import { describe, expect, it } from 'vitest';
import { SqliteDatabase as Database } from '../../../src/main/db/driver';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';

describe('0004_import_runs', () => {
  it('adds the import record and saved mappings to a version-3 file, leaving its offices and log as they were', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare(`INSERT INTO offices (id, name, kind, stage, created_at, updated_at) VALUES ('o1', 'Riverside', 'other', 'new', 't', 't')`).run();
    db.prepare(`INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES ('000000000000001-000000-aaaaaaaaaaaaaaaa', 'offices', 'o1', '*', '{}')`).run();
    const before = { offices: db.prepare('SELECT * FROM offices').all(), changes: db.prepare('SELECT * FROM changes').all() };

    migrate(db, MIGRATIONS.slice(0, 4));
    expect({ offices: db.prepare('SELECT * FROM offices').all(), changes: db.prepare('SELECT * FROM changes').all() }).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM import_runs').get()).toEqual({ n: 0 });
    db.prepare(`INSERT INTO saved_mappings (headers_key, spec, mapping, saved_at) VALUES ('a', 'offices', '["name"]', 't')`).run();
    // One mapping per header row: saving again replaces it.
    expect(() => db.prepare(`INSERT INTO saved_mappings (headers_key, spec, mapping, saved_at) VALUES ('a', 'offices', '[null]', 't')`).run()).toThrow(/UNIQUE/);
    db.close();
  });
});
