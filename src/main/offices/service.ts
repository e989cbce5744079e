import type { z } from 'zod';
import type { Office, OfficeCreate, OfficeFields, OfficeListResult } from '../../shared/domain/office';
import type { Person } from '../../shared/domain/person';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Ctx } from '../context';
import { insertRow, updateRow } from '../db/writePath';
import { listPeopleAtOffice } from '../people/service';
import { officeList, type ParsedListQuery } from './listIndex';
import { newOffice, officeCells, officeFromRow, officeRecord } from './rows';

export function findOffice(ctx: Ctx, id: string): Office | undefined {
  const row = ctx.store.first(ctx.store.q.selectFrom('offices').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  return row && officeFromRow(row);
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
    const office = newOffice(newId(), input, ctx.now());
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
    updateRow(ctx, 'offices', id, officeCells(patch));
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

/** An office with its people; the handler adds every domain's timeline entries. */
export function getOfficeDetail(ctx: Ctx, id: string): { office: Office; people: Person[] } {
  return { office: requireOffice(ctx, id), people: listPeopleAtOffice(ctx, id) };
}
