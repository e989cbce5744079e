import crypto from 'node:crypto';
import type { ImportColumns, ImportJob, ImportPreview, RowError, UndoResult } from '../../shared/imports/contract';
import type { ImportResult } from '../../shared/imports/contract';
import type { ImportSpecKey } from '../../shared/imports/specs';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Ctx } from '../context';
import { toCsv } from '../csv/toCsv';
import { inWords } from '../db/sqliteErrors';
import type { ImportFiles } from './files';
import { officeSpec } from './officeSpec';
import { rowNumber, type ParsedCsv } from './parse';
import { groupProblems } from './problems';
import { readTable, type ReadTable } from './read';
import { referralSpec } from './referrals/spec';
import { findSavedMapping, saveMapping } from './savedMappings';
import type { ImportSpec, Mapping, Request, SpecPlan } from './spec';
import { lastRun, saveRun, undoRun, type ImportRun } from './undo';

const SPECS: Record<ImportSpecKey, ImportSpec> = { offices: officeSpec, referrals: referralSpec };
const PREVIEW_ERRORS = 200;
type Reading = Pick<Request, 'fileId' | 'encoding' | 'sheet'>;

interface Job {
  jobId: string;
  kind: 'import' | 'undo';
  spec: ImportSpecKey;
  fileName: string;
  state: ImportJob['state'];
  processed: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  result: ImportResult | null;
  undo: UndoResult | null;
  error: string | null;
}

interface Reviewed {
  key: string;
  spec: ImportSpec;
  read: ReadTable;
  mapping: Mapping;
  mappingSource: ImportPreview['mappingSource'];
  plan: SpecPlan;
}

const readingKey = (r: Reading) => `${r.fileId}\0${r.encoding ?? ''}\0${r.sheet ?? ''}`;

/**
 * The import pipeline of this run of the app: the file read once per way of reading it, the plan
 * the user last reviewed (a new mapping re-plans without re-reading; committing right after a
 * review does not re-validate), and the jobs, which live here rather than in the page, so leaving
 * the import screen and coming back finds the running job or its result.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private latest: Job | null = null;
  private lastRead: { key: string; read: Promise<ReadTable> } | null = null;
  private reviewed: Reviewed | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly files: ImportFiles,
  ) {}

  private read(req: Reading): Promise<ReadTable> {
    const key = readingKey(req);
    if (this.lastRead?.key !== key) {
      const read = readTable(this.files, req);
      this.lastRead = { key, read };
      // A failed read is not kept: the user may fix the file on disk and choose it again.
      read.catch(() => this.lastRead?.read === read && (this.lastRead = null));
    }
    return this.lastRead.read;
  }

  /**
   * What a plan depends on: the file as read, the mapping, and the database as it was (the last
   * change's position), since duplicates were looked up then. Any write in between makes a new key.
   */
  private planKey(spec: ImportSpec, req: Request): string {
    const lastChange = this.ctx.store.read('SELECT max(rowid) AS n FROM changes').get() as { n: number | null };
    const choices = JSON.stringify([spec.key, req.mapping ?? null, spec.planKey(this.ctx, req)]);
    return crypto.createHash('sha256').update(`${readingKey(req)}\0${choices}\0${lastChange.n ?? 0}`).digest('hex');
  }

  /** The file read and its header row checked: every step starts here. */
  private async readChecked(spec: ImportSpec, req: Reading): Promise<ReadTable> {
    const read = await this.read(req);
    const { table } = read;
    if (table.headers.length === 0 || table.headers.every((h) => !h)) {
      throw new AppError('invalid_input', `The file has no header row. The first row must name the columns (${spec.headerHint}).`);
    }
    if (table.records.length === 0) {
      throw new AppError('invalid_input', 'The file has a header row but no data rows: there is nothing to import.');
    }
    return read;
  }

  /** The first mapping for a file: the one the user saved for these headers, else the spec's own from them. */
  private startingMapping(spec: ImportSpec, headers: string[]): { mapping: Mapping; mappingSource: ImportPreview['mappingSource'] } {
    const saved = findSavedMapping(this.ctx, spec, headers);
    return saved ? { mapping: saved, mappingSource: 'saved' } : { mapping: spec.firstMapping(headers), mappingSource: 'guessed' };
  }

  /** What the mapping step shows of a file, whatever its spec: the columns, the first row (never a refused column's cell), a few names. */
  private columns(spec: ImportSpec, read: ReadTable, mapping: Mapping, mappingSource: ImportPreview['mappingSource']): ImportColumns {
    const { table, file } = read;
    const refused = spec.refused(table.headers);
    return {
      spec: spec.key, file, mapping, mappingSource, headers: table.headers, rowCount: table.records.length,
      example: table.headers.map((_, i) => (refused[i] ? '' : (table.records[0]?.[i] ?? '').slice(0, 80))),
      refused: refused.flatMap((reason, column) => (reason ? [{ column, header: table.headers[column]!, reason }] : [])),
      sampleNames: spec.sampleNames(table, mapping),
    };
  }

  /** Choosing a file shows its columns at once; checking every row waits for "Check the file". */
  async inspect(req: Reading & { spec: ImportSpecKey }): Promise<ImportColumns> {
    const spec = SPECS[req.spec];
    const read = await this.readChecked(spec, req);
    const { mapping, mappingSource } = this.startingMapping(spec, read.table.headers);
    return this.columns(spec, read, mapping, mappingSource);
  }

  private async review(req: Request): Promise<Reviewed> {
    const spec = SPECS[req.spec];
    const key = this.planKey(spec, req);
    if (this.reviewed?.key === key) return this.reviewed;
    const read = await this.readChecked(spec, req);
    const { table } = read;
    let mapping: Mapping;
    let mappingSource: ImportPreview['mappingSource'];
    if (req.mapping) {
      if (req.mapping.length !== table.headers.length) {
        throw new AppError('invalid_input', `The column mapping has ${req.mapping.length} entries but the file has ${table.headers.length} columns.`);
      }
      refuseMapped(spec, table, req.mapping);
      [mapping, mappingSource] = [req.mapping, 'given'];
    } else ({ mapping, mappingSource } = this.startingMapping(spec, table.headers));
    this.reviewed = { key, spec, read, mapping, mappingSource, plan: spec.plan(this.ctx, table, mapping, req) };
    return this.reviewed;
  }

  async preview(req: Request): Promise<ImportPreview> {
    const r = await this.review(req);
    const { errors } = r.plan;
    return {
      ...this.columns(r.spec, r.read, r.mapping, r.mappingSource),
      errorCount: errors.length,
      problemGroups: groupProblems(errors),
      errors: errors.slice(0, PREVIEW_ERRORS),
      ...r.spec.summary(r.plan, req),
    } as ImportPreview;
  }

  async problems(req: Request & { page: number; pageSize: number }): Promise<{ total: number; errors: RowError[] }> {
    const { plan } = await this.review(req);
    return { total: plan.errors.length, errors: plan.errors.slice(req.page * req.pageSize, (req.page + 1) * req.pageSize) };
  }

  /**
   * The rows that cannot be imported, as the file had them, with a last column saying why: fix
   * them in a spreadsheet and import that file. A refused column (a patient's name) is left empty:
   * the app writes no file holding what it never imports.
   */
  async badRowsCsv(req: Request): Promise<{ csv: string; rows: number; fileName: string }> {
    const { plan, read, spec } = await this.review(req);
    const { headers, records } = read.table;
    const refused = spec.refused(headers);
    const data = plan.errors.map((e) => {
      const cells = records[e.row - rowNumber(0)] ?? [];
      return [...headers.map((_, i) => (refused[i] ? '' : (cells[i] ?? ''))), ...cells.slice(headers.length), e.message];
    });
    const width = Math.max(headers.length, ...data.map((d) => d.length - 1));
    const header = [...headers, ...Array.from({ length: width - headers.length }, () => ''), 'Problems'];
    const rows = data.map((d) => [...d.slice(0, -1), ...Array.from({ length: width - (d.length - 1) }, () => ''), d[d.length - 1]!]);
    const stem = read.file.name.replace(/\.[^.]+$/, '');
    return { csv: toCsv(header, rows), rows: data.length, fileName: `${stem} - rows to fix.csv` };
  }

  /**
   * Validates the whole file first (so a wrong file fails before anything is written), then
   * writes it in the background. Rows that failed validation are skipped and counted.
   */
  async start(req: Request): Promise<{ jobId: string; done: Promise<void> }> {
    // Before the job exists: while the start-up check runs, the boundary waits and calls again.
    this.ctx.gate.health.assertWritable();
    const r = await this.review(req);
    // Checked after reading the file, which awaits: another job may have started meanwhile.
    if (this.latest?.state === 'running') throw new AppError('busy', this.ctx.gate.describe());
    // The plan holds what the commit needs; the file as read (a registry extract can be hundreds of MB) is let go.
    this.reviewed = null;
    this.lastRead = null;
    const { plan, spec } = r;
    const writes = spec.writes(plan);
    if (writes === 0) throw new AppError('invalid_input', spec.nothingToImport(plan));
    if (req.mapping) saveMapping(this.ctx, spec, r.read.table.headers, req.mapping);
    const job = this.track('import', spec.key, r.read.file.name, writes);
    const done = spec.commit(this.ctx, plan, (processed) => void (job.processed = processed), (writer, result, undo) =>
      saveRun(writer, { id: job.jobId, spec: spec.key, fileName: job.fileName, startedAt: job.startedAt, finishedAt: writer.now(), result }, undo),
    ).then(
      (result) => this.finish(job, { result }),
      (e: unknown) => this.fail(job, e, 'The import failed'),
    );
    return { jobId: job.jobId, done };
  }

  /** Takes back the last import (of this run or an earlier one) as a job with progress. */
  undo(jobId: string): { jobId: string; done: Promise<void> } {
    this.ctx.gate.health.assertWritable();
    if (this.latest?.state === 'running') throw new AppError('busy', this.ctx.gate.describe());
    const run = lastRun(this.ctx);
    if (!run || run.id !== jobId) throw new AppError('conflict', 'Only the most recent import can be undone.');
    if (run.undoneAt) throw new AppError('conflict', 'That import has already been undone.');
    const job = this.track('undo', run.spec, run.fileName, 0);
    const done = undoRun(this.ctx, jobId, (processed, total) => Object.assign(job, { processed, total })).then(
      (undo) => this.finish(job, { undo }),
      (e: unknown) => this.fail(job, e, 'Undoing the import failed'),
    );
    return { jobId: job.jobId, done };
  }

  status(jobId: string): ImportJob {
    const job = this.jobs.get(jobId);
    if (job) return this.view(job);
    // An import of an earlier run of the app: finished, and kept on this device.
    const run = lastRun(this.ctx);
    if (run?.id === jobId) return this.view(fromRun(run));
    throw new AppError('not_found', 'No such import. It may belong to an earlier run of the app.');
  }

  /** The running job, else the last import, so the import screen can show it when opened. */
  current(): ImportJob | null {
    if (this.latest) return this.view(this.latest);
    const run = lastRun(this.ctx);
    return run ? this.view(fromRun(run)) : null;
  }

  private track(kind: Job['kind'], spec: ImportSpecKey, fileName: string, total: number): Job {
    const job: Job = {
      jobId: newId(), kind, spec, fileName, state: 'running', processed: 0, total, startedAt: this.ctx.now(),
      finishedAt: null, result: null, undo: null, error: null,
    };
    this.jobs.set(job.jobId, job);
    this.latest = job;
    return job;
  }

  private finish(job: Job, outcome: Pick<Job, 'result'> | Pick<Job, 'undo'>): void {
    Object.assign(job, outcome, { state: 'done', finishedAt: this.ctx.now() });
  }

  private fail(job: Job, e: unknown, what: string): void {
    job.state = 'failed';
    job.finishedAt = this.ctx.now();
    // When the disk stopped it (full, read-only), its words, which say nothing was half-saved.
    const disk = inWords(e);
    job.error = disk ? `${what}: ${disk.message}` : `${what} and nothing from it was saved: ${(e as Error).message}`;
  }

  private view(job: Job): ImportJob {
    const run = job.kind === 'import' && job.state === 'done' ? lastRun(this.ctx) : null;
    return { ...job, undoable: run !== null && run.id === job.jobId && run.undoneAt === null };
  }
}

/** A mapping that names a column the spec refuses (a patient's birth date) is refused, whoever made it. */
function refuseMapped(spec: ImportSpec, table: ParsedCsv, mapping: Mapping): void {
  const refused = spec.refused(table.headers);
  const i = mapping.findIndex((m, col) => m !== null && refused[col]);
  if (i >= 0) throw new AppError('invalid_input', `The column “${table.headers[i]}” cannot be imported: ${refused[i]}. Leave it unmapped.`, [{ path: ['mapping', i], message: refused[i]! }]);
}

function fromRun(run: ImportRun): Job {
  return {
    jobId: run.id, kind: 'import', spec: run.spec, fileName: run.fileName, state: 'done', processed: run.result.created + run.result.updated + run.result.skipped,
    total: run.result.created + run.result.updated + run.result.skipped, startedAt: run.startedAt, finishedAt: run.finishedAt,
    result: run.result, undo: null, error: null,
  };
}
