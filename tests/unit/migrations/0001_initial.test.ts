import { describe, expect, it } from 'vitest';
import { SqliteDatabase as Database } from '../../../src/main/db/driver';
import { migrate } from '../../../src/main/db/migrate';

describe('0001_initial', () => {
  it('derives city, state and ZIP from the address cell', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(
      `INSERT INTO offices (id, name, kind, address, phone, npi, stage, created_at, updated_at) VALUES ('a', 'Café CLINIC', 'other', '{"city":"Dayton","zip":"45402"}', '(937) 555-0101', '1234567893', 'new', 'x', 'x')`,
    ).run();
    expect(db.prepare("SELECT city, state, zip FROM offices WHERE id = 'a'").get()).toEqual({ city: 'Dayton', state: null, zip: '45402' });
    db.close();
  });

  it('will not attach a person to a missing office', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    expect(() =>
      db.prepare(`INSERT INTO people (id, office_id, kind, first_name, last_name, created_at, updated_at) VALUES ('p', 'nope', 'staff', 'a', 'b', 'x', 'x')`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
