import type { ApiOutput } from '../api';

type Job = ApiOutput<'imports.status'>;

const n = (x: number) => x.toLocaleString();
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

/** What a finished job did, in one sentence. */
export function jobOutcome(job: Job): string {
  if (job.state === 'failed') return job.error ?? 'It failed; nothing from it was saved.';
  if (job.kind === 'undo' && job.undo) {
    const u = job.undo;
    const parts = [
      `${plural(u.officesArchived, 'office', 'offices')} and ${plural(u.peopleArchived, 'person', 'people')} archived`,
      ...(u.officesRestored ? [`${plural(u.officesRestored, 'office', 'offices')} put back as they were`] : []),
      ...(u.cellsKept ? [`${plural(u.cellsKept, 'field', 'fields')} edited since the import kept`] : []),
    ];
    return `${parts.join(', ')}.`;
  }
  const r = job.result;
  if (!r) return '';
  return (
    `${plural(r.created, 'office', 'offices')} added, ${n(r.updated)} updated, ${n(r.skipped)} skipped, ${plural(r.peopleCreated, 'person', 'people')} added` +
    (r.teamMembersAdded ? `, ${plural(r.teamMembersAdded, 'team member', 'team members')} added` : '') +
    (r.badRows ? `, ${plural(r.badRows, 'row', 'rows')} with problems left out` : '') +
    '.'
  );
}

export function jobTitle(job: Job): string {
  const what = job.kind === 'undo' ? 'Undo of the import' : 'Import';
  return job.state === 'running' ? `${what} of “${job.fileName}” is running` : job.state === 'failed' ? `${what} failed` : job.kind === 'undo' ? 'Import undone' : 'Import finished';
}
