import { AppError } from '../../shared/errors';
import type { ImportResult, UndoResult } from '../../shared/imports/contract';
import type { ImportSpecKey } from '../../shared/imports/specs';
import type { Ctx } from '../context';
import { softDeleteRow, updateRow } from '../db/writePath';
import { inOneTransaction } from './commit';
import { thankYouRecount } from '../referrals/thankYou';
import { restoreLinks, type SavedLink } from './referrals/links';

/** What an import did, enough to take it back. */
export interface UndoRecord {
  /** offices it created */
  offices: string[];
  /** people it created, at new offices and at offices already in the app */
  people: string[];
  /** offices it changed: each changed cell's value before and after */
  updated: { id: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
  /** a referral import: the referrals it added */
  referrals?: string[];
  /** a referral import: how many referrals it updated */
  referralsUpdated?: number;
  /** a referral import: each updated referral's changed cells, before and after (absent in records made before they were kept) */
  referralChanges?: { id: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
  /** a referral import: the office links it remembered, with what each replaced */
  links?: SavedLink[];
}

export interface ImportRun {
  id: string;
  spec: ImportSpecKey;
  fileName: string;
  startedAt: string;
  finishedAt: string;
  result: ImportResult;
  undoneAt: string | null;
}

/** Written inside the import's own transaction: the record exists exactly when the import does. */
export function saveRun(writer: Ctx, run: Omit<ImportRun, 'undoneAt'>, undo: UndoRecord): void {
  writer.store
    .prepare('INSERT INTO import_runs (id, kind, file_name, started_at, finished_at, result, undo) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(run.id, run.spec, run.fileName, run.startedAt, run.finishedAt, JSON.stringify(run.result), JSON.stringify(undo));
}

interface RunRow {
  id: string;
  kind: string;
  file_name: string;
  started_at: string;
  finished_at: string;
  result: string;
  undone_at: string | null;
}

const fromRow = (r: RunRow): ImportRun => ({
  id: r.id,
  spec: r.kind === 'referrals' ? 'referrals' : 'offices',
  fileName: r.file_name,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  result: JSON.parse(r.result) as ImportResult,
  undoneAt: r.undone_at,
});

/** The most recent import on this device (undone or not): only it can be undone. */
export function lastRun(ctx: Ctx): ImportRun | null {
  const r = ctx.store.read('SELECT id, kind, file_name, started_at, finished_at, result, undone_at FROM import_runs ORDER BY finished_at DESC, rowid DESC LIMIT 1').get() as
    | RunRow
    | undefined;
  return r ? fromRow(r) : null;
}

/**
 * Takes the last import back as one batch, through the write path (so a sync server and other
 * devices see ordinary edits): the offices and people it created are archived (reversible, like
 * archiving by hand), and each cell it changed is put back, unless someone has edited that cell
 * since: then the newer edit is kept and counted. The referrals a referral import added are
 * deleted (a referral has no archive); the ones it updated are put back as they were, unless one
 * was edited since the import: then it is left as it is, whole (its step dates and status go
 * together, so half of one put back could be a pipeline the service would refuse).
 */
export async function undoRun(ctx: Ctx, runId: string, onProgress: (done: number, total: number) => void): Promise<UndoResult> {
  const last = lastRun(ctx);
  if (!last || last.id !== runId) throw new AppError('conflict', 'Only the most recent import can be undone.');
  if (last.undoneAt) throw new AppError('conflict', 'That import has already been undone.');
  const row = ctx.store.read('SELECT undo FROM import_runs WHERE id = ?').get(runId) as { undo: string };
  const undo = JSON.parse(row.undo) as UndoRecord;
  const out: UndoResult = { officesArchived: 0, peopleArchived: 0, officesRestored: 0, cellsKept: 0 };
  // Records from before the changed cells were kept can only leave their updates as they are.
  if (undo.referrals) Object.assign(out, { referralsDeleted: 0, referralsRestored: 0, referralsKept: undo.referralChanges ? 0 : (undo.referralsUpdated ?? 0) });
  const steps: ((w: Ctx) => void)[] = [
    // Before the offices: an office the import created is archived with nothing of the import left at it.
    ...(undo.referrals ?? []).map((id) => (w: Ctx) => void (deleteReferral(w, id) && out.referralsDeleted!++)),
    ...(undo.referralChanges ?? []).map((u) => (w: Ctx) => void (restoreReferral(w, u) ? out.referralsRestored!++ : out.referralsKept!++)),
    ...undo.people.map((id) => (w: Ctx) => void (archive(w, 'people', id) && out.peopleArchived++)),
    ...undo.offices.map((id) => (w: Ctx) => void (archive(w, 'offices', id) && out.officesArchived++)),
    ...undo.updated.map((u) => (w: Ctx) => void (restore(w, u, out) && out.officesRestored++)),
  ];
  const now = ctx.now();
  return inOneTransaction(
    ctx,
    'Undoing an import',
    steps.length,
    // The steps write as this job's writer: the gate lets only it through.
    (writer) => (i) => steps[i]!(writer),
    (writer) => {
      // Undone, its links are forgotten too: a wrong link is chosen again on the next import.
      restoreLinks(writer, undo.links ?? []);
      writer.store.prepare('UPDATE import_runs SET undone_at = ? WHERE id = ?').run(now, runId);
      return out;
    },
    onProgress,
  );
}

/** Deletes a referral the import added, through the write path; one deleted since is left alone. */
function deleteReferral(ctx: Ctx, id: string): boolean {
  const live = ctx.store.read('SELECT office_id, direction, received_on FROM referrals WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { office_id: string; direction: string; received_on: string }
    | undefined;
  if (!live || !softDeleteRow(ctx, 'referrals', id)) return false;
  // The thank-you the import raised for it counts one fewer, or goes.
  if (live.direction === 'in') thankYouRecount(ctx, live.office_id, live.received_on);
  return true;
}

/**
 * Puts an updated referral's cells back, if every one still holds what the import wrote (and the
 * row is live): an edit since, by hand or from another device, is newer than both and is kept.
 */
function restoreReferral(ctx: Ctx, u: NonNullable<UndoRecord['referralChanges']>[number]): boolean {
  const current = ctx.store.read('SELECT * FROM referrals WHERE id = ? AND deleted_at IS NULL').get(u.id) as Record<string, unknown> | undefined;
  if (!current) return false;
  const cols = Object.keys(u.after);
  if (cols.length === 0) return true;
  if (cols.some((col) => current[col] !== u.after[col])) return false;
  return updateRow(ctx, 'referrals', u.id, u.before);
}

/** Archives a row the import created; a row since deleted or already archived is left alone. */
function archive(ctx: Ctx, tbl: 'offices' | 'people', id: string): boolean {
  const r = ctx.store.prepare(`SELECT archived_at FROM ${tbl} WHERE id = ? AND deleted_at IS NULL`).get(id) as { archived_at: string | null } | undefined;
  if (!r || r.archived_at) return false;
  return updateRow(ctx, tbl, id, { archived_at: ctx.now() });
}

function restore(ctx: Ctx, u: UndoRecord['updated'][number], out: UndoResult): boolean {
  const current = ctx.store.prepare('SELECT * FROM offices WHERE id = ? AND deleted_at IS NULL').get(u.id) as Record<string, unknown> | undefined;
  if (!current) return false;
  const back: Record<string, unknown> = {};
  for (const [col, wrote] of Object.entries(u.after)) {
    if (current[col] === wrote) back[col] = u.before[col];
    else out.cellsKept++;
  }
  return Object.keys(back).length > 0 && updateRow(ctx, 'offices', u.id, back);
}
