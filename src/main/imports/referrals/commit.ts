import type { OfficeKind } from '../../../shared/domain/office';
import type { SourceKind } from '../../../shared/domain/referral';
import type { ImportResult } from '../../../shared/imports/contract';
import type { Ctx } from '../../context';
import { createOffice } from '../../offices/service';
import { insertReferral, patchReferral } from '../../referrals/service';
import { inOneTransaction } from '../commit';
import { parseOfficeCells } from '../plan';
import type { UndoRecord } from '../undo';
import { saveLink } from './links';
import { referralOfficeKeys } from './offices';
import type { OfficeGroup, PlannedReferral, ReferralPlan } from './plan';

/** The kind of office a referral source is, for an office the import creates. */
const OFFICE_KIND: Record<SourceKind, OfficeKind> = {
  physician_office: 'physician_office', hospital: 'hospital', urgent_care: 'urgent_care', community: 'community_partner', patient: 'other', online: 'other', other: 'other',
};

/** An office the user chose to create, from what the report says of it, through the offices service (its checks, its write path). */
function createGroupOffice(writer: Ctx, g: OfficeGroup): string {
  const parsed = parseOfficeCells({ name: g.name, zip: g.zip ?? undefined, npi: g.npi ?? undefined, kind: g.sourceKind ? OFFICE_KIND[g.sourceKind] : undefined });
  // The rows were read by the same field schemas, so a failure here is a bug, and rolls the import back.
  if (!parsed.success) throw new Error(`The office “${g.name}” could not be created: ${parsed.message}`);
  return createOffice(writer, parsed.data).id;
}

const referralCells = (writer: Ctx, id: string) => writer.store.read('SELECT * FROM referrals WHERE id = ?').get(id) as Record<string, unknown>;

/** The cells an update changed, before and after (the service also derives status and the liaison), so an undo can put them back. */
function changedCells(before: Record<string, unknown>, after: Record<string, unknown>, id: string): NonNullable<UndoRecord['referralChanges']>[number] {
  const out = { id, before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const col of Object.keys(after)) {
    if (col === 'updated_at' || after[col] === before[col]) continue;
    out.before[col] = before[col];
    out.after[col] = after[col];
  }
  return out;
}

/**
 * Writes a referral plan in one transaction with progress: the offices the user chose to create
 * first, then every new referral through insertReferral and every changed one through
 * patchReferral (the service's checks, status, liaison snapshot and thank-you tasks). Any failure
 * rolls the whole import back.
 */
export async function commitReferrals(
  ctx: Ctx,
  plan: ReferralPlan,
  onProgress: (processed: number, total: number) => void,
  record: (writer: Ctx, result: ImportResult, undo: UndoRecord) => void,
): Promise<ImportResult> {
  const writes = plan.referrals.filter((p) => p.does === 'add' || p.does === 'update');
  const result: ImportResult = {
    created: 0, updated: 0, skipped: plan.referrals.filter((p) => p.does === 'wait' || p.does === 'skip').length,
    unchanged: plan.referrals.filter((p) => p.does === 'unchanged').length, peopleCreated: 0, teamMembersAdded: 0, badRows: plan.errors.length, officesCreated: 0,
  };
  const undo: UndoRecord = { offices: [], people: [], updated: [], referrals: [], referralsUpdated: 0, referralChanges: [], links: [] };
  const created = new Map<OfficeGroup, string>();
  const officeOf = (p: PlannedReferral) => ('found' in p.office ? p.office.found.id : (p.office.group.linked?.id ?? created.get(p.office.group)!));
  return inOneTransaction(
    ctx,
    'A referral import',
    writes.length,
    (writer) => {
      for (const g of plan.groups) {
        if (!writes.some((p) => 'group' in p.office && p.office.group === g)) continue;
        // A link is remembered for next month's report (and forgotten again by an undo).
        if (g.choice?.action === 'link' && g.linked) undo.links!.push(...saveLink(writer, referralOfficeKeys({ name: g.name, zip: g.zip, npi: g.npi }), g.linked.id));
        if (g.choice?.action !== 'create') continue;
        const id = createGroupOffice(writer, g);
        created.set(g, id);
        undo.offices.push(id);
        result.officesCreated!++;
      }
      return (i) => {
        const p = writes[i]!;
        if (p.input) {
          undo.referrals!.push(insertReferral(writer, { ...p.input, officeId: officeOf(p) }));
          result.created++;
        } else {
          const { id, officeId, patch } = p.update!;
          const office = officeOf(p);
          const before = referralCells(writer, id);
          patchReferral(writer, id, office !== officeId ? { ...patch, officeId: office } : patch);
          undo.referralChanges!.push(changedCells(before, referralCells(writer, id), id));
          result.updated++;
        }
      };
    },
    (writer) => {
      undo.referralsUpdated = result.updated;
      record(writer, result, undo);
      return result;
    },
    onProgress,
  );
}
