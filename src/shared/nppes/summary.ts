import { z } from 'zod';

/** Which taxonomy names are in use: the common codes the app ships, or NUCC's full list a user loaded over them. */
export const TaxonomySource = z.object({
  source: z.enum(['shipped', 'nucc']),
  /** the NUCC file's name, when one was loaded */
  fileName: z.string().nullable(),
  loadedAt: z.string().nullable(),
  /** codes known by name */
  codes: z.number().int(),
});
export type TaxonomySource = z.output<typeof TaxonomySource>;

/** An individual who could belong to several organisations in the file, and which one the import puts them in. */
export const NppesChoice = z.object({
  /** the individual's row, as a spreadsheet numbers it */
  row: z.number().int(),
  person: z.string(),
  /** their practice location as the file has it */
  address: z.string(),
  candidates: z.array(z.object({ key: z.string(), label: z.string() })),
  /** the candidate they go to: the user's choice, else the first (in file order) */
  chosen: z.string(),
  /** matched by address + ZIP, or (no organisation there) by phone */
  by: z.enum(['address', 'phone']),
});
export type NppesChoice = z.output<typeof NppesChoice>;

/** What the NPI registry's layout turned into, beside the usual import preview. */
export const NppesSummary = z.object({
  /** organisations (entity type 2) planned as offices */
  organisations: z.number().int(),
  /** individuals (entity type 1) planned as people */
  individuals: z.number().int(),
  /** deactivated NPIs, skipped */
  deactivated: z.number().int(),
  attachedByAddress: z.number().int(),
  attachedByPhone: z.number().int(),
  /** offices made, named for their address, for individuals at no organisation of the file */
  newOfficesForIndividuals: z.number().int(),
  /** individuals with more than one matching organisation; `ambiguous` lists the first of them */
  ambiguousCount: z.number().int(),
  ambiguous: z.array(NppesChoice),
  /** taxonomy codes the names in use do not know, kept as the code (the first few, and how many) */
  unknownCodes: z.array(z.string()),
  unknownCodeCount: z.number().int(),
  taxonomy: TaxonomySource,
});
export type NppesSummary = z.output<typeof NppesSummary>;

/** The user's choices for ambiguous individuals: row number → the chosen organisation's key. */
export const NppesAttach = z.record(z.string().regex(/^\d+$/, 'a row number'), z.string().max(40));
