import { z } from 'zod';
import type { MethodSpec } from '../api/define';
import { NppesAttach, NppesSummary } from '../nppes/summary';
import { recordId } from '../domain/fields';
import { DIRECTIONS, STATUSES } from '../domain/referral';
import { TEXT_ENCODINGS } from './sniff';
import { EXISTING_ACTIONS, MATCH_REASONS, REPEAT_ACTIONS } from './matching';
import { IMPORT_SPECS, SPEC_FIELDS, SPEC_NOUNS } from './specs';

export const DUPLICATE_MODES = EXISTING_ACTIONS;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

/** A file the main process holds for the import (uploaded once, or chosen in Electron's dialog); the page keeps only its id. */
export const ImportFileInfo = z.object({ fileId: z.string(), name: z.string(), size: z.number().int() });
export type ImportFileInfo = z.output<typeof ImportFileInfo>;

/** Which file, and how to read it: every step after the upload names the file by id, never sends it again. */
export const FileReading = z.object({
  fileId: z.string().min(1, 'Choose a file first'),
  /** the text encoding to read it in; omitted: detected from its bytes */
  encoding: z.enum(TEXT_ENCODINGS).optional(),
  /** a workbook's sheet; omitted: the first */
  sheet: z.string().max(200).optional(),
});

/** What to do with the rows of a referring office the app does not have: link them to an office it has, create the office from the file, or leave them out. */
export const OfficeChoice = z.discriminatedUnion('action', [
  z.object({ action: z.literal('link'), officeId: recordId }),
  z.object({ action: z.literal('create') }),
  z.object({ action: z.literal('skip') }),
]);
export type OfficeChoice = z.output<typeof OfficeChoice>;

const ImportRequestFields = FileReading.extend({
  /** what the file holds: the directory's offices and contacts, or a practice system's referral report */
  spec: z.enum(IMPORT_SPECS).default('offices'),
  /** One entry per column: the field of the spec it fills, or null to ignore it. Omitted: guess from headers. */
  mapping: z.array(z.string().max(40).nullable()).optional(),
  duplicateMode: z.enum(DUPLICATE_MODES).default('skip'),
  /** the action for every office matched for one reason; omitted: the default for that reason */
  reasonActions: z.partialRecord(z.enum(MATCH_REASONS), z.enum(DUPLICATE_MODES)).default({}),
  /** one row's action, by its spreadsheet row number: for a match with the app, or for a row repeating an earlier one */
  rowActions: z.record(z.string().regex(/^\d+$/), z.enum([...DUPLICATE_MODES, ...REPEAT_ACTIONS])).default({}),
  /** an NPI registry file: which organisation each listed individual joins (row → organisation NPI) */
  attach: NppesAttach.optional(),
  /** a referral import: the choice per group of rows naming an office the app does not have, by the group's key; a group without one waits */
  officeChoices: z.record(z.string().max(400), OfficeChoice).default({}),
});

/** Each mapped field must be one of the chosen spec's: an office field in a referral import is a mistake, said as one. */
function mappingOfSpec(r: z.output<typeof ImportRequestFields>, ctx: z.RefinementCtx): void {
  const known = new Set(SPEC_FIELDS[r.spec].map((f) => f.key));
  r.mapping?.forEach((m, i) => {
    if (m !== null && !known.has(m)) ctx.addIssue({ code: 'custom', path: ['mapping', i], message: `"${m}" is not a field of ${SPEC_NOUNS[r.spec]}; choose one of its fields or leave the column out` });
  });
}

export const ImportRequest = ImportRequestFields.superRefine(mappingOfSpec);
export type ImportRequest = z.input<typeof ImportRequest>;

export const RowError = z.object({ row: z.number().int(), message: z.string() });
export type RowError = z.output<typeof RowError>;

export const FileDescription = z.object({
  name: z.string(),
  size: z.number().int(),
  kind: z.enum(['text', 'workbook']),
  /** how the text was read (null for a workbook) and what detection said */
  encoding: z.enum(TEXT_ENCODINGS).nullable(),
  detectedEncoding: z.enum(TEXT_ENCODINGS).nullable(),
  /** a workbook's sheets, and the one read */
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
});

/** A column never imported whatever the mapping says (a patient identifier in a referral report), and why. */
export const RefusedColumn = z.object({ column: z.number().int(), header: z.string(), reason: z.string() });

/** What the mapping step needs: the file's columns as read, and a mapping to start from. Nothing is validated yet. */
export const ImportColumns = z.object({
  spec: z.enum(IMPORT_SPECS),
  file: FileDescription,
  /** a few names from the file as read, so a wrong encoding shows before anything is imported */
  sampleNames: z.array(z.string()),
  headers: z.array(z.string()),
  /** the first data row's cells, so the user sees what each column holds while mapping it (a refused column's left blank) */
  example: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  refused: z.array(RefusedColumn),
  /** where the mapping came from: the user's saved choice for these headers, a guess from them, or the request */
  mappingSource: z.enum(['saved', 'guessed', 'given']),
  rowCount: z.number().int(),
});
export type ImportColumns = z.output<typeof ImportColumns>;

/** The review of any spec: the columns, and every problem of every bad row. */
const PreviewBase = ImportColumns.extend({
  errorCount: z.number().int(),
  /** every problem of every bad row, grouped by what is wrong, most rows first */
  problemGroups: z.array(z.object({ problem: z.string(), rows: z.number().int() })),
  /** The first errors, row numbers as a spreadsheet shows them (the header is row 1). */
  errors: z.array(RowError),
});

/** An office import's review: what every row comes to with the mapping and choices applied. */
export const OfficePreview = PreviewBase.extend({
  spec: z.literal('offices'),
  /** offices in the file that match none in the app */
  newOffices: z.number().int(),
  /** offices in the file that match one in the app (by NPI, or name + ZIP) */
  duplicateOffices: z.number().int(),
  /** what the commit will do with the offices, with every choice applied */
  outcome: z.object({ add: z.number().int(), update: z.number().int(), skip: z.number().int() }),
  people: z.number().int(),
  /** liaisons the file names that the team has no member by: added (as liaisons) by the import */
  newTeamMembers: z.number().int(),
  /** the first of them, as the file spells them */
  newTeamMemberNames: z.array(z.string()),
  /** offices matching one in the app, and rows repeating an earlier row's office with other details */
  matches: z.object({
    reasons: z.array(z.object({ reason: z.enum(MATCH_REASONS), label: z.string(), rows: z.number().int(), action: z.enum(DUPLICATE_MODES) })),
    repeats: z.number().int(),
    total: z.number().int(),
    /** the first of them, each with why it matched and what will happen */
    rows: z.array(
      z.object({
        row: z.number().int(),
        name: z.string(),
        kind: z.enum(['existing', 'repeat']),
        /** the office in the app, or the earlier row's office */
        matchName: z.string(),
        /** for a repeat: the earlier row */
        otherRow: z.number().int().nullable(),
        reason: z.enum(MATCH_REASONS),
        detail: z.string(),
        /** for a repeat: the fields where the rows disagree */
        conflicts: z.array(z.string()),
        action: z.enum([...DUPLICATE_MODES, ...REPEAT_ACTIONS]),
      }),
    ),
  }),
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
  /** set when the file is the NPI registry's layout, read as such */
  nppes: NppesSummary.nullable().optional(),
});
export type OfficePreview = z.output<typeof OfficePreview>;

/** How a referral's office was found in the app. */
/** (sourceId: the report names an office the app does not know, and the referral, found by its id, stays at its own; linked: a user linked the report's office by hand in an earlier import) */
export const OFFICE_MATCHES = ['npi', 'physicianNpi', 'nameZip', 'linked', 'sourceId'] as const;

/** A referral import's review: new, updated and unchanged referrals, the offices they were matched to, and the ones waiting for a choice. */
export const ReferralPreview = PreviewBase.extend({
  spec: z.literal('referrals'),
  /** referrals the import adds, changes (found by their source id) and finds as they are */
  outcome: z.object({ add: z.number().int(), update: z.number().int(), unchanged: z.number().int() }),
  /** rows of an office the app does not have: waiting for a choice, or left out by one */
  waiting: z.number().int(),
  skipped: z.number().int(),
  /** rows with no source id: importing the file again adds them again */
  withoutSourceId: z.number().int(),
  /** rows naming a referring physician nobody at their office is: the referral is kept without one */
  physiciansNotFound: z.number().int(),
  /** offices the app has that rows were matched to, most rows first */
  matched: z.array(z.object({ officeId: z.string(), name: z.string(), by: z.enum(OFFICE_MATCHES), rows: z.number().int() })),
  matchedTotal: z.number().int(),
  /** offices the app does not have, by name and ZIP, with the choice made for each */
  unmatched: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      zip: z.string().nullable(),
      npi: z.string().nullable(),
      rows: z.number().int(),
      choice: OfficeChoice.nullable(),
      /** for a link: the office chosen */
      linkedName: z.string().nullable(),
      /** the one office at its ZIP it is likely to be (an abbreviated or misspelt name), to link in one click */
      suggested: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
  sample: z.array(
    z.object({
      row: z.number().int(),
      receivedOn: z.string(),
      office: z.string(),
      serviceLine: z.string(),
      status: z.enum(STATUSES),
      direction: z.enum(DIRECTIONS),
      does: z.enum(['add', 'update', 'unchanged', 'wait', 'skip']),
    }),
  ),
});
export type ReferralPreview = z.output<typeof ReferralPreview>;

export const ImportPreview = z.discriminatedUnion('spec', [OfficePreview, ReferralPreview]);
export type ImportPreview = z.output<typeof ImportPreview>;

export const ProblemPage = z.object({ total: z.number().int(), errors: z.array(RowError) });

/** What an import did; for referrals, created / updated / skipped count referrals and the office fields the offices it created. */
export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  peopleCreated: z.number().int(),
  teamMembersAdded: z.number().int(),
  badRows: z.number().int(),
  /** a referral import: referrals found as the file has them */
  unchanged: z.number().int().optional(),
  /** a referral import: offices created from the file at the user's choice */
  officesCreated: z.number().int().optional(),
});
export type ImportResult = z.output<typeof ImportResult>;

export const UndoResult = z.object({
  officesArchived: z.number().int(),
  peopleArchived: z.number().int(),
  officesRestored: z.number().int(),
  /** cells edited since the import, left as they are rather than put back */
  cellsKept: z.number().int(),
  /** a referral import: the referrals it added, deleted; the ones it updated put back, or kept when edited since */
  referralsDeleted: z.number().int().optional(),
  referralsRestored: z.number().int().optional(),
  referralsKept: z.number().int().optional(),
});
export type UndoResult = z.output<typeof UndoResult>;

export const ImportJob = z.object({
  jobId: z.string(),
  kind: z.enum(['import', 'undo']),
  spec: z.enum(IMPORT_SPECS),
  fileName: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  processed: z.number().int(),
  total: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: ImportResult.nullable(),
  undo: UndoResult.nullable(),
  error: z.string().nullable(),
  /** this finished import is the last one and can still be undone */
  undoable: z.boolean(),
});
export type ImportJob = z.output<typeof ImportJob>;

/**
 * The imports domain's methods: take a file once, check it, bring it in as a job with progress
 * that outlives the page, list and download what is wrong, undo the last one.
 */
export const importsContract = {
  /** Electron: the main process's own open-file dialog; null when the user cancels. (Browser mode uploads instead: POST /api/imports.upload.) */
  'imports.chooseFile': { input: z.object({ purpose: z.enum(['spreadsheet', 'receipt']).default('spreadsheet') }), output: z.object({ file: ImportFileInfo.nullable() }) },
  /** the file's columns and a first mapping, without checking a row: what choosing a file shows */
  'imports.inspect': { input: FileReading.extend({ spec: z.enum(IMPORT_SPECS).default('offices') }), output: ImportColumns },
  'imports.preview': { input: ImportRequest, output: ImportPreview },
  'imports.problems': {
    input: ImportRequestFields.extend({ page: z.number().int().min(0).default(0), pageSize: z.number().int().min(1).max(500).default(100) }).superRefine(mappingOfSpec),
    output: ProblemPage,
  },
  'imports.badRowsCsv': { input: ImportRequest, output: z.object({ csv: z.string(), rows: z.number().int(), fileName: z.string() }) },
  'imports.commit': { input: ImportRequest, output: z.object({ jobId: z.string() }) },
  'imports.status': { input: z.object({ jobId: z.string().min(1) }), output: ImportJob },
  /** the running job, else the last one of this run of the app: what the import page shows when it opens */
  'imports.current': { input: z.object({}), output: z.object({ job: ImportJob.nullable() }) },
  'imports.undo': { input: z.object({ jobId: z.string().min(1) }), output: z.object({ jobId: z.string() }) },
} satisfies Record<`imports.${string}`, MethodSpec>;
