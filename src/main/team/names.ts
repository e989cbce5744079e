import type { Store } from '../db/store';

/** Every member's name by id, removed ones too (an office may still name them): a team is small, read whole. */
export function memberNames(store: Store): Map<string, string> {
  return new Map((store.read('SELECT id, name FROM team_members').all() as { id: string; name: string }[]).map((m) => [m.id, m.name]));
}
