import type { TargetAddResult } from '../../shared/targets/contract';
import type { TaxonomyTable } from '../../shared/nppes/taxonomy';
import type { NppesLayout } from '../../shared/nppes/headers';
import { newId } from '../../shared/ids';
import type { Ctx } from '../context';
import { insertRow } from '../db/writePath';
import { inOneTransaction } from '../imports/commit';
import { CellResults, type PersonInput } from '../imports/plan';
import { Directory } from '../nppes/directory';
import { groupProviders, readProvider } from '../nppes/providers';
import { newOffice, officeRecord } from '../offices/rows';
import { personRecord } from '../people/rows';
import { MembersByName } from '../team/byName';

export interface Chosen {
  id: number;
  record: string[];
}

/** NPIs of the live people at an office, so a provider already there is not added twice. */
function npisAt(ctx: Ctx, officeId: string): Set<string> {
  const rows = ctx.store.all(ctx.store.q.selectFrom('people').select('npi').where('office_id', '=', officeId).where('deleted_at', 'is', null));
  return new Set(rows.flatMap((r) => (r.npi ? [r.npi] : [])));
}

/**
 * Adds chosen registry rows to the directory as prospects owned by one liaison, in one transaction
 * through the write path: organisations as offices, individuals as people at the organisation
 * chosen with them at their practice location (the import's rule), else at the directory's office
 * there, else at a new office named for the address. Offices the directory has are left as they are.
 */
export async function addProspects(
  ctx: Ctx,
  chosen: readonly Chosen[],
  layout: NppesLayout,
  table: TaxonomyTable,
  owner: { ownerId?: string | null; ownerName?: string | null },
): Promise<{ result: TargetAddResult; added: number[] }> {
  const cells = new CellResults();
  const rows = chosen.map((c) => ({ row: c.id, provider: readProvider(c.record, layout, table, cells) }));
  const g = groupProviders(rows, new Directory(ctx), undefined, true);
  const result: TargetAddResult = {
    officesAdded: 0, peopleAdded: 0, peopleAtExistingOffices: 0, alreadyThere: 0, problems: g.errors.length, firstProblem: g.errors[0]?.message ?? null,
  };
  const now = ctx.now();
  await inOneTransaction(
    ctx,
    'Adding prospects',
    g.offices.length,
    (writer) => {
      const ownerId = owner.ownerName ? new MembersByName(writer).findOrAdd(owner.ownerName) : (owner.ownerId ?? null);
      const addPerson = (officeId: string, p: PersonInput) => insertRow(writer, 'people', personRecord(newId(), officeId, p, now));
      return (i) => {
        const planned = g.offices[i]!;
        if (!planned.existing) {
          const office = newOffice(newId(), { ...planned.office, stage: 'prospect', ownerId, ownerName: null }, now);
          insertRow(writer, 'offices', officeRecord(office));
          result.officesAdded++;
          for (const p of planned.people) addPerson(office.id, p);
          result.peopleAdded += planned.people.length;
          return;
        }
        // An organisation chosen that the directory has (found by NPI or name + ZIP): as it is.
        if (planned.office.npi || planned.people.length === 0) result.alreadyThere++;
        const there = npisAt(writer, planned.existing.id);
        for (const p of planned.people) {
          if (p.npi && there.has(p.npi)) {
            result.alreadyThere++;
            continue;
          }
          addPerson(planned.existing.id, p);
          result.peopleAdded++;
          result.peopleAtExistingOffices++;
        }
      };
    },
    () => undefined,
  );
  const failed = new Set(g.errors.map((e) => e.row));
  return { result, added: chosen.map((c) => c.id).filter((id) => !failed.has(id)) };
}
