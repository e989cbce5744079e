import { describe, expect, it } from 'vitest';
import { SqliteDatabase as Database } from '../../../src/main/db/driver';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { readOutbox } from '../../../src/main/sync/changes';
import { Store } from '../../../src/main/db/store';

describe('0002_sync_landing', () => {
  it('keeps every change of a version-1 file as local and unsent, and reads the outbox in write order through its index', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const log = db.prepare('INSERT INTO changes (hlc, tbl, row_id, col, value, server_seq) VALUES (?, ?, ?, ?, ?, ?)');
    log.run('000000000000002-000000-aaaaaaaaaaaaaaaa', 'offices', 'o1', '*', '{"id":"o1"}', null);
    log.run('000000000000001-000000-bbbbbbbbbbbbbbbb', 'offices', 'o1', 'name', '"x"', 7);
    log.run('000000000000003-000000-aaaaaaaaaaaaaaaa', 'offices', 'o1', 'name', '"y"', null);

    migrate(db);
    expect(db.prepare('SELECT hlc, source FROM changes ORDER BY rowid').all()).toEqual([
      { hlc: '000000000000002-000000-aaaaaaaaaaaaaaaa', source: 'local' },
      { hlc: '000000000000001-000000-bbbbbbbbbbbbbbbb', source: 'local' },
      { hlc: '000000000000003-000000-aaaaaaaaaaaaaaaa', source: 'local' },
    ]);
    const store = new Store(db);
    expect(readOutbox(store, 10).map((c) => c.hlc)).toEqual(['000000000000002-000000-aaaaaaaaaaaaaaaa', '000000000000003-000000-aaaaaaaaaaaaaaaa']);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT hlc FROM changes WHERE server_seq IS NULL AND source = 'local' ORDER BY rowid LIMIT 10")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX changes_outbox/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(db.prepare("SELECT count(*) AS n FROM pending_changes").get()).toEqual({ n: 0 });
    db.close();
  });
});
