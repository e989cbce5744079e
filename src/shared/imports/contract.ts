import { z } from 'zod';
import type { MethodSpec } from '../api/define';
import { IMPORT_FIELD_KEYS } from './fields';

export const DUPLICATE_MODES = ['skip', 'update', 'keep'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

/** 64 MB of text: far above any practice's directory, low enough to refuse a wrong file quickly. */
const MAX_CSV_CHARS = 64 * 1024 * 1024;

export const ImportRequest = z.object({
  csv: z.string().min(1, 'The file is empty').max(MAX_CSV_CHARS, 'That file is larger than 64 MB; split it and import the parts'),
  /** One entry per column: the field it fills, or null to ignore it. Omitted: guess from headers. */
  mapping: z.array(z.enum(IMPORT_FIELD_KEYS).nullable()).optional(),
  duplicateMode: z.enum(DUPLICATE_MODES).default('skip'),
});
export type ImportRequest = z.input<typeof ImportRequest>;

export const RowError = z.object({ row: z.number().int(), message: z.string() });
export type RowError = z.output<typeof RowError>;

export const ImportPreview = z.object({
  headers: z.array(z.string()),
  /** the first data row's cells, so the user sees what each column holds while mapping it */
  example: z.array(z.string()),
  mapping: z.array(z.enum(IMPORT_FIELD_KEYS).nullable()),
  rowCount: z.number().int(),
  /** offices in the file that match none in the app */
  newOffices: z.number().int(),
  /** offices in the file that match one in the app (by NPI, or name + ZIP) */
  duplicateOffices: z.number().int(),
  people: z.number().int(),
  /** liaisons the file names that the team has no member by: added (as liaisons) by the import */
  newTeamMembers: z.number().int(),
  /** the first of them, as the file spells them */
  newTeamMemberNames: z.array(z.string()),
  errorCount: z.number().int(),
  /** every problem of every bad row, grouped by what is wrong, most rows first */
  problemGroups: z.array(z.object({ problem: z.string(), rows: z.number().int() })),
  /** The first errors, row numbers as a spreadsheet shows them (the header is row 1). */
  errors: z.array(RowError),
  sample: z.array(
    z.object({
      row: z.number().int(),
      name: z.string(),
      city: z.string().nullable(),
      zip: z.string().nullable(),
      npi: z.string().nullable(),
      people: z.number().int(),
      duplicateOf: z.string().nullable(),
    }),
  ),
});
export type ImportPreview = z.output<typeof ImportPreview>;

export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  peopleCreated: z.number().int(),
  teamMembersAdded: z.number().int(),
  badRows: z.number().int(),
});
export type ImportResult = z.output<typeof ImportResult>;

export const ImportJob = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  processed: z.number().int(),
  total: z.number().int(),
  result: ImportResult.nullable(),
  error: z.string().nullable(),
});
export type ImportJob = z.output<typeof ImportJob>;

/** The imports domain's methods: check a spreadsheet, then bring it in as a job with progress. */
export const importsContract = {
  'imports.preview': { input: ImportRequest, output: ImportPreview },
  'imports.commit': { input: ImportRequest, output: z.object({ jobId: z.string() }) },
  'imports.status': { input: z.object({ jobId: z.string().min(1) }), output: ImportJob },
} satisfies Record<`imports.${string}`, MethodSpec>;
