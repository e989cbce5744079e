import { Temporal } from 'temporal-polyfill';
import type { Ctx } from '../../src/main/context';
import { insertRow } from '../../src/main/db/writePath';
import { newId } from '../../src/shared/ids';
import { systemZone } from '../../src/shared/visits/time';
import { rng } from './generate';
import { checkpointIfLarge } from './checkpoint';

/** Days between visits a liaison keeps to, by tier, before slipping (monthly for no tier, as the defaults). */
const EVERY_DAYS: Record<string, number> = { A: 14, B: 30, C: 91, none: 30 };
const PURPOSES = ['relationship', 'relationship', 'relationship', 'introduction', 'lunch_and_learn', 'issue_resolution', 'drop_off'];
const LEFT = [[], ['Referral pads'], ['Brochures'], ['Referral pads', 'Brochures']];
const TASKS = ['Send updated referral forms', 'Call back about MRI scheduling', 'Drop off new brochures', 'Set up lunch-and-learn', 'Follow up on missed consult note'];


/**
 * A history of visits for every office, as a team that mostly keeps its cadences would have:
 * about `perOffice` completed visits each (their touches too), spaced by the office's tier with
 * some slipping (so some offices are overdue), a few missed or cancelled, one in three offices
 * with a visit planned in the next two weeks, and one in ten with an open follow-up. Written
 * through the write path, change log included, 5,000 offices per transaction.
 *
 * Times are office hours in this computer's zone, by today's offset from UTC: a daylight-saving
 * hour off in older visits does not matter for demo data, and working it out per visit with
 * Temporal would triple the seed's time.
 */
export function insertVisitHistory(ctx: Ctx, perOffice: number, seed: number, progress: (done: number) => void = () => {}) {
  const r = rng(seed + 1).next;
  const zone = systemZone();
  const nowMs = Date.parse(ctx.now());
  const offsetMs = Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6;
  const todayMs = Math.floor((nowMs + offsetMs) / 86_400_000) * 86_400_000;
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const at = (dayMs: number, minutes: number) => new Date(dayMs + minutes * 60_000 - offsetMs).toISOString();
  const offices = ctx.store.sqlite.prepare('SELECT id, tier, owner_id FROM offices WHERE deleted_at IS NULL AND archived_at IS NULL ORDER BY rowid').all() as {
    id: string;
    tier: string | null;
    owner_id: string | null;
  }[];
  const now = ctx.now();
  let visits = 0;
  let touches = 0;
  let tasks = 0;
  for (let i = 0; i < offices.length; i += 5000) {
    ctx.store.tx(() => {
      for (const o of offices.slice(i, i + 5000)) {
        const every = EVERY_DAYS[o.tier ?? 'none']!;
        // A quarter of offices are slipping: their last visit is well past due.
        const slip = r() < 0.25 ? every * (0.3 + r()) : 0;
        // The latest visit is yesterday at the soonest: a completed visit is never later today.
        let day = todayMs - Math.max(1, Math.floor(r() * every * 0.9 + slip)) * 86_400_000;
        const n = Math.max(1, Math.round(perOffice * (0.5 + r())));
        for (let k = 0; k < n; k++) {
          const start = 8 * 60 + Math.floor(r() * 16) * 30;
          const length = [20, 30, 30, 45, 60][Math.floor(r() * 5)]!;
          const roll = r();
          const status = roll < 0.06 ? 'missed' : roll < 0.1 ? 'cancelled' : 'completed';
          const id = newId();
          const startsAt = at(day, start);
          insertRow(ctx, 'visits', {
            id, office_id: o.id, liaison_id: o.owner_id, status, starts_at: startsAt, ends_at: at(day, start + length), pinned: 0,
            purpose: PURPOSES[Math.floor(r() * PURPOSES.length)]!, seen: '[]', left_items: JSON.stringify(status === 'completed' ? LEFT[Math.floor(r() * 4)] : []),
            notes: null, reason: status === 'missed' ? 'Doctor called away' : status === 'cancelled' ? 'Office closed' : null, sequence: 0,
            created_at: startsAt, updated_at: startsAt, deleted_at: null,
          });
          visits++;
          if (status === 'completed') {
            insertRow(ctx, 'touches', {
              id: newId(), office_id: o.id, kind: 'visit', day: dayOf(day), at: startsAt, by_id: o.owner_id, visit_id: id, notes: null, reverses: null, created_at: startsAt,
            });
            touches++;
          }
          // Back in time by about the cadence, give or take a third.
          day -= Math.max(1, Math.round(every * (0.67 + r() * 0.66))) * 86_400_000;
        }
        if (r() < 0.33) {
          const ahead = todayMs + (1 + Math.floor(r() * 14)) * 86_400_000;
          const start = 8 * 60 + Math.floor(r() * 16) * 30;
          insertRow(ctx, 'visits', {
            id: newId(), office_id: o.id, liaison_id: o.owner_id, status: 'planned', starts_at: at(ahead, start), ends_at: at(ahead, start + 30), pinned: 0,
            purpose: 'relationship', seen: '[]', left_items: '[]', notes: null, reason: null, sequence: 0, created_at: now, updated_at: now, deleted_at: null,
          });
          visits++;
        }
        if (r() < 0.1) {
          insertRow(ctx, 'tasks', {
            id: newId(), office_id: o.id, visit_id: null, owner_id: o.owner_id, title: TASKS[Math.floor(r() * TASKS.length)]!,
            due_date: dayOf(todayMs + Math.floor((r() - 0.4) * 20) * 86_400_000), done_at: null, notes: null, created_at: now, updated_at: now, deleted_at: null,
          });
          tasks++;
        }
      }
    });
    checkpointIfLarge(ctx);
    progress(Math.min(i + 5000, offices.length));
  }
  return { visits, touches, tasks };
}
