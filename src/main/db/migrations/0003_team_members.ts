import { memberIdForName, normaliseName, tidyName } from '../../../shared/team/memberId';
import type { Migration } from './types';

/**
 * The people who use the app become records: `team_members`; an office's owning liaison becomes a
 * reference to one (`offices.owner_id`); and each logged change can say who made it
 * (`changes.actor`, null where unknown: everything logged before this step).
 *
 * Every free-text owner becomes a member, one per normalised name, with an id derived from that
 * name (memberIdForName) and cells derived only from the offices, so every device that runs this
 * step on the same offices makes the same members, offline and without telling each other: nothing
 * is written to the change log. The old `owner` column stays in SQL (steps only add), unread.
 */
const statements = [
  // No archived_at: deactivating (active = 0) is the reversible kind here; deleted_at is the synced tombstone.
  `CREATE TABLE team_members (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    email TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
  ) STRICT`,
  `ALTER TABLE offices ADD COLUMN owner_id TEXT REFERENCES team_members (id)`,
  `ALTER TABLE changes ADD COLUMN actor TEXT`,
];

interface Owned {
  id: string;
  owner: string;
  created_at: string;
}

export const m0003: Migration = {
  name: '0003_team_members',
  up(db) {
    for (const s of statements) db.exec(s);
    // Oldest office first: each member's first spelling and created_at come from the same office on every device.
    const offices = db
      .prepare(`SELECT id, owner, created_at FROM offices WHERE owner IS NOT NULL AND trim(owner) != '' ORDER BY created_at, id`)
      .all() as Owned[];
    const members = new Map<string, { id: string; spellings: Map<string, number>; createdAt: string; offices: string[] }>();
    for (const o of offices) {
      const key = normaliseName(o.owner);
      if (!key) continue;
      let m = members.get(key);
      if (!m) members.set(key, (m = { id: memberIdForName(o.owner), spellings: new Map(), createdAt: o.created_at, offices: [] }));
      const spelling = tidyName(o.owner);
      m.spellings.set(spelling, (m.spellings.get(spelling) ?? 0) + 1);
      m.offices.push(o.id);
    }
    const insert = db.prepare(
      `INSERT INTO team_members (id, name, role, email, active, created_at, updated_at, deleted_at) VALUES (?, ?, 'liaison', NULL, 1, ?, ?, NULL)`,
    );
    const own = db.prepare('UPDATE offices SET owner_id = ? WHERE id = ?');
    for (const m of members.values()) {
      // The spelling most offices use; on a tie, the oldest office's (Map keeps first-seen order).
      let name = '';
      let most = 0;
      for (const [spelling, n] of m.spellings) if (n > most) [name, most] = [spelling, n];
      insert.run(m.id, name, m.createdAt, m.createdAt);
      for (const id of m.offices) own.run(m.id, id);
    }
  },
};
