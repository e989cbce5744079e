import type { ImportResult } from '../../shared/imports/contract';
import { newId } from '../../shared/ids';
import type { Ctx } from '../context';
import { insertRow, updateRow } from '../db/writePath';
import { newOffice, officeCells, officeRecord } from '../offices/rows';
import { personRecord } from '../people/rows';
import type { ImportField } from '../../shared/imports/fields';
import { MembersByName } from '../team/byName';
import type { ImportPlan, OfficeInput, PersonInput } from './plan';
import type { UndoRecord } from './undo';

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

function insertOffice(ctx: Ctx, o: OfficeInput, now: string, byName: MembersByName, undo: UndoRecord): string {
  const office = newOffice(newId(), ownerById(o, byName), now);
  insertRow(ctx, 'offices', officeRecord(office));
  undo.offices.push(office.id);
  return office.id;
}

/** Updates an office with the file's cells, keeping each changed cell's value before and after so an undo can put it back. */
function updateOffice(ctx: Ctx, id: string, cells: Record<string, unknown>, undo: UndoRecord): boolean {
  const current = ctx.store.prepare('SELECT * FROM offices WHERE id = ?').get(id) as Record<string, unknown>;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [col, value] of Object.entries(cells)) {
    if (value !== undefined && current[col] !== value) {
      before[col] = current[col];
      after[col] = value;
    }
  }
  if (!updateRow(ctx, 'offices', id, cells)) return false;
  undo.updated.push({ id, before, after });
  return true;
}

/** The Liaison column's name as a member's id: matched by name, or the member added (in this transaction) if new. */
function ownerById<F extends Partial<OfficeInput>>(o: F, byName: MembersByName): F {
  return o.ownerName ? { ...o, ownerId: byName.findOrAdd(o.ownerName) } : o;
}

function insertPerson(ctx: Ctx, officeId: string, p: PersonInput, now: string, undo: UndoRecord): void {
  const id = newId();
  insertRow(ctx, 'people', personRecord(id, officeId, p, now));
  undo.people.push(id);
}

/** People already at the office, by NPI and by name, so an update-import does not add them twice. */
function peopleKeysAt(ctx: Ctx, officeId: string): Set<string> {
  const rows = ctx.store.all(
    ctx.store.q.selectFrom('people').select(['npi', 'first_name', 'last_name']).where('office_id', '=', officeId).where('deleted_at', 'is', null),
  );
  return new Set(rows.flatMap((r) => [`n:${(r.first_name + ' ' + r.last_name).toLowerCase()}`, ...(r.npi ? [`npi:${r.npi}`] : [])]));
}

const personKeys = (p: PersonInput) => [`n:${(p.firstName + ' ' + p.lastName).toLowerCase()}`, ...(p.npi ? [`npi:${p.npi}`] : [])];

interface Writing {
  writer: Ctx;
  plan: ImportPlan;
  now: string;
  result: ImportResult;
  byName: MembersByName;
  undo: UndoRecord;
}

function writeOne(w: Writing, p: ImportPlan['offices'][number]): void {
  const { writer, plan, now, result, byName, undo } = w;
  if (p.existing && p.action === 'skip') {
    result.skipped++;
  } else if (p.existing && p.action === 'update') {
    if (updateOffice(writer, p.existing.id, officeCells(ownerById(nonEmptyPatch(p.office, plan.mapped), byName)) as Record<string, unknown>, undo)) result.updated++;
    else result.skipped++;
    const known = peopleKeysAt(writer, p.existing.id);
    for (const person of p.people) {
      if (personKeys(person).some((k) => known.has(k))) continue;
      insertPerson(writer, p.existing.id, person, now, undo);
      result.peopleCreated++;
    }
  } else {
    const id = insertOffice(writer, p.office, now, byName, undo);
    result.created++;
    for (const person of p.people) {
      insertPerson(writer, id, person, now, undo);
      result.peopleCreated++;
    }
  }
}

/**
 * Runs `total` steps in one transaction, a batch per event-loop turn so progress can be read and
 * other screens answered between batches; `finish` runs last, inside it. Any failure rolls the
 * whole job back: the database is exactly as it was before.
 */
export async function inOneTransaction<T>(
  ctx: Ctx,
  label: string,
  total: number,
  setup: (writer: Ctx) => (i: number) => void,
  finish: (writer: Ctx) => T,
  onProgress: (processed: number, total: number) => void = () => {},
): Promise<T> {
  const writer: Ctx = { ...ctx };
  ctx.gate.hold(writer, label);
  let out: T;
  try {
    ctx.store.begin();
    try {
      const step = ctx.store.within(() => setup(writer));
      for (let start = 0; start < total; start += BATCH) {
        // One batch belongs to the job's transaction; between batches the app answers others.
        ctx.store.within(() => {
          for (let i = start; i < Math.min(start + BATCH, total); i++) step(i);
        });
        const done = Math.min(start + BATCH, total);
        ctx.gate.progress(writer, done / total);
        onProgress(done, total);
        if (done < total) await nextTurn();
      }
      out = ctx.store.within(() => finish(writer));
      ctx.store.commit();
    } catch (e) {
      ctx.store.rollback();
      throw e;
    }
  } finally {
    ctx.gate.release(writer);
  }
  onProgress(total, total);
  return out;
}

/**
 * Writes a plan in one transaction with progress. `record` runs inside it at the end with what the
 * import did, so the record of an import (for undo) exists exactly when the import does.
 */
export async function commitPlan(
  ctx: Ctx,
  plan: ImportPlan,
  onProgress: (processed: number, total: number) => void = () => {},
  record: (writer: Ctx, result: ImportResult, undo: UndoRecord) => void = () => {},
): Promise<ImportResult> {
  const result: ImportResult = { created: 0, updated: 0, skipped: 0, peopleCreated: 0, teamMembersAdded: 0, badRows: plan.errors.length };
  const undo: UndoRecord = { offices: [], people: [], updated: [] };
  let byName: MembersByName;
  return inOneTransaction(
    ctx,
    'An import',
    plan.offices.length,
    (writer) => {
      // Read inside the transaction, so members it adds are found again by the rows after.
      byName = new MembersByName(writer);
      const w: Writing = { writer, plan, now: ctx.now(), result, byName, undo };
      return (i) => writeOne(w, plan.offices[i]!);
    },
    (writer) => {
      result.teamMembersAdded = byName.added;
      record(writer, result, undo);
      return result;
    },
    onProgress,
  );
}
