import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import { zipIn } from '../../shared/geo/distance';
import { newId } from '../../shared/ids';
import { TARGET_LIST_CAP, type TargetAdd, type TargetAddResult, type TargetCriteria, type TargetJob, type TargetMatch } from '../../shared/targets/contract';
import type { Ctx } from '../context';
import type { ImportFiles } from '../imports/files';
import { zipCentroids } from '../geo/zipCentroids';
import { Directory } from '../nppes/directory';
import { currentTaxonomy } from '../taxonomy/store';
import { addProspects } from './add';
import { filterRegistry, type Filter, type FilterResult } from './filter';

interface Run {
  job: TargetJob;
  result: FilterResult | null;
  added: Set<number>;
  abort: AbortController;
}

/**
 * Target-list runs of this run of the app. A run reads the file in the main process and lives here,
 * not in the page, so leaving the page and coming back finds it running or its list. Only the
 * latest run keeps its list: a new run stops the one before and lets its list go.
 */
export class TargetJobs {
  private readonly runs = new Map<string, Run>();
  private latest: Run | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly files: ImportFiles,
  ) {}

  async start(criteria: z.output<typeof TargetCriteria>, cap = TARGET_LIST_CAP): Promise<{ jobId: string; done: Promise<void> }> {
    const file = this.files.get(criteria.fileId);
    const near = await this.centre(criteria.near);
    const filter: Filter = {
      codes: new Set(criteria.taxonomies),
      entity: criteria.entity,
      near: near && { centre: near.place, miles: criteria.near!.miles, zips: near.zips },
      state: criteria.state,
      directory: criteria.notInDirectory ? new Directory(this.ctx) : null,
    };
    if (this.latest) {
      this.latest.abort.abort();
      this.latest.result = null;
    }
    const run: Run = {
      job: {
        jobId: newId(), criteria, fileName: file.name, state: 'running', bytesRead: 0, size: file.size, rowsRead: 0, count: 0, listed: 0, capped: false,
        centre: near && { zip: near.zip, exact: near.place.exact }, startedAt: this.ctx.now(), finishedAt: null, error: null,
      },
      result: null,
      added: new Set(),
      abort: new AbortController(),
    };
    this.runs.set(run.job.jobId, run);
    this.latest = run;
    const { job } = run;
    const done = filterRegistry(file.path, filter, currentTaxonomy(this.ctx), {
      cap,
      signal: run.abort.signal,
      onProgress: (bytesRead, rowsRead, count) => Object.assign(job, { bytesRead, rowsRead, count }),
    }).then(
      (result) => {
        if (this.latest === run) run.result = result;
        Object.assign(job, { state: 'done', bytesRead: job.size, rowsRead: result.rowsRead, count: result.count, listed: result.kept.length, capped: result.count > result.kept.length, finishedAt: this.ctx.now() });
      },
      (e: unknown) => {
        const stopped = run.abort.signal.aborted;
        Object.assign(job, { state: stopped ? 'cancelled' : 'failed', finishedAt: this.ctx.now(), error: stopped ? null : e instanceof AppError ? e.message : `The file could not be read: ${(e as Error).message}` });
      },
    );
    return { jobId: job.jobId, done };
  }

  /** The ZIP a distance is measured from, and where it is. */
  private async centre(near: z.output<typeof TargetCriteria>['near']) {
    if (!near) return null;
    const zip = zipIn(near.from);
    if (!zip) throw new AppError('invalid_input', 'Enter a ZIP code, or an address that ends with one: distances are measured from the ZIP’s centre.');
    const zips = await zipCentroids();
    const place = zips.place(zip);
    if (!place) throw new AppError('invalid_input', `The app does not know where ZIP ${zip} is. Try a neighbouring ZIP.`);
    return { zip, place, zips };
  }

  private run(jobId: string): Run {
    const run = this.runs.get(jobId);
    if (!run) throw new AppError('not_found', 'No such target list. It may belong to an earlier run of the app: run the search again.');
    return run;
  }

  status(jobId: string): TargetJob {
    return { ...this.run(jobId).job };
  }

  current(): TargetJob | null {
    return this.latest ? { ...this.latest.job } : null;
  }

  cancel(jobId: string): TargetJob {
    const run = this.run(jobId);
    if (run.job.state === 'running') run.abort.abort();
    return { ...run.job };
  }

  private listOf(jobId: string): Run & { result: FilterResult } {
    const run = this.run(jobId);
    if (run.job.state !== 'done') throw new AppError('conflict', 'The search has not finished yet.');
    if (!run.result) throw new AppError('conflict', 'A newer search has replaced this list: add from that one.');
    return run as Run & { result: FilterResult };
  }

  matches(jobId: string, offset: number, limit: number): { total: number; rows: TargetMatch[] } {
    const { result, added } = this.listOf(jobId);
    const rows = result.kept.slice(offset, offset + limit).map((k, i) => ({ ...k.view, id: offset + i, added: added.has(offset + i) }));
    return { total: result.kept.length, rows };
  }

  async add(input: z.output<typeof TargetAdd>): Promise<TargetAddResult> {
    this.ctx.gate.health.assertWritable();
    const run = this.listOf(input.jobId);
    const ids = input.all ? run.result.kept.map((_, i) => i) : [...new Set(input.ids)];
    const chosen = ids.filter((id) => !run.added.has(id)).map((id) => {
      const k = run.result.kept[id];
      if (!k) throw new AppError('invalid_input', 'That list has changed: run the search again.');
      return { id, record: k.record };
    });
    if (chosen.length === 0) throw new AppError('invalid_input', 'Those providers were added already.');
    const { result, added } = await addProspects(this.ctx, chosen, run.result.layout, currentTaxonomy(this.ctx), input);
    for (const id of added) run.added.add(id);
    return result;
  }
}
