import { Temporal } from 'temporal-polyfill';
import type { Ctx } from '../../src/main/context';
import { insertRow } from '../../src/main/db/writePath';
import { statusOf } from '../../src/main/referrals/service';
import { thankYouDue } from '../../src/main/referrals/thankYou';
import type { ReferralsTable } from '../../src/main/db/schema';
import type { LostReason, SourceKind } from '../../src/shared/domain/referral';
import { newId } from '../../src/shared/ids';
import { dayOf, epochDay, systemZone } from '../../src/shared/visits/time';
import { checkpointIfLarge } from './checkpoint';
import { rng } from './generate';

/** The practice's service lines and their usual shares of its referrals. */
export const SERVICE_LINES = ['Sports medicine', 'Spine', 'Joint replacement', 'Physical therapy', 'Hand', 'Foot & ankle'] as const;
const LINE_WEIGHTS = [25, 22, 18, 15, 10, 10];
/** A referring office's specialty tilts what it sends: a podiatrist sends feet. */
const LINE_OF_SPECIALTY: Record<string, (typeof SERVICE_LINES)[number]> = {
  Orthopaedics: 'Joint replacement',
  'Sports medicine': 'Sports medicine',
  'Physical therapy': 'Physical therapy',
  Podiatry: 'Foot & ankle',
  Chiropractic: 'Spine',
  'Pain management': 'Spine',
  Neurology: 'Spine',
  Rheumatology: 'Hand',
  Geriatrics: 'Joint replacement',
};
const SOURCE_OF_KIND: Record<string, SourceKind> = {
  physician_office: 'physician_office',
  hospital: 'hospital',
  urgent_care: 'urgent_care',
  community_partner: 'community',
  other: 'other',
};
/** Fewer referrals in summer holidays and December, more in the autumn (January first). */
const SEASON = [1.0, 1.0, 1.08, 1.05, 1.0, 0.9, 0.8, 0.84, 1.05, 1.1, 1.0, 0.78];
/** Tier A offices are where the liaisons spend their time because they send the most. */
const TIER_WEIGHT: Record<string, number> = { A: 6, B: 3, C: 1.5, none: 1 };
const LOST_AFTER_CONTACT: readonly LostReason[] = ['insurance', 'insurance', 'insurance', 'insurance', 'chose_elsewhere', 'chose_elsewhere', 'chose_elsewhere', 'not_appropriate', 'not_appropriate', 'other'];
const LOST_AFTER_SCHEDULING: readonly LostReason[] = ['no_answer', 'no_answer', 'chose_elsewhere', 'chose_elsewhere', 'other'];
const OTHER_NOTES = ['Patient moved out of the area', 'Patient deferred surgery', 'Duplicate referral from another office'];
/** Share of all referrals the practice sends out to partner offices. */
const OUT_SHARE = 0.03;
/** Share of referring offices that are also partners the practice sends patients to. */
const PARTNER_SHARE = 0.03;
/** Share of the directory's (non-prospect) offices that have ever referred, before the skew decides how much. */
const REFERRING_SHARE = 0.5;

export interface ReferralSeedCounts {
  referrals: number;
  incoming: number;
  outgoing: number;
  referringOffices: number;
  partners: number;
  seen: number;
  lost: number;
  /** the offices made to fall in the last complete month (the month judged) */
  atRisk: string[];
  /** the first and last day of the history */
  from: string;
  to: string;
}

interface Office {
  id: string;
  kind: string;
  stage: string;
  tier: string | null;
  owner_id: string | null;
  specialties: string;
}

/** One referring office's history: its rank in the skew, when it referred, its trend, its habits. */
interface Profile {
  office: Office;
  physicians: string[];
  weight: number;
  /** months (index into the history) it referred from and until, both included */
  first: number;
  last: number;
  /** growth per year, as a rate: 0.2 grows a fifth a year */
  trend: number;
  line: number;
  /** -1 (loses patients, slow notes) to 1 (a smooth pipeline) */
  quality: number;
  source: SourceKind;
  atRisk: boolean;
}

const DAY_MS = 86_400_000;

/** The exponent that makes the top fifth of `n` ranks hold `share` of the weight 1/(rank + q)^s. */
function skewExponent(n: number, q: number, share: number): number {
  const top = Math.max(1, Math.round(n / 5));
  const shareAt = (s: number) => {
    let head = 0;
    let all = 0;
    for (let k = 1; k <= n; k++) {
      const w = 1 / (k + q) ** s;
      all += w;
      if (k <= top) head += w;
    }
    return head / all;
  };
  let [lo, hi] = [0.2, 4];
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (shareAt(mid) < share) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * `count` referrals over the `years` years ending today, as a practice's referral report would
 * show them: incoming from a Zipf-like minority of the directory's offices (the top fifth of
 * referring offices send about 80%, a handful send hundreds a year; prospects never), with
 * seasonal dips in summer and December, each office growing, declining or flat, new offices
 * starting in the last year and dormant ones having stopped; a few sizeable offices fell by more
 * than half in the last complete month (at risk). Each goes through the pipeline a practice
 * sees: most contacted in a day or two, scheduled, a first appointment 3–20 days after arriving,
 * about 80% seen, about 70% of those with a consult note sent back within 10 days, the rest lost
 * at a step with its reason; the newest are still on their way. The referring physician is one
 * of the office's own when it has any; patient and online referrals name none. About 3% go out
 * to partner offices.
 *
 * Rows are built here rather than passed through insertReferral (which parses each input and
 * re-reads its office and physician, two million times over) but by the same rules: liaison = the office's owner, dates in order with
 * nothing but an appointment after today, status by statusOf, codes like "RX-48213", never a
 * name. Each goes through the one write path (insertRow), so its change record exists and the
 * triggers keep the monthly counts. Written in date order, 10,000 to a transaction.
 * Deterministic for a seed (ids and times of writing aside).
 */
export function insertReferralHistory(ctx: Ctx, count: number, seed: number, opts: { years?: number; progress?: (done: number) => void } = {}): ReferralSeedCounts {
  const r = rng(seed + 3);
  const next = r.next;
  const db = ctx.store.sqlite;
  const today = dayOf(ctx.now(), systemZone());
  const todayN = epochDay(today);
  const years = opts.years ?? 5;
  // Five years ending today: from the day after this date five years ago (a 29th of February falls back to the 28th).
  const startDay = Temporal.PlainDate.from(today).subtract({ years }).add({ days: 1 }).toString();
  const startN = epochDay(startDay);
  const counts: ReferralSeedCounts = { referrals: 0, incoming: 0, outgoing: 0, referringOffices: 0, partners: 0, seen: 0, lost: 0, atRisk: [], from: startDay, to: today };
  if (count <= 0) return counts;

  // The months of the history, oldest first, each with the days of it inside the window.
  const months: { month: string; lo: number; hi: number; fraction: number; season: number }[] = [];
  for (let k = Number(startDay.slice(0, 4)) * 12 + Number(startDay.slice(5, 7)) - 1; k <= Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1; k++) {
    const [y, m0] = [Math.floor(k / 12), k % 12];
    const first = Date.UTC(y, m0, 1) / DAY_MS;
    const last = Date.UTC(y, m0 + 1, 1) / DAY_MS - 1;
    const lo = Math.max(first, startN);
    const hi = Math.min(last, todayN);
    months.push({ month: `${y}-${String(m0 + 1).padStart(2, '0')}`, lo, hi, fraction: (hi - lo + 1) / (last - first + 1), season: SEASON[m0]! });
  }
  const M = months.length;
  // The month the at-risk rule judges: the last complete one.
  const judged = M - 2;

  const offices = db.prepare("SELECT id, kind, stage, tier, owner_id, specialties FROM offices WHERE deleted_at IS NULL AND archived_at IS NULL ORDER BY rowid").all() as Office[];
  const physiciansOf = new Map<string, string[]>();
  for (const p of db.prepare("SELECT id, office_id FROM people WHERE kind = 'physician' AND deleted_at IS NULL AND archived_at IS NULL ORDER BY rowid").iterate() as IterableIterator<{ id: string; office_id: string }>) {
    let list = physiciansOf.get(p.office_id);
    if (!list) physiciansOf.set(p.office_id, (list = []));
    list.push(p.id);
  }

  // Who refers, most first: a weighted shuffle by tier (Efraimidis–Spirakis), so A offices tend to rank high.
  const candidates = offices.filter((o) => o.stage !== 'prospect');
  const ranked = candidates
    .map((o) => ({ o, key: next() ** (1 / (TIER_WEIGHT[o.tier ?? 'none'] ?? 1)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, Math.max(Math.min(candidates.length, 5), Math.round(candidates.length * REFERRING_SHARE)))
    .map((x) => x.o);
  const R = ranked.length;
  if (R === 0) return counts;
  // Zipf–Mandelbrot weights, the exponent solved so the top fifth holds 80% at any size; the offset
  // flattens the very top, so at 20,000 referring offices the busiest sends ~0.3%, not 7%.
  const q = R / 200;
  const s = skewExponent(R, q, 0.8);
  const profiles: Profile[] = ranked.map((office, k) => {
    const roll = next();
    const trend = roll < 0.3 ? 0.05 + next() * 0.3 : roll < 0.6 ? -(0.05 + next() * 0.3) : (next() - 0.5) * 0.1;
    let first = 0;
    let last = M - 1;
    if (office.stage === 'new') first = Math.max(0, M - 3 - Math.floor(next() * 12));
    else if (office.stage === 'dormant') last = Math.max(0, M - 4 - Math.floor(next() * 18));
    else if (next() < 0.15) first = Math.floor(next() * (M - 12));
    const specialty = (JSON.parse(office.specialties) as string[])[0];
    const tilt = specialty ? LINE_OF_SPECIALTY[specialty] : undefined;
    return {
      office,
      physicians: physiciansOf.get(office.id) ?? [],
      weight: 1 / (k + 1 + q) ** s,
      first,
      last,
      trend,
      line: tilt ? SERVICE_LINES.indexOf(tilt) : Math.floor(next() * SERVICE_LINES.length),
      quality: next() * 2 - 1,
      source: SOURCE_OF_KIND[office.kind] ?? 'other',
      atRisk: false,
    };
  });
  const intensity = (p: Profile, m: number) => {
    if (m < p.first || m > p.last) return 0;
    const mo = months[m]!;
    return p.weight * mo.season * mo.fraction * Math.exp((p.trend * (m - M / 2)) / 12) * (p.atRisk && m > judged ? 0.3 : 1);
  };

  // At risk: sizeable, steady offices among the top twentieth, referring through the trailing months.
  const nOut = R >= 3 ? Math.round(count * OUT_SHARE) : 0;
  const nIn = count - nOut;
  if (judged >= 7) {
    const total = profiles.reduce((a, p) => a + p.weight, 0);
    const perMonth = (p: Profile) => (p.weight / total) * (nIn / M);
    const want = Math.max(3, Math.round(R / 1500));
    for (const p of profiles.slice(0, Math.max(want, Math.ceil(R / 20)))) {
      if (counts.atRisk.length >= want) break;
      if (p.first <= judged - 6 && p.last === M - 1 && perMonth(p) * Math.exp((p.trend * (judged - M / 2)) / 12) >= 4) {
        p.atRisk = true;
        counts.atRisk.push(p.office.id);
      }
    }
  }

  // How many each office sent each month: nIn draws over the offices × months by intensity (cells month-major).
  const cumulative = new Float64Array(R * M);
  let sum = 0;
  for (let m = 0; m < M; m++) for (let i = 0; i < R; i++) cumulative[m * R + i] = sum += intensity(profiles[i]!, m);
  const cells = new Int32Array(R * M);
  const draw = () => {
    const x = next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  for (let k = 0; k < nIn; k++) cells[draw()]!++;
  // The judged month of an at-risk office: well under half its trailing average, the rest drawn again elsewhere.
  let removed = 0;
  for (let i = 0; i < R; i++) {
    if (!profiles[i]!.atRisk) continue;
    let trailing = 0;
    for (let m = judged - 6; m < judged; m++) trailing += cells[m * R + i]!;
    const keep = Math.floor((trailing / 6) * (0.1 + next() * 0.3));
    const cell = judged * R + i;
    if (cells[cell]! > keep) {
      removed += cells[cell]! - keep;
      cells[cell] = keep;
    }
  }
  while (removed > 0) {
    const c = draw();
    const p = profiles[c % R]!;
    if (p.atRisk && Math.floor(c / R) >= judged) continue;
    cells[c]!++;
    removed--;
  }

  // Partners: physician offices among the busier referrers, which the practice sends patients to.
  const partners = profiles.filter((p) => p.source === 'physician_office' && p.physicians.length > 0).slice(0, Math.max(3, Math.round(R * PARTNER_SHARE)));
  const outCells = new Int32Array(partners.length * M);
  if (partners.length > 0 && nOut > 0) {
    const outCum = new Float64Array(partners.length * M);
    let outSum = 0;
    for (let m = 0; m < M; m++) for (let j = 0; j < partners.length; j++) outCum[m * partners.length + j] = outSum += (1 / (j + 2)) * months[m]!.season * months[m]!.fraction;
    for (let k = 0; k < nOut; k++) {
      const x = next() * outSum;
      let lo = 0;
      let hi = outCum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (outCum[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      outCells[lo]!++;
    }
  }

  // Calendar days as text, once: two million rows each name up to seven of them.
  const lastN = todayN + 60;
  const days: string[] = [];
  for (let n = startN; n <= lastN; n++) days.push(new Date(n * DAY_MS).toISOString().slice(0, 10));
  const day = (n: number) => days[n - startN]!;
  const weekend = (n: number) => {
    const dow = (n + 4) % 7; // 1970-01-01 was a Thursday
    return dow === 0 || dow === 6;
  };
  const lineCumulative: number[][] = SERVICE_LINES.map((_, favoured) => {
    let acc = 0;
    return LINE_WEIGHTS.map((w, k) => (acc += k === favoured ? w * 3 : w));
  });
  const pickLine = (favoured: number) => {
    const c = lineCumulative[favoured]!;
    const x = next() * c[c.length - 1]!;
    let k = 0;
    while (c[k]! <= x) k++;
    return SERVICE_LINES[k]!;
  };
  /** An office's physicians refer unevenly too: the first sends the most. */
  const pickPhysician = (list: string[]) => {
    if (list.length === 1) return list[0]!;
    const x = next() * (list.length === 2 ? 1.5 : 1.5 + 1 / 3);
    return list[x < 1 ? 0 : x < 1.5 || list.length === 2 ? 1 : 2 + Math.floor(next() * (list.length - 2))]!;
  };
  const code = () => (next() < 0.96 ? `RX-${10_000 + Math.floor(next() * 90_000)}` : null);
  const stamp = (n: number) => `${day(Math.min(n, todayN))}T${String(13 + Math.floor(next() * 9)).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}:00.000Z`;
  const dayIn = (m: number, weekdays: boolean) => {
    const { lo, hi } = months[m]!;
    let n = lo + Math.floor(next() * (hi - lo + 1));
    // Offices send on working days; a weekend draw tries again twice (the odd Saturday stays).
    for (let k = 0; k < 2 && weekdays && weekend(n); k++) n = lo + Math.floor(next() * (hi - lo + 1));
    return n;
  };

  const incoming = (p: Profile, n: number): ReferralsTable => {
    const o = p.office;
    const roll = next();
    // Patients and online forms name their doctor's office, not a physician.
    const source: SourceKind = roll < 0.03 ? 'patient' : roll < 0.05 ? 'online' : p.source;
    const row = blank('in', n, o, source, pickLine(p.line));
    if (p.physicians.length > 0 && source !== 'patient' && source !== 'online' && next() < 0.92) row.person_id = pickPhysician(p.physicians);
    const qy = p.quality;
    const fate = next();
    const noContact = 0.04 - 0.015 * qy;
    const lostContacted = noContact + 0.08 - 0.03 * qy;
    const lostScheduled = lostContacted + 0.05 - 0.02 * qy;
    let last = n;
    const x = next();
    const contacted = n + (x < 0.4 ? 0 : x < 0.75 ? 1 : x < 0.9 ? 2 : 3 + Math.floor(next() * 4));
    if (fate < noContact) {
      const lost = n + 4 + Math.floor(next() * 11);
      if (lost <= todayN) {
        row.lost_on = day(lost);
        row.lost_reason = 'no_answer';
        last = lost;
      }
    } else if (contacted <= todayN) {
      row.contacted_on = day((last = contacted));
      const scheduled = contacted + (next() < 0.6 ? 0 : next() < 0.6 ? 1 : 2 + Math.floor(next() * 2));
      if (fate < lostContacted) {
        const lost = contacted + Math.floor(next() * 8);
        if (lost <= todayN) {
          row.lost_on = day((last = lost));
          row.lost_reason = LOST_AFTER_CONTACT[Math.floor(next() * LOST_AFTER_CONTACT.length)]!;
        }
      } else if (scheduled <= todayN) {
        row.scheduled_on = day((last = scheduled));
        const appointment = Math.max(scheduled, n + 3 + Math.floor(17 * next() ** 1.6));
        row.appointment_on = day(appointment);
        if (fate < lostScheduled) {
          const lost = appointment + Math.floor(next() * 4);
          if (lost <= todayN) {
            row.lost_on = day((last = lost));
            row.lost_reason = LOST_AFTER_SCHEDULING[Math.floor(next() * LOST_AFTER_SCHEDULING.length)]!;
          }
        } else {
          // One in ten is rescheduled: seen later than the first appointment booked.
          const seen = appointment + (next() < 0.1 ? 1 + Math.floor(next() * 14) : 0);
          if (seen <= todayN) {
            row.seen_on = day((last = seen));
            const note = seen + 1 + Math.floor(9 * next() ** 2);
            if (next() < 0.7 + 0.15 * qy && note <= todayN) {
              row.note_sent_on = day((last = note));
              const closed = note + Math.floor(next() * 15);
              if (next() < 0.5 && closed <= todayN) row.closed_on = day((last = closed));
            }
          }
        }
      }
    }
    if (row.lost_reason === 'other') row.notes = OTHER_NOTES[Math.floor(next() * OTHER_NOTES.length)]!;
    return finish(row, n, last);
  };

  /** Sent to a partner: booked there for most, seen and their note back for most of those. */
  const outgoing = (p: Profile, n: number): ReferralsTable => {
    const row = blank('out', n, p.office, 'physician_office', next() < 0.5 ? 'Physical therapy' : pickLine(p.line));
    row.person_id = pickPhysician(p.physicians);
    let last = n;
    const appointment = n + 3 + Math.floor(next() * 13);
    if (next() < 0.75) {
      const contacted = n + Math.floor(next() * 2);
      if (contacted <= todayN) {
        row.contacted_on = day((last = contacted));
        row.appointment_on = day(appointment);
        if (next() < 0.85 && appointment <= todayN) {
          row.seen_on = day((last = appointment));
          const closed = appointment + 2 + Math.floor(next() * 13);
          if (next() < 0.7 && closed <= todayN) row.closed_on = day((last = closed));
        }
      }
    }
    return finish(row, n, last);
  };

  function blank(direction: 'in' | 'out', n: number, o: Office, source: SourceKind, line: string): ReferralsTable {
    return {
      id: '', direction, received_on: day(n), office_id: o.id, person_id: null, source_kind: source, service_line: line, referral_code: code(), source_id: null,
      status: 'received', contacted_on: null, scheduled_on: null, appointment_on: null, seen_on: null, note_sent_on: null, closed_on: null, lost_on: null,
      lost_reason: null, liaison_id: o.owner_id, notes: null, created_at: '', updated_at: '', deleted_at: null,
    };
  }
  function finish(row: ReferralsTable, received: number, last: number): ReferralsTable {
    row.status = statusOf(row);
    row.created_at = stamp(received);
    row.updated_at = last === received ? row.created_at : stamp(last);
    return row;
  }

  // Written month by month in date order, as a practice's system would have recorded them.
  const batch = 10_000;
  let pending: { n: number; row: ReferralsTable }[] = [];
  let written = 0;
  const flush = () => {
    const rows = pending;
    pending = [];
    ctx.store.tx(() => {
      for (const { row } of rows) {
        row.id = newId();
        insertRow(ctx, 'referrals', row);
        // Older referrals raise no thank-you task (it skips them itself; asking costs a settings read each).
        if (row.direction === 'in' && todayN - epochDay(row.received_on) <= 31) thankYouDue(ctx, row.office_id, row.received_on);
      }
    });
    checkpointIfLarge(ctx);
    written += rows.length;
    opts.progress?.(written);
  };
  const referring = new Set<string>();
  const partnered = new Set<string>();
  for (let m = 0; m < M; m++) {
    const month: { n: number; row: ReferralsTable }[] = [];
    for (let i = 0; i < R; i++) {
      const p = profiles[i]!;
      const weekdays = p.source !== 'urgent_care' && p.source !== 'hospital';
      for (let k = cells[m * R + i]!; k > 0; k--) {
        const n = dayIn(m, weekdays);
        month.push({ n, row: incoming(p, n) });
        referring.add(p.office.id);
      }
    }
    for (let j = 0; j < partners.length; j++) {
      for (let k = outCells[m * partners.length + j]!; k > 0; k--) {
        const n = dayIn(m, true);
        month.push({ n, row: outgoing(partners[j]!, n) });
        partnered.add(partners[j]!.office.id);
      }
    }
    month.sort((a, b) => a.n - b.n);
    for (const x of month) {
      pending.push(x);
      counts.referrals++;
      if (x.row.direction === 'in') {
        counts.incoming++;
        if (x.row.seen_on) counts.seen++;
        if (x.row.lost_on) counts.lost++;
      } else counts.outgoing++;
      if (pending.length >= batch) flush();
    }
  }
  if (pending.length > 0) flush();
  counts.referringOffices = referring.size;
  counts.partners = partnered.size;
  return counts;
}
