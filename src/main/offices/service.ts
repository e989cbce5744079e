import type { z } from 'zod';
import type { Office, OfficeCreate, OfficeFields, OfficeListResult } from '../../shared/domain/office';
import type { Person } from '../../shared/domain/person';
import { AppError } from '../../shared/errors';
import { MAX_DRIFT_MS } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { Ctx } from '../context';
import { insertRow, updateRow } from '../db/writePath';
import { listPeopleAtOffice } from '../people/service';
import { MembersByName } from '../team/byName';
import { requireMember } from '../team/service';
import { officeList, type ParsedListQuery } from './listIndex';
import { newOffice, officeCells, officeFromRow, officeRecord } from './rows';

export function findOffice(ctx: Ctx, id: string): Office | undefined {
  const row = ctx.store.first(
    ctx.store.q
      .selectFrom('offices')
      .leftJoin('team_members', 'team_members.id', 'offices.owner_id')
      .selectAll('offices')
      .select('team_members.name as owner_name')
      .where('offices.id', '=', id)
      .where('offices.deleted_at', 'is', null),
  );
  return row && officeFromRow(row, row.owner_name);
}

/**
 * The owning liaison as the fields name them: by name (the member by it, added as a liaison if the
 * team has no one by it) or by id. Returns the fields with ownerId set, and the owner's stored name.
 */
export function resolveOwner<F extends Partial<OfficeFields>>(ctx: Ctx, fields: F, byName?: MembersByName): { fields: F; ownerName: string | null } {
  if (fields.ownerName) {
    const ownerId = (byName ?? new MembersByName(ctx)).findOrAdd(fields.ownerName);
    return { fields: { ...fields, ownerId }, ownerName: requireMember(ctx, ownerId).name };
  }
  if (fields.ownerId) return { fields, ownerName: requireMember(ctx, fields.ownerId).name };
  return { fields, ownerName: null };
}

export function requireOffice(ctx: Ctx, id: string): Office {
  const office = findOffice(ctx, id);
  if (!office) throw new AppError('not_found', 'That office no longer exists. It may have been deleted on another device.');
  return office;
}

/**
 * A live office other than `exceptId` that already has this NPI (NPIs identify one organisation).
 * One static statement on the NPI index: it runs on every create, so it skips the query builder.
 */
export const NPI_OWNER_SQL = 'SELECT id, name FROM offices WHERE npi = ? AND deleted_at IS NULL AND id != ? LIMIT 1';

function npiOwner(ctx: Ctx, npi: string, exceptId = ''): { id: string; name: string } | undefined {
  return ctx.store.read(NPI_OWNER_SQL).get(npi, exceptId) as { id: string; name: string } | undefined;
}

function assertNpiFree(ctx: Ctx, npi: string | null | undefined, exceptId?: string): void {
  if (!npi) return;
  const other = npiOwner(ctx, npi, exceptId);
  if (other) {
    throw new AppError('conflict', `Another office, ${other.name}, already has NPI ${npi}.`, [
      { path: ['npi'], message: `Already used by ${other.name}` },
    ]);
  }
}

export function createOffice(ctx: Ctx, input: z.output<typeof OfficeCreate>): Office {
  return ctx.store.tx(() => {
    assertNpiFree(ctx, input.npi);
    const { fields, ownerName } = resolveOwner(ctx, input);
    const office = newOffice(newId(), fields, ctx.now(), ownerName);
    insertRow(ctx, 'offices', officeRecord(office));
    // What was written is what a read would return (a test holds them equal): no read-back.
    return office;
  });
}

export function updateOffice(ctx: Ctx, id: string, patch: Partial<OfficeFields>): Office {
  return ctx.store.tx(() => {
    const current = requireOffice(ctx, id);
    // Only a changed NPI is checked: an office kept beside its duplicate by an import stays editable.
    if (patch.npi !== undefined && patch.npi !== current.npi) assertNpiFree(ctx, patch.npi, id);
    updateRow(ctx, 'offices', id, officeCells(resolveOwner(ctx, patch).fields));
    return requireOffice(ctx, id);
  });
}

export function setOfficeArchived(ctx: Ctx, id: string, archived: boolean): Office {
  return ctx.store.tx(() => {
    const office = requireOffice(ctx, id);
    if (Boolean(office.archivedAt) !== archived) updateRow(ctx, 'offices', id, { archived_at: archived ? ctx.now() : null });
    return requireOffice(ctx, id);
  });
}

export function listOffices(ctx: Ctx, q: ParsedListQuery): OfficeListResult {
  return officeList(ctx).query(q);
}

/** An office with its people and who added it; the handler adds every domain's timeline entries. */
export function getOfficeDetail(ctx: Ctx, id: string): { office: Office; people: Person[]; addedBy: string | null } {
  const office = requireOffice(ctx, id);
  return { office, people: listPeopleAtOffice(ctx, id), addedBy: addedBy(ctx, office) };
}

export const ADDED_BY_SQL = `SELECT m.name FROM changes c JOIN team_members m ON m.id = c.actor
  WHERE c.hlc >= ? AND c.hlc < ? AND c.tbl = 'offices' AND c.row_id = ? AND c.col = '*' LIMIT 1`;

/**
 * Who logged the office's insert, by name. The log has no index by row (one would slow every write),
 * but the insert's HLC is at or after the office's created_at (both read on the device that made it,
 * the wall clock first) and at most MAX_DRIFT_MS ahead of that device's wall clock (farther is
 * refused), plus however long an import that stamped one created_at on all its rows ran, so a range
 * of the HLC primary key finds it without scanning the log.
 */
function addedBy(ctx: Ctx, office: Office): string | null {
  const ms = Date.parse(office.createdAt);
  if (Number.isNaN(ms)) return null;
  const from = String(Math.max(0, ms - 1000)).padStart(15, '0');
  const to = String(ms + MAX_DRIFT_MS + 10 * 60_000).padStart(15, '0');
  const row = ctx.store.read(ADDED_BY_SQL).get(from, to, office.id) as { name: string } | undefined;
  return row?.name ?? null;
}
