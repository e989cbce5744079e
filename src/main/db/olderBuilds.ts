import { AppError } from '../../shared/errors';
import { parseHlc } from '../../shared/hlc';
import { normaliseName } from '../../shared/team/memberId';
import type { Ctx } from '../context';
import type { ChangeRecord } from '../sync/changes';
import { MembersByName } from '../team/byName';

/**
 * Changes made by builds older than this one, in the shape this build stores. Builds before schema
 * step 0003 kept an office's liaison as free text in `offices.owner`; this build keeps a team
 * member's id in `offices.owner_id`. A pulled change naming `owner` is neither parked (no later
 * build will know that column again) nor dropped: its name becomes the member by that name, made
 * by the same rule migration 0003 uses, so every device that applies it derives the same member.
 * The change is logged as it arrived; only what it writes is translated.
 */

/** The column a change writes in this build (pure: used to classify it before anything is written). */
export function columnNow(tbl: string, col: string): string {
  return tbl === 'offices' && col === 'owner' ? 'owner_id' : col;
}

/**
 * The member an old change's owner text names. A member made here is created when the office was,
 * as migration 0003 dates the members it makes, so a device that derives it and one that migrated
 * agree cell for cell; failing that (an edit whose office is not here yet), when the change was made.
 */
function ownerIdFor(ctx: Ctx, c: ChangeRecord, name: unknown, officeCreatedAt?: unknown): string | null {
  if (name === null || name === undefined) return null;
  if (typeof name !== 'string') throw new AppError('invalid_input', `Change ${c.hlc} names a liaison that is not text.`);
  if (!normaliseName(name)) return null;
  const stored = ctx.store.prepare('SELECT created_at FROM offices WHERE id = ?').get(c.row_id) as { created_at: string } | undefined;
  const at = typeof officeCreatedAt === 'string' ? officeCreatedAt : (stored?.created_at ?? new Date(parseHlc(c.hlc).millis).toISOString());
  return new MembersByName(ctx).findOrDerive(name, at);
}

/** The change as this build applies it: the same change unless it names a retired column. */
export function fromOlderBuild(ctx: Ctx, c: ChangeRecord): ChangeRecord {
  if (c.tbl !== 'offices') return c;
  if (c.col === 'owner') return { ...c, col: 'owner_id', value: JSON.stringify(ownerIdFor(ctx, c, JSON.parse(c.value))) };
  if (c.col !== '*' || !c.value.includes('"owner"')) return c;
  const row: unknown = JSON.parse(c.value);
  if (typeof row !== 'object' || row === null || Array.isArray(row) || !Object.hasOwn(row, 'owner')) return c;
  const { owner, ...rest } = row as Record<string, unknown>;
  const ownerId = Object.hasOwn(rest, 'owner_id') ? rest.owner_id : ownerIdFor(ctx, c, owner, rest.created_at);
  return { ...c, value: JSON.stringify(ownerId === null ? rest : { ...rest, owner_id: ownerId }) };
}
