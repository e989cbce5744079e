import type { TeamRole } from '../../shared/domain/team';
import { newId } from '../../shared/ids';
import { memberIdForName, normaliseName, tidyName } from '../../shared/team/memberId';
import type { Ctx } from '../context';
import { insertSql, TABLES } from '../db/tables';
import { insertRow } from '../db/writePath';
import { memberRecord } from './rows';

/**
 * Finding a team member by name, as a typed liaison, an import's Liaison column, the first-start
 * question and an older build's free-text owner all do: one rule, so they all land on the same member.
 *
 * 1. a member (active or not) whose name is the same once normalised (oldest first, so every
 *    device picks the same one of two that sync made);
 * 2. else the member whose id is derived from that name: made from it earlier and renamed since;
 * 3. else none: the caller makes one, with the derived id when it is free (so two devices that
 *    meet the same new name offline make one member, not two).
 */
export class MembersByName {
  private readonly byKey = new Map<string, string>();
  /** how many members add() made */
  added = 0;

  constructor(private readonly ctx: Ctx) {
    const rows = ctx.store.read('SELECT id, name FROM team_members WHERE deleted_at IS NULL ORDER BY created_at, id').all() as { id: string; name: string }[];
    for (const r of rows) {
      const key = normaliseName(r.name);
      if (!this.byKey.has(key)) this.byKey.set(key, r.id);
    }
  }

  /** Rule 1 alone: a member who goes by this name now. */
  named(name: string): string | undefined {
    return this.byKey.get(normaliseName(name));
  }

  find(name: string): string | undefined {
    const key = normaliseName(name);
    if (!key) return undefined;
    const hit = this.byKey.get(key);
    if (hit) return hit;
    const derived = memberIdForName(key);
    return this.liveRow(derived) ? derived : undefined;
  }

  /** The member by this name, made now through the write path (logged, stamped with "me") if the team has none. */
  findOrAdd(name: string, role: TeamRole = 'liaison'): string {
    return this.find(name) ?? this.add(name, role);
  }

  /** A new member, through the write path. */
  add(name: string, role: TeamRole, email: string | null = null): string {
    const id = this.freeId(name);
    insertRow(this.ctx, 'team_members', memberRecord(id, { name: tidyName(name), role, email }, this.ctx.now()));
    this.byKey.set(normaliseName(name), id);
    this.added++;
    return id;
  }

  /**
   * The member by this name, made now if missing, as a device derives it from an older build's
   * change: not logged, so it is never pushed; every device that applies that change derives the
   * same row (its id and cells come from the name and the change alone). Announced like any write.
   */
  findOrDerive(name: string, at: string): string {
    const found = this.find(name);
    if (found) return found;
    const id = this.freeId(name);
    const spec = TABLES.team_members;
    const row: Record<string, unknown> = { id, name: tidyName(name), role: 'liaison', email: null, active: 1, created_at: at, updated_at: at, deleted_at: null };
    this.ctx.store.prepare(insertSql('team_members', spec)).run(spec.columns.map((c) => row[c] ?? null));
    this.ctx.feed.touched('team_members', id, 'remote');
    this.byKey.set(normaliseName(name), id);
    return id;
  }

  private freeId(name: string): string {
    const derived = memberIdForName(name);
    // Taken (a member renamed since, or deleted): a fresh id; never two rows, never a tombstone brought back.
    return this.ctx.store.read('SELECT 1 FROM team_members WHERE id = ?').get(derived) ? newId() : derived;
  }

  private liveRow(id: string): boolean {
    return this.ctx.store.read('SELECT 1 FROM team_members WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
  }
}
