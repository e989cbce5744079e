import type { ApiOutput } from '../api';

type Job = ApiOutput<'imports.status'>;

const n = (x: number) => x.toLocaleString();
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

/** What a finished job did, in one sentence. */
export function jobOutcome(job: Job): string {
  if (job.state === 'failed') return job.error ?? 'It failed; nothing from it was saved.';
  if (job.kind === 'undo' && job.undo) {
    const u = job.undo;
    if (u.referralsDeleted !== undefined) {
      return [
        `${plural(u.referralsDeleted, 'referral', 'referrals')} deleted`,
        ...(u.officesArchived ? [`${plural(u.officesArchived, 'office', 'offices')} archived`] : []),
        ...(u.referralsRestored ? [`${plural(u.referralsRestored, 'referral', 'referrals')} it updated put back as ${u.referralsRestored === 1 ? 'it was' : 'they were'}`] : []),
        ...(u.referralsKept ? [`${plural(u.referralsKept, 'referral', 'referrals')} edited since the import kept as ${u.referralsKept === 1 ? 'it is' : 'they are'}`] : []),
      ].join(', ') + '.';
    }
    const parts = [
      `${plural(u.officesArchived, 'office', 'offices')} and ${plural(u.peopleArchived, 'person', 'people')} archived`,
      ...(u.officesRestored ? [`${plural(u.officesRestored, 'office', 'offices')} put back as they were`] : []),
      ...(u.cellsKept ? [`${plural(u.cellsKept, 'field', 'fields')} edited since the import kept`] : []),
    ];
    return `${parts.join(', ')}.`;
  }
  const r = job.result;
  if (!r) return '';
  if (job.spec === 'referrals') {
    return (
      `${plural(r.created, 'referral', 'referrals')} added, ${n(r.updated)} updated, ${n(r.unchanged ?? 0)} unchanged` +
      (r.officesCreated ? `, ${plural(r.officesCreated, 'office', 'offices')} created` : '') +
      (r.skipped ? `, ${plural(r.skipped, 'row', 'rows')} of offices not in the app left out` : '') +
      (r.badRows ? `, ${plural(r.badRows, 'row', 'rows')} with problems left out` : '') +
      '.'
    );
  }
  return (
    `${plural(r.created, 'office', 'offices')} added, ${n(r.updated)} updated, ${n(r.skipped)} skipped, ${plural(r.peopleCreated, 'person', 'people')} added` +
    (r.teamMembersAdded ? `, ${plural(r.teamMembersAdded, 'team member', 'team members')} added` : '') +
    (r.badRows ? `, ${plural(r.badRows, 'row', 'rows')} with problems left out` : '') +
    '.'
  );
}

/** What undoing a finished import will do, said before the user confirms it. */
export function undoWarning(job: Job): string {
  const r = job.result;
  if (job.spec === 'referrals') {
    return (
      `The ${r ? plural(r.created, 'referral', 'referrals') : 'referrals'} it added are deleted` +
      (r?.officesCreated ? ` and the ${plural(r.officesCreated, 'office', 'offices')} it created archived` : '') +
      (r?.updated ? `, and the ${plural(r.updated, 'referral', 'referrals')} it updated are put back as they were, except any edited since` : '') +
      '.'
    );
  }
  return (
    (r ? `The ${n(r.created)} offices and ${n(r.peopleCreated)} people it added are archived (Archived offices can be restored one by one)` : 'What it added is archived') +
    (r?.updated ? `, and the ${n(r.updated)} offices it updated are put back as they were, except fields edited since` : '') +
    '. Team members it added stay on the team.'
  );
}

export function jobTitle(job: Job): string {
  const what = job.kind === 'undo' ? 'Undo of the import' : 'Import';
  return job.state === 'running' ? `${what} of “${job.fileName}” is running` : job.state === 'failed' ? `${what} failed` : job.kind === 'undo' ? 'Import undone' : 'Import finished';
}
