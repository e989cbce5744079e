import type { ImportResult } from '../../shared/imports/contract';
import type { DuplicateMode } from '../../shared/imports/contract';
import { newId } from '../../shared/ids';
import type { Ctx } from '../context';
import { insertRow, updateRow } from '../db/writePath';
import { newOffice, officeCells, officeRecord } from '../offices/rows';
import { personRecord } from '../people/rows';
import type { ImportField } from '../../shared/imports/fields';
import { MembersByName } from '../team/byName';
import type { ImportPlan, OfficeInput, PersonInput } from './plan';

const BATCH = 1000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Only what the file actually says: blank cells never wipe what the directory already knows. */
function nonEmptyPatch(o: OfficeInput, mapped: ReadonlySet<ImportField>): Partial<OfficeInput> {
  const patch: Partial<OfficeInput> = {};
  for (const [k, v] of Object.entries(o) as [keyof OfficeInput, unknown][]) {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    if (k === 'address') {
      const a = v as OfficeInput['address'];
      if (!Object.values(a).some(Boolean)) continue;
    }
    (patch as Record<string, unknown>)[k] = v;
  }
  // Defaults the schema filled in for a column the file does not have are not the file's words.
  if (!mapped.has('kind')) delete patch.kind;
  if (!mapped.has('stage')) delete patch.stage;
  return patch;
}

function insertOffice(ctx: Ctx, o: OfficeInput, now: string, byName: MembersByName): string {
  const office = newOffice(newId(), ownerById(o, byName), now);
  insertRow(ctx, 'offices', officeRecord(office));
  return office.id;
}

/** The Liaison column's name as a member's id: matched by name, or the member added (in this transaction) if new. */
function ownerById<F extends Partial<OfficeInput>>(o: F, byName: MembersByName): F {
  return o.ownerName ? { ...o, ownerId: byName.findOrAdd(o.ownerName) } : o;
}

function insertPerson(ctx: Ctx, officeId: string, p: PersonInput, now: string): void {
  insertRow(ctx, 'people', personRecord(newId(), officeId, p, now));
}

/** People already at the office, by NPI and by name, so an update-import does not add them twice. */
function peopleKeysAt(ctx: Ctx, officeId: string): Set<string> {
  const rows = ctx.store.all(
    ctx.store.q.selectFrom('people').select(['npi', 'first_name', 'last_name']).where('office_id', '=', officeId).where('deleted_at', 'is', null),
  );
  return new Set(rows.flatMap((r) => [`n:${(r.first_name + ' ' + r.last_name).toLowerCase()}`, ...(r.npi ? [`npi:${r.npi}`] : [])]));
}

const personKeys = (p: PersonInput) => [`n:${(p.firstName + ' ' + p.lastName).toLowerCase()}`, ...(p.npi ? [`npi:${p.npi}`] : [])];

function writeOne(writer: Ctx, plan: ImportPlan, p: ImportPlan['offices'][number], mode: DuplicateMode, now: string, result: ImportResult, byName: MembersByName): void {
  if (p.existing && mode === 'skip') {
    result.skipped++;
  } else if (p.existing && mode === 'update') {
    if (updateRow(writer, 'offices', p.existing.id, officeCells(ownerById(nonEmptyPatch(p.office, plan.mapped), byName)))) result.updated++;
    else result.skipped++;
    const known = peopleKeysAt(writer, p.existing.id);
    for (const person of p.people) {
      if (personKeys(person).some((k) => known.has(k))) continue;
      insertPerson(writer, p.existing.id, person, now);
      result.peopleCreated++;
    }
  } else {
    const id = insertOffice(writer, p.office, now, byName);
    result.created++;
    for (const person of p.people) {
      insertPerson(writer, id, person, now);
      result.peopleCreated++;
    }
  }
}

/**
 * Writes a plan in one transaction, yielding between batches so progress can be read. Any
 * failure rolls the whole import back: the database is exactly as it was before.
 */
export async function commitPlan(
  ctx: Ctx,
  plan: ImportPlan,
  mode: DuplicateMode,
  onProgress: (processed: number, total: number) => void = () => {},
): Promise<ImportResult> {
  const writer: Ctx = { ...ctx };
  const result: ImportResult = { created: 0, updated: 0, skipped: 0, peopleCreated: 0, teamMembersAdded: 0, badRows: plan.errors.length };
  const total = plan.offices.length;
  ctx.gate.hold(writer, 'An import');
  try {
    ctx.store.begin();
    try {
      const now = ctx.now();
      // Read inside the transaction, so members it adds are found again by the rows after.
      const byName = ctx.store.within(() => new MembersByName(writer));
      for (let start = 0; start < total; start += BATCH) {
        // One batch belongs to the import's transaction; between batches the app answers others.
        ctx.store.within(() => {
          for (let i = start; i < Math.min(start + BATCH, total); i++) writeOne(writer, plan, plan.offices[i]!, mode, now, result, byName);
        });
        const done = Math.min(start + BATCH, total);
        ctx.gate.progress(writer, done / total);
        onProgress(done, total);
        if (done < total) await nextTurn();
      }
      result.teamMembersAdded = byName.added;
      ctx.store.commit();
    } catch (e) {
      ctx.store.rollback();
      throw e;
    }
  } finally {
    ctx.gate.release(writer);
  }
  onProgress(total, total);
  return result;
}
