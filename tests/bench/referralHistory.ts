import type { Ctx } from '../../src/main/context';
import { insertRow } from '../../src/main/db/writePath';
import { monthBefore, monthsBetween } from '../../src/shared/referrals/atRisk';
import { newId } from '../../src/shared/ids';
import { dayOf, systemZone } from '../../src/shared/visits/time';
import { rng } from '../../scripts/seed/generate';

/**
 * Incoming referrals for every `every`-th office over the last complete month and the six before
 * it, 2 to 6 a month, through the write path in one transaction as an import writes them; a
 * quarter of those offices fell by half or more last month, so the worklist has offices at risk to
 * pull forward. Dated before this month, so none raises a thank-you task (and none is written).
 */
export function seedReferralHistory(ctx: Ctx, every: number, seed: number): { referrals: number; offices: number; falling: number; months: string[] } {
  const r = rng(seed + 7).next;
  const judged = monthBefore(dayOf(ctx.now(), systemZone()).slice(0, 7));
  const months = monthsBetween(monthBefore(judged, 6), judged);
  const offices = ctx.store.sqlite.prepare('SELECT id, owner_id FROM offices WHERE deleted_at IS NULL AND archived_at IS NULL ORDER BY rowid').all() as { id: string; owner_id: string | null }[];
  const now = ctx.now();
  let referrals = 0;
  let senders = 0;
  let falling = 0;
  ctx.store.tx(() => {
    for (let i = 0; i < offices.length; i += every) {
      const o = offices[i]!;
      const usual = 2 + Math.floor(r() * 5);
      const falls = r() < 0.25;
      senders++;
      if (falls) falling++;
      for (const m of months) {
        const n = m === judged && falls ? Math.floor(usual / 3) : usual;
        for (let k = 0; k < n; k++) {
          insertRow(ctx, 'referrals', {
            id: newId(), direction: 'in', received_on: `${m}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`, office_id: o.id, person_id: null,
            source_kind: 'physician_office', service_line: ['Spine', 'Joints', 'Sports'][k % 3]!, referral_code: null, source_id: null, status: 'received',
            contacted_on: null, scheduled_on: null, appointment_on: null, seen_on: null, note_sent_on: null, closed_on: null, lost_on: null, lost_reason: null,
            liaison_id: o.owner_id, notes: null, created_at: now, updated_at: now, deleted_at: null,
          });
          referrals++;
        }
      }
    }
  });
  return { referrals, offices: senders, falling, months };
}
