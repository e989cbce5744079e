import crypto from 'node:crypto';
import type { z } from 'zod';
import type { ImportJob, ImportPreview, ImportRequest } from '../../shared/imports/contract';
import { guessMapping } from '../../shared/imports/fields';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Ctx } from '../context';
import { inWords } from '../db/sqliteErrors';
import { commitPlan } from './commit';
import { parseCsv, type ParsedCsv } from './parse';
import { planImport, summarisePlan, type ImportPlan } from './plan';

type Request = z.output<typeof ImportRequest>;

interface ReadPlan {
  plan: ImportPlan;
  csv: ParsedCsv;
  mapping: NonNullable<Request['mapping']>;
}

function readRequest(ctx: Ctx, req: Request): ReadPlan {
  const csv = parseCsv(req.csv);
  if (csv.headers.length === 0 || csv.headers.every((h) => !h)) {
    throw new AppError('invalid_input', 'The file has no header row. The first row must name the columns (Office name, City, ZIP, …).');
  }
  if (csv.records.length === 0) {
    throw new AppError('invalid_input', 'The file has a header row but no data rows: there is nothing to import.');
  }
  const mapping = req.mapping ?? guessMapping(csv.headers);
  if (mapping.length !== csv.headers.length) {
    throw new AppError('invalid_input', `The column mapping has ${mapping.length} entries but the file has ${csv.headers.length} columns.`);
  }
  return { plan: planImport(ctx, csv, mapping), csv, mapping };
}

/**
 * What a plan depends on: the file, the mapping, and the database as it was (the last change's
 * position), since duplicates were looked up then. Any write in between makes a new key.
 */
function planKey(ctx: Ctx, req: Request): string {
  const lastChange = ctx.store.read('SELECT max(rowid) AS n FROM changes').get() as { n: number | null };
  return crypto
    .createHash('sha256')
    .update(req.csv)
    .update(`\0${JSON.stringify(req.mapping ?? null)}\0${lastChange.n ?? 0}`)
    .digest('hex');
}

/** Imports of this run of the app: the last preview's plan, and jobs (kept until the app quits). */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  /** The plan the user last reviewed: committing the same file right after does not re-validate it. */
  private reviewed: { key: string; read: ReadPlan } | null = null;

  preview(ctx: Ctx, req: Request): ImportPreview {
    const read = readRequest(ctx, req);
    this.reviewed = { key: planKey(ctx, req), read };
    return summarisePlan(read.plan, read.csv, read.mapping, req.duplicateMode);
  }

  private planFor(ctx: Ctx, req: Request): ImportPlan {
    const key = planKey(ctx, req);
    const read = this.reviewed?.key === key ? this.reviewed.read : readRequest(ctx, req);
    this.reviewed = null;
    return read.plan;
  }

  /**
   * Validates the whole file first (so a wrong file fails before anything is written), then
   * writes it in the background. Rows that failed validation are skipped and counted.
   */
  start(ctx: Ctx, req: Request): { jobId: string; done: Promise<void> } {
    // Before the job exists: while the start-up check runs, the boundary waits and calls again.
    ctx.gate.health.assertWritable();
    const plan = this.planFor(ctx, req);
    if (plan.offices.length === 0) {
      throw new AppError('invalid_input', plan.errors.length ? 'No row of this file can be imported; see the listed errors.' : 'The file has no data rows.');
    }
    const jobId = newId();
    const job: ImportJob = { jobId, state: 'running', processed: 0, total: plan.offices.length, result: null, error: null };
    this.jobs.set(jobId, job);
    const done = commitPlan(ctx, plan, req.duplicateMode, (processed) => {
      job.processed = processed;
    }).then(
      (result) => {
        job.state = 'done';
        job.result = result;
      },
      (e: unknown) => {
        job.state = 'failed';
        // When the disk stopped it (full, read-only), its words, which say nothing was half-saved.
        const disk = inWords(e);
        job.error = disk ? `The import failed: ${disk.message}` : `The import failed and nothing from it was saved: ${(e as Error).message}`;
      },
    );
    return { jobId, done };
  }

  status(jobId: string): ImportJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', 'No such import. It may belong to an earlier run of the app.');
    return { ...job };
  }
}
