import path from 'node:path';
import type { Ctx } from '../../src/main/context';
import { RECEIPTS_DIR } from '../../src/main/gifts/receipts';
import { logReward, reverseReward } from '../../src/main/gifts/rewards';
import { logGift, reverseGift, yearToDate } from '../../src/main/gifts/service';
import { readLimits } from '../../src/main/gifts/settings';
import { physicianSpend, repay } from '../../src/main/gifts/spend';
import { MembersByName } from '../../src/main/team/byName';
import { GiftLog, Repay, RewardLog, type GiftLogInput } from '../../src/shared/domain/gift';
import { AppError } from '../../src/shared/errors';
import { limitFor } from '../../src/shared/gifts/limits';
import { rng } from './generate';

/** What a practice's gift history looks like: the kinds, their usual values (cents) and wording. */
const LUNCH_VENDORS = ['Panera Bread', 'Jason’s Deli', 'Chipotle catering', 'Jimmy John’s', 'Potbelly', 'Sweetgreen', 'Corner Deli', 'Firehouse Subs', 'Olive Garden catering'];
const RESTAURANTS = ['The Capital Grille', 'Bonefish Grill', 'Cameron’s American Bistro', 'Local steakhouse', 'Seasons 52', 'Café on Main'];
const GIFTS = [
  { d: 'Holiday cookie tray for the office', lo: 3000, hi: 6500, office: true },
  { d: 'Fruit basket for the office', lo: 4000, hi: 8500, office: true },
  { d: 'Coffee and pastries for the front desk', lo: 2500, hi: 4500, office: true },
  { d: 'Branded insulated tumbler', lo: 1500, hi: 3000, office: false },
  { d: 'Desk plant', lo: 2000, hi: 4000, office: false },
] as const;
const EDUCATIONAL = ['Anatomical knee model', 'Spine model for patient education', 'Textbook: Orthopaedic Knowledge Update', 'Shoulder anatomy chart set', 'Pocket guide to sports injuries'];
const EVENTS = ['Tickets to the CME dinner lecture', 'Minor league baseball tickets', 'Charity golf outing', 'Symphony tickets', 'Hospital foundation gala seat'];
const OTHER = ['Flowers for the office', 'Lunch-and-learn supplies', 'Umbrella with practice logo', 'Phone charger bank'];
const OVER = ['Sponsored conference registration', 'Sports tickets, premium seats', 'Dinner for the physician and spouse', 'Wine gift set'];
const OVERRIDES = [
  'Approved by the practice manager: conference fee agreed before the limit was checked; physician will repay the excess under the cure rule.',
  'Manager approval: tickets were bought for the whole year before this physician’s lunches were counted; excess to be repaid.',
  'Approved as an exception by the practice manager after review with the compliance officer; excess tracked for repayment.',
];
const REVERSALS = ['Logged twice by mistake', 'Lunch cancelled: the office postponed it', 'Entered for the wrong office', 'Amount entered wrong; the receipt shows it was not ours'];
const REWARDS = ['Coffee mug', 'Thank-you card and coffee gift', 'Branded water bottle', 'Box of chocolates', 'Tote bag'];
/** Visits' tiers say how much attention an office gets; gifts follow them. */
const TIER_WEIGHT: Record<string, number> = { A: 4, B: 2, C: 1, none: 1 };
const MANAGER = 'Morgan Ellis';

export interface GiftSeedCounts {
  entries: number;
  meals: number;
  thankYouNotes: number;
  shares: number;
  overrides: number;
  reversals: number;
  repayments: number;
  rewards: number;
  /** distinct people and physicians named in a share */
  recipients: number;
  physicians: number;
}

interface SeedPerson {
  id: string;
  kind: string;
  npi: string | null;
}

/**
 * `count` gift entries for the folder's offices, as a practice would have logged them over
 * `years` calendar years (this one so far, and the ones before): in-office lunches shared among
 * an office's physicians and staff (with people who are not in the directory), restaurant
 * dinners, gifts, educational items, event tickets and thank-you notes; busier offices (by tier)
 * get more. A few entries go over a physician's Stark limit and are saved under a manager's
 * override, and every other one of those physicians repays the excess under the cure rule (when the app allows it); about 1% of
 * entries are reversed; patient referral rewards (about one per hundred entries, by code).
 *
 * Every entry goes through the services a user's click does (logGift, reverseGift, repay,
 * logReward): the check before saving, the write path with its change log, the hash-chained
 * ledger. Each is logged by the office's liaison ("me" is set to them while their entries are
 * written, then put back), overrides by a practice manager. Entries for an office are logged in
 * date order (all of them day by day, as a practice appends them), so each check sees the history a user
 * would have seen. Deterministic for a seed (ids and times of writing aside); 2,000 entries per transaction.
 */
export function insertGiftHistory(ctx: Ctx, count: number, seed: number, opts: { years?: number; progress?: (done: number) => void } = {}): GiftSeedCounts {
  const r = rng(seed + 2);
  const years = opts.years ?? 3;
  const db = ctx.store.sqlite;
  const counts: GiftSeedCounts = { entries: 0, meals: 0, thankYouNotes: 0, shares: 0, overrides: 0, reversals: 0, repayments: 0, rewards: 0, recipients: 0, physicians: 0 };
  const offices = db.prepare('SELECT id, tier, owner_id FROM offices WHERE deleted_at IS NULL AND archived_at IS NULL ORDER BY rowid').all() as { id: string; tier: string | null; owner_id: string | null }[];
  const peopleOf = new Map<string, SeedPerson[]>();
  for (const p of db.prepare('SELECT id, office_id, kind, npi FROM people WHERE deleted_at IS NULL AND archived_at IS NULL ORDER BY rowid').iterate() as IterableIterator<SeedPerson & { office_id: string }>) {
    let list = peopleOf.get(p.office_id);
    if (!list) peopleOf.set(p.office_id, (list = []));
    list.push({ id: p.id, kind: p.kind, npi: p.npi });
  }
  const eligible = offices.filter((o) => (peopleOf.get(o.id)?.length ?? 0) > 0);
  if (count <= 0 || eligible.length === 0) return counts;

  // Which office each entry is for: weighted by tier, so A offices see about four times a C office's.
  const cumulative: number[] = [];
  let sum = 0;
  for (const o of eligible) cumulative.push((sum += TIER_WEIGHT[o.tier ?? 'none'] ?? 1));
  const perOffice = new Array<number>(eligible.length).fill(0);
  for (let k = 0; k < count; k++) {
    const x = r.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    perOffice[lo]!++;
  }

  const nowMs = Date.parse(ctx.now());
  const todayMs = Math.floor(nowMs / 86_400_000) * 86_400_000;
  const thisYear = new Date(todayMs).getUTCFullYear();
  const startMs = Date.UTC(thisYear - years + 1, 0, 1);
  const lastMs = todayMs - 86_400_000;
  const span = Math.max(1, Math.round((lastMs - startMs) / 86_400_000) + 1);
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  /** A working day in the range (a weekend moves to the Friday before, if the range has it). */
  const workDay = () => {
    let ms = startMs + Math.floor(r.next() * span) * 86_400_000;
    const dow = new Date(ms).getUTCDay();
    const back = dow === 6 ? 1 : dow === 0 ? 2 : 0;
    if (ms - back * 86_400_000 >= startMs) ms -= back * 86_400_000;
    return dayOf(ms);
  };
  const dollars = (lo: number, hi: number) => lo + Math.floor(r.next() * (hi - lo + 1));
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(r.next() * pool.length), 1)[0]!);
    return out;
  };

  const limits = readLimits(ctx);
  const starkLimit = (year: number) => limitFor(limits, 'stark_nonmonetary', year)?.cents ?? null;
  // No receipts are attached: where they would go, beside the database.
  const receiptsDir = path.join(path.dirname(db.name), RECEIPTS_DIR);
  const meKey = 'me';
  const meBefore = ctx.store.first(ctx.store.q.selectFrom('meta').select('value').where('key', '=', meKey))?.value ?? null;
  const actorBefore = ctx.changes.actor;
  /** Who logs the next entries: a local setting, as the first-start question would set it. */
  const actAs = (id: string | null) => {
    if (id) ctx.store.run(ctx.store.q.insertInto('meta').values({ key: meKey, value: id }).onConflict((oc) => oc.column('key').doUpdateSet({ value: id })));
    else ctx.store.run(ctx.store.q.deleteFrom('meta').where('key', '=', meKey));
    ctx.changes.actor = id;
  };
  const manager = ctx.store.tx(() => {
    const found = db.prepare("SELECT id FROM team_members WHERE role IN ('manager', 'admin') AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1").pluck().get() as string | undefined;
    return found ?? new MembersByName(ctx).findOrAdd(MANAGER, 'manager');
  });

  /** Logs one entry as `by`, or, when the check says it is over a limit, under the manager's override. */
  const log = (by: string | null, input: GiftLogInput, overrideReason: string | null) => {
    const parsed = GiftLog.parse(input);
    if (overrideReason === null) {
      try {
        return logGift(ctx, parsed, receiptsDir);
      } catch (e) {
        // The check refuses before anything is written, so the batch is untouched: a manager then approves it.
        if (!(e instanceof AppError) || e.issues?.[0]?.path[0] !== 'override') throw e;
        overrideReason = OVERRIDES[Math.floor(r.next() * OVERRIDES.length)]!;
      }
    }
    actAs(manager);
    try {
      counts.overrides++;
      return logGift(ctx, GiftLog.parse({ ...input, override: { reason: overrideReason } }), receiptsDir);
    } finally {
      actAs(by);
    }
  };

  const named = new Set<string>();
  const namedPhysicians = new Set<string>();
  /** Physicians at their year's limit: the practice stops naming them on anything but notes. */
  const capped = new Set<string>();
  const overTarget = Math.max(count >= 50 ? 1 : 0, Math.round(count * 0.002));
  const overEvery = overTarget > 0 ? count / overTarget : Infinity;
  let overDone = 0;
  let entryNo = 0;
  /** A thank-you note: no value, to one referring physician (or a staff member who smoothed referrals); always allowed. */
  const note = (officeId: string, to: SeedPerson[], day: string): { recipients: SeedPerson[]; input: GiftLogInput } => {
    const p = to[Math.floor(r.next() * to.length)]!;
    counts.thankYouNotes++;
    return {
      recipients: [p],
      input: {
        officeId, kind: 'thank_you_note', day, totalCents: 0, peopleSharing: 1, recipients: [{ personId: p.id }],
        description: r.next() < 0.7 ? 'Handwritten thank-you note for referrals' : 'Thank-you note for the first referral', vendor: null, inPerson: false,
      },
    };
  };
  // The entries in the order a practice logs them, day by day (each office's own in date order too):
  // appended as they happen, so a year's entries sit together in the file as they would in use.
  const plan: { j: number; day: string }[] = [];
  for (let j = 0; j < eligible.length; j++) for (let k = 0; k < perOffice[j]!; k++) plan.push({ j, day: workDay() });
  plan.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.j - b.j));
  const batch = 2000;
  /** who "me" is now (undefined: not set by this seed yet) */
  let as: string | null | undefined;
  try {
    for (let i = 0; i < plan.length; i += batch) {
      ctx.store.tx(() => {
        for (const { j, day } of plan.slice(i, i + batch)) {
          const o = eligible[j]!;
          const people = peopleOf.get(o.id)!;
          if (as !== o.owner_id) actAs((as = o.owner_id));
          entryNo++;
          const year = Number(day.slice(0, 4));
          const physicians = people.filter((p) => p.kind === 'physician' && !capped.has(`${p.id}:${year}`));
          const staff = people.filter((p) => p.kind !== 'physician');
          const wantOver = physicians.length > 0 && overDone < overTarget && entryNo >= (overDone + 0.5) * overEvery;
          const roll = r.next();
          let input: GiftLogInput;
          if (wantOver) {
            overDone++;
            const p = physicians[Math.floor(r.next() * physicians.length)]!;
            const limit = starkLimit(year);
            const spent = yearToDate(ctx, p, year).spent;
            // Over by $10 to a third of the limit: within the half the cure rule allows.
            const excess = 1000 + Math.floor(r.next() * ((limit ?? 60_000) / 3 - 1000));
            input = {
              officeId: o.id, kind: 'event', day, totalCents: Math.max(1, (limit ?? 50_000) - spent + excess), peopleSharing: 1, recipients: [{ personId: p.id }],
              description: OVER[Math.floor(r.next() * OVER.length)]!, vendor: null, inPerson: false,
            };
            log(o.owner_id, input, OVERRIDES[Math.floor(r.next() * OVERRIDES.length)]!);
            counts.entries++;
            counts.shares++;
            named.add(p.id);
            namedPhysicians.add(p.id);
            capped.add(`${p.id}:${year}`);
            // Every other one repays the excess within the window (the cure rule); the app refuses what it must.
            if (overDone % 2 === 1) {
              const cure = physicianSpend(ctx, p.id, year).cure;
              if (cure?.eligible && cure.deadline) {
                const by = dayOf(Math.min(Date.parse(day) + dollars(7, 45) * 86_400_000, Date.parse(cure.deadline), lastMs));
                if (by >= day) {
                  repay(ctx, Repay.parse({ personId: p.id, year, cents: cure.excessCents, repaidOn: by, note: 'Check received from the physician for the excess' }));
                  counts.repayments++;
                }
              }
            }
            continue;
          }
          let recipients: SeedPerson[];
          if (roll < 0.45) {
            // Lunch: most in the office, some at a restaurant.
            const inOffice = r.next() < 0.85;
            const docs = sample(physicians, inOffice ? dollars(2, 4) : dollars(1, 2));
            const namedStaff = inOffice ? staff.filter(() => r.next() < 0.6) : [];
            recipients = [...docs, ...namedStaff];
            if (recipients.length === 0) recipients = sample(people.filter((p) => p.kind !== 'physician' || !capped.has(`${p.id}:${year}`)), 1);
            if (recipients.length === 0) {
              // Everyone here is at the limit this year: a note instead.
              ({ recipients, input } = note(o.id, people, day));
            } else {
              const sharing = recipients.length + (inOffice ? dollars(1, 8) : 1);
              input = {
                officeId: o.id, kind: 'meal', place: inOffice ? 'in_office' : 'restaurant', day, totalCents: sharing * (inOffice ? dollars(1100, 2200) : dollars(3500, 8500)),
                peopleSharing: sharing, recipients: recipients.map((p) => ({ personId: p.id })),
                description: inOffice ? 'Lunch for the office' : 'Dinner with referring physicians', vendor: inOffice ? LUNCH_VENDORS[Math.floor(r.next() * LUNCH_VENDORS.length)]! : RESTAURANTS[Math.floor(r.next() * RESTAURANTS.length)]!,
                inPerson: inOffice ? r.next() < 0.9 : true,
              };
              counts.meals++;
            }
          } else if (roll < 0.65 || physicians.length === 0) {
            ({ recipients, input } = note(o.id, physicians.length > 0 ? physicians : people, day));
          } else if (roll < 0.8) {
            const g = GIFTS[Math.floor(r.next() * GIFTS.length)]!;
            recipients = g.office ? [...physicians, ...staff] : [physicians[Math.floor(r.next() * physicians.length)]!];
            input = {
              officeId: o.id, kind: 'gift', day, totalCents: dollars(g.lo, g.hi), peopleSharing: recipients.length + (g.office ? dollars(0, 4) : 0),
              recipients: recipients.map((p) => ({ personId: p.id })), description: g.d, vendor: null, inPerson: r.next() < 0.7,
            };
          } else if (roll < 0.89) {
            recipients = [physicians[Math.floor(r.next() * physicians.length)]!];
            input = {
              officeId: o.id, kind: 'educational', day, totalCents: dollars(3000, 12_000), peopleSharing: 1, recipients: [{ personId: recipients[0]!.id }],
              description: EDUCATIONAL[Math.floor(r.next() * EDUCATIONAL.length)]!, vendor: null, inPerson: r.next() < 0.5,
            };
          } else if (roll < 0.94) {
            recipients = sample(physicians, dollars(1, 2));
            // Shares the user set: the physicians' tickets cost more than the liaison's own.
            const each = dollars(4000, 15_000);
            input = {
              officeId: o.id, kind: 'event', day, totalCents: each * recipients.length + dollars(2000, 4000), peopleSharing: recipients.length + 1,
              recipients: recipients.map((p) => ({ personId: p.id, cents: each })), description: EVENTS[Math.floor(r.next() * EVENTS.length)]!, vendor: null, inPerson: false,
            };
          } else {
            recipients = r.next() < 0.5 ? [...physicians, ...staff] : [people[Math.floor(r.next() * people.length)]!];
            recipients = recipients.filter((p) => p.kind !== 'physician' || !capped.has(`${p.id}:${year}`));
            if (recipients.length === 0) ({ recipients, input } = note(o.id, people, day));
            else {
              input = {
                officeId: o.id, kind: 'other', day, totalCents: dollars(1500, 6000), peopleSharing: recipients.length, recipients: recipients.map((p) => ({ personId: p.id })),
                description: OTHER[Math.floor(r.next() * OTHER.length)]!, vendor: null, inPerson: r.next() < 0.5,
              };
            }
          }
          const { id, check } = log(o.owner_id, input, null);
          counts.entries++;
          counts.shares += recipients.length;
          for (const p of recipients) {
            named.add(p.id);
            if (p.kind === 'physician') namedPhysicians.add(p.id);
          }
          for (const c of check.checks) if (c.verdict === 'over') capped.add(`${c.personId}:${year}`);
          // About 1 in 100 is corrected later: a reversal, never an edit.
          if (input.kind !== 'thank_you_note' && r.next() < 0.012) {
            reverseGift(ctx, id, REVERSALS[Math.floor(r.next() * REVERSALS.length)]!);
            counts.reversals++;
          }
        }
      });
      opts.progress?.(counts.entries);
    }

    // Patient referral rewards: small thank-yous to a patient by code (never a name), under the OIG nominal limits.
    const rewardCount = Math.round(count / 100);
    const codes = Math.max(20, Math.round(rewardCount / 2));
    const days = Array.from({ length: rewardCount }, workDay).sort();
    ctx.store.tx(() => {
      actAs(null);
      for (const day of days) {
        const n = Math.floor(r.next() * codes);
        const referralCode = n % 5 === 0 ? `${String.fromCharCode(65 + (n % 26))}.${String.fromCharCode(65 + ((n * 7 + 3) % 26))}.` : `REF-${String(n).padStart(5, '0')}`;
        const input = RewardLog.parse({ referralCode, day, cents: dollars(500, 1500), description: REWARDS[Math.floor(r.next() * REWARDS.length)]! });
        try {
          const { id } = logReward(ctx, input);
          counts.rewards++;
          if (r.next() < 0.02) reverseReward(ctx, id, 'Given to the wrong patient code');
        } catch (e) {
          // Over the patient's yearly nominal value: refused before anything is written, as the app would.
          if (!(e instanceof AppError) || e.code !== 'invalid_input') throw e;
        }
      }
    });
  } finally {
    ctx.store.tx(() => actAs(meBefore));
    ctx.changes.actor = actorBefore;
  }
  counts.recipients = named.size;
  counts.physicians = namedPhysicians.size;
  return counts;
}
