import type { Ctx } from '../../src/main/context';
import { insertRow } from '../../src/main/db/writePath';
import { newId } from '../../src/shared/ids';
import { checkpointIfLarge } from './checkpoint';
import { rng } from './generate';

const COMMENTS = [
  'Front desk says our fax referrals go through fine now.',
  'Dr. asked for faster consult notes.',
  'Office manager wants the new referral pad.',
  'Waiting times for new patients came up again.',
  'Good visit: they had our updated insurance list.',
];

/**
 * The offices' own Four C's ratings (1–5 each) on about `share` of completed visits, as a liaison
 * records them when logging a visit: each office has its own level per C (some offices rate the
 * practice well on communication and poorly on capacity), give or take one from visit to visit,
 * now and then a C left unrated or a comment. Written by the visit's liaison through the write
 * path, 5,000 visits per transaction. A stream of its own (seed + 4), so the visit history itself
 * stays as it was for a seed.
 */
export function insertVisitFeedback(ctx: Ctx, seed: number, share = 0.3): { feedback: number } {
  const r = rng(seed + 4).next;
  const visits = ctx.store.sqlite
    .prepare("SELECT id, office_id, liaison_id, ends_at FROM visits WHERE status = 'completed' AND deleted_at IS NULL ORDER BY office_id, starts_at, id")
    .all() as { id: string; office_id: string; liaison_id: string | null; ends_at: string }[];
  const levels = new Map<string, number[]>();
  const level = (officeId: string) => {
    let l = levels.get(officeId);
    // Most offices are content (around 4), some lukewarm; each C on its own.
    if (!l) levels.set(officeId, (l = [0, 1, 2, 3].map(() => 2.2 + r() * 2.6)));
    return l;
  };
  const rate = (base: number) => (r() < 0.08 ? null : Math.min(5, Math.max(1, Math.round(base + (r() - 0.5) * 2))));
  let feedback = 0;
  for (let i = 0; i < visits.length; i += 5000) {
    ctx.store.tx(() => {
      for (const v of visits.slice(i, i + 5000)) {
        const l = level(v.office_id);
        if (r() >= share) continue;
        const [communication, credibility, capacity, consistency] = l.map(rate) as [number | null, number | null, number | null, number | null];
        insertRow(ctx, 'visit_feedback', {
          id: newId(), office_id: v.office_id, visit_id: v.id, communication, credibility, capacity, consistency,
          comment: r() < 0.15 ? COMMENTS[Math.floor(r() * COMMENTS.length)]! : null, by_id: v.liaison_id, reverses: null, created_at: v.ends_at,
        });
        feedback++;
      }
    });
    checkpointIfLarge(ctx);
  }
  return { feedback };
}
