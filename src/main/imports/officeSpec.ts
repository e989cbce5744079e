import { guessMapping, type ImportField } from '../../shared/imports/fields';
import type { NppesSummary } from '../../shared/nppes/summary';
import { commitPlan } from './commit';
import { planNppes, readsAsRegistry, registryMapping, registryPlanKey } from './nppes';
import { planImport, sampleNames, summarisePlan, type ImportPlan } from './plan';
import type { ImportSpec, Mapping } from './spec';

interface OfficeReview {
  plan: ImportPlan;
  /** an NPI registry file read as such */
  nppes: NppesSummary | null;
  errors: ImportPlan['errors'];
}

// The boundary has checked every key against IMPORT_FIELDS.
const officeFields = (m: Mapping) => m as (ImportField | null)[];

/** Offices and their contacts: a directory spreadsheet, a CRM export, or the NPI registry's own file. */
export const officeSpec: ImportSpec<OfficeReview> = {
  key: 'offices',
  headerHint: 'Office name, City, ZIP, …',
  guess: guessMapping,
  // A registry file's columns are the registry's own, shown as read; any other file's are guessed.
  firstMapping: (headers) => registryMapping(headers) ?? guessMapping(headers),
  refused: (headers) => headers.map(() => null),
  planKey: (ctx, req) => JSON.stringify([req.duplicateMode, req.reasonActions, req.rowActions, registryPlanKey(ctx, req.attach)]),
  plan(ctx, table, mapping, req) {
    const m = officeFields(mapping);
    const registry = readsAsRegistry(table.headers, m) ? planNppes(ctx, table, req.attach, req) : null;
    const plan = registry?.plan ?? planImport(ctx, table, m, req);
    return { plan, nppes: registry?.summary ?? null, errors: plan.errors };
  },
  sampleNames: (table, mapping) => sampleNames(table, officeFields(mapping)),
  summary: (r, req) => summarisePlan(r.plan, req, r.nppes),
  writes: (r) => r.plan.offices.length,
  nothingToImport: (r) => (r.errors.length ? 'No row of this file can be imported; see the listed errors.' : 'The file has no data rows.'),
  commit: (ctx, r, onProgress, record) => commitPlan(ctx, r.plan, onProgress, record),
};
