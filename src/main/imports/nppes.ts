import type { z } from 'zod';
import type { NppesAttach, NppesSummary } from '../../shared/nppes/summary';
import { isNppesHeaders, nppesLayout, NPPES } from '../../shared/nppes/headers';
import type { ImportField } from '../../shared/imports/fields';
import type { Ctx } from '../context';
import { Directory } from '../nppes/directory';
import { groupProviders, readProvider } from '../nppes/providers';
import { currentTaxonomy, taxonomySource, taxonomyStamp } from '../taxonomy/store';
import { rowNumber, type ParsedCsv } from './parse';
import { applyActions, CellResults, type Actions, type ImportPlan } from './plan';

/** What the column-matching step shows for a registry file: the columns the registry reading uses, by the field each fills. */
const SHOWN: [string, ImportField][] = [
  [NPPES.orgName, 'name'], [NPPES.line1, 'address1'], [NPPES.line2, 'address2'], [NPPES.city, 'city'], [NPPES.state, 'state'], [NPPES.zip, 'zip'],
  [NPPES.phone, 'phone'], [NPPES.fax, 'fax'], [NPPES.npi, 'npi'], ['Healthcare Provider Taxonomy Code_1', 'specialties'],
  [NPPES.firstName, 'personFirstName'], [NPPES.lastName, 'personLastName'], [NPPES.credential, 'personCredentials'],
];

export function nppesMapping(headers: readonly string[]): (ImportField | null)[] {
  const norm = (h: string) => h.trim().replace(/\s+/g, ' ').toLowerCase();
  const field = new Map(SHOWN.map(([h, f]) => [norm(h), f]));
  return headers.map((h) => field.get(norm(h)) ?? null);
}

/** The matches to show for an NPI registry file (null for any other file). */
export const registryMapping = (headers: readonly string[]) => (isNppesHeaders(headers) ? nppesMapping(headers) : null);

/**
 * The registry's layout is read as the registry defines it while the column matches are the ones
 * shown for it; a user who changes a match gets the plain spreadsheet import with their matches.
 */
export function readsAsRegistry(headers: readonly string[], mapping: readonly (ImportField | null)[]): boolean {
  if (!isNppesHeaders(headers)) return false;
  const shown = nppesMapping(headers);
  return mapping.length === shown.length && mapping.every((m, i) => m === shown[i]);
}

/** What a registry plan depends on besides the file and the database: the user's choices and the taxonomy names in use. */
export const registryPlanKey = (ctx: Ctx, attach: z.output<typeof NppesAttach> | undefined) => `${taxonomyStamp(ctx)}\0${JSON.stringify(attach ?? null)}`;

const SUMMARY_CHOICES = 200;
const SUMMARY_CODES = 20;

/**
 * An NPPES file as offices and people, in the import's own plan shape (so the commit, its
 * progress, undo and the rows-to-fix CSV work as for any spreadsheet): organisations become
 * offices at their practice location, individuals people at the organisation there (or at an office
 * named for the address), deactivated NPIs are skipped and counted. Writes nothing.
 */
export function planNppes(ctx: Ctx, csv: ParsedCsv, attach: z.output<typeof NppesAttach> = {}, actions?: Actions): { plan: ImportPlan; summary: NppesSummary } {
  const layout = nppesLayout(csv.headers);
  const table = currentTaxonomy(ctx);
  const cells = new CellResults();
  const unknown = new Set<string>();
  const rows = csv.records.map((record, i) => {
    const provider = readProvider(record, layout, table, cells);
    if (provider.type === 'org' || provider.type === 'individual') for (const c of provider.codes) if (!table.has(c)) unknown.add(c);
    return { row: rowNumber(i), provider };
  });
  const g = groupProviders(rows, new Directory(ctx), (row) => attach[String(row)]);
  const mapped = new Set<ImportField>(SHOWN.map(([, f]) => f));
  if (actions) applyActions(g.offices, actions);
  return {
    plan: { rowCount: csv.records.length, mapped, offices: g.offices, repeats: [], errors: g.errors, newMembers: new Map() },
    summary: {
      organisations: g.organisations, individuals: g.individuals, deactivated: g.deactivated, attachedByAddress: g.attachedByAddress,
      attachedByPhone: g.attachedByPhone, newOfficesForIndividuals: g.newOfficesForIndividuals, ambiguousCount: g.ambiguous.length,
      ambiguous: g.ambiguous.slice(0, SUMMARY_CHOICES), unknownCodes: [...unknown].sort().slice(0, SUMMARY_CODES), unknownCodeCount: unknown.size,
      taxonomy: taxonomySource(ctx),
    },
  };
}
