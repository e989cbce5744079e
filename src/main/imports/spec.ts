import type { z } from 'zod';
import type { ImportRequest, ImportResult, ImportPreview, RowError } from '../../shared/imports/contract';
import type { ImportSpecKey } from '../../shared/imports/specs';
import type { Ctx } from '../context';
import type { ParsedCsv } from './parse';
import type { UndoRecord } from './undo';

export type Request = z.output<typeof ImportRequest>;
/** One entry per column: a field of the spec, or null (the boundary has checked the keys against the spec). */
export type Mapping = (string | null)[];

/** What every spec's plan has: the rows it read and what is wrong with the bad ones. */
export interface SpecPlan {
  errors: RowError[];
}

/** The part of the review that differs by spec (with the spec's name); the pipeline adds the columns and the problems. */
type Base = 'file' | 'mappingSource' | 'headers' | 'example' | 'mapping' | 'refused' | 'rowCount' | 'sampleNames' | 'errorCount' | 'problemGroups' | 'errors';
type EachOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type SpecSummary = EachOmit<ImportPreview, Base>;

/**
 * What one kind of file is to the import pipeline (service.ts): its columns, how its rows become a
 * plan, what the review says about it and how a plan is written. The pipeline does the rest alike
 * for every spec: reading and detection, saved mappings, refused columns, problem grouping, the
 * rows-to-fix file, the job with progress and its undo record.
 */
export interface ImportSpec<P extends SpecPlan = SpecPlan> {
  readonly key: ImportSpecKey;
  /** columns a header row is expected to name, for the message about a file without one */
  readonly headerHint: string;
  /** a mapping from the headers alone, the one a saved mapping is compared with */
  guess(headers: readonly string[]): Mapping;
  /** the mapping to start from when nothing is saved (a layout the spec knows may beat the guess) */
  firstMapping(headers: readonly string[]): Mapping;
  /** per column: why it is never imported, or null */
  refused(headers: readonly string[]): (string | null)[];
  /** what a plan depends on besides the file, the mapping and the database's state */
  planKey(ctx: Ctx, req: Request): string;
  /** every row read, checked and matched against the app: writes nothing */
  plan(ctx: Ctx, table: ParsedCsv, mapping: Mapping, req: Request): P;
  /** a few names as the file spells them, so a wrong encoding shows before anything is imported */
  sampleNames(table: ParsedCsv, mapping: Mapping): string[];
  summary(plan: P, req: Request): SpecSummary;
  /** the writes a commit makes (the job's total); none: `nothingToImport` says why */
  writes(plan: P): number;
  nothingToImport(plan: P): string;
  /** writes the plan in one transaction; `record` runs inside it with what was done, for undo */
  commit(ctx: Ctx, plan: P, onProgress: (processed: number, total: number) => void, record: (writer: Ctx, result: ImportResult, undo: UndoRecord) => void): Promise<ImportResult>;
}
