import { limitFor, type YearLimit } from './limits';
import type { RecipientKind } from './allocation';

export const ENTRY_KINDS = ['meal', 'gift', 'educational', 'event', 'thank_you_note', 'cash_equivalent', 'other'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
const MEALS: ReadonlySet<EntryKind> = new Set(['meal']);

export interface PracticePolicy {
  /** at this share of a limit, warn (default 0.8) */
  warnAt: number;
  /** the most one entry may cost in all; null: no cap */
  perOccasionCents: number | null;
  /** the most one person's share of a meal may be; null: no cap */
  perPersonMealCents: number | null;
  /** kinds the practice does not allow at all (cash equivalents are always refused) */
  forbiddenKinds: readonly EntryKind[];
  /** the most a staff member (or a clinician who is not a physician) may receive in a year; null: no cap */
  staffPerYearCents: number | null;
}

export const DEFAULT_POLICY: PracticePolicy = { warnAt: 0.8, perOccasionCents: null, perPersonMealCents: null, forbiddenKinds: [], staffPerYearCents: null };

export interface ProposedEntry {
  kind: EntryKind;
  /** YYYY-MM-DD: the calendar year it counts in */
  date: string;
  totalCents: number;
  /** each named recipient's share (allocation.ts) */
  shares: readonly { personId: string; kind: RecipientKind; cents: number }[];
}

/** What each person already received this calendar year, in cents (their shares, across offices). */
export type YearToDate = ReadonlyMap<string, number>;

export type Verdict = 'ok' | 'warning' | 'over' | 'forbidden';
const SEVERITY: Record<Verdict, number> = { ok: 0, warning: 1, over: 2, forbidden: 3 };

export interface RecipientCheck {
  personId: string;
  verdict: Verdict;
  /** the rule that decided it, in words, and where it comes from */
  rule: string;
  source: string;
  limitCents: number | null;
  spentCents: number;
  thisCents: number;
  /** what is left of the limit after this entry (negative when over); null without a limit */
  remainingCents: number | null;
  /** a limit year stood in for a missing one, and so on */
  note: string | null;
}

const POLICY = 'Practice policy';
const CASH = { rule: 'Cash and cash equivalents (gift cards) are never allowed', source: '42 CFR 411.357(k); OIG policy on nominal value' };

/**
 * The check before saving, offline: per recipient, whether this entry keeps them within the law's
 * yearly limit and the practice's own rules — ok, warning (at or past the warning share), over, or
 * forbidden (no override) — with the numbers and the rule's source. The worst rule decides.
 */
export function checkEntry(entry: ProposedEntry, ytd: YearToDate, limits: readonly YearLimit[], policy: PracticePolicy = DEFAULT_POLICY): RecipientCheck[] {
  const year = Number(entry.date.slice(0, 4));
  return entry.shares.map((s) => {
    const spent = ytd.get(s.personId) ?? 0;
    const base = { personId: s.personId, spentCents: spent, thisCents: s.cents, note: null as string | null };
    const found: RecipientCheck[] = [];
    if (entry.kind === 'cash_equivalent') found.push({ ...base, verdict: 'forbidden', ...CASH, limitCents: null, remainingCents: null });
    if (policy.forbiddenKinds.includes(entry.kind)) {
      found.push({ ...base, verdict: 'forbidden', rule: 'The practice does not allow this kind of entry', source: POLICY, limitCents: null, remainingCents: null });
    }
    if (entry.kind === 'thank_you_note') return worst(found, { ...base, verdict: 'ok', rule: 'A note has no value', source: '—', limitCents: null, remainingCents: null });
    if (s.kind === 'physician') {
      const limit = limitFor(limits, 'stark_nonmonetary', year);
      if (limit) found.push(against(base, limit.cents, policy.warnAt, `Stark non-monetary compensation, ${limit.year} yearly limit per physician`, limit.source, limit.note));
      // Before the earliest figure known: not "no limit" (there was one), but unknown here.
      else found.push({ ...base, verdict: 'warning', rule: `No Stark figure for ${year} is known: add it in Settings → Compliance limits`, source: 'Compliance limits', limitCents: null, remainingCents: null });
    } else if (policy.staffPerYearCents !== null) {
      found.push(against(base, policy.staffPerYearCents, policy.warnAt, 'The practice’s yearly limit for staff', POLICY, null));
    }
    if (policy.perOccasionCents !== null && entry.totalCents > policy.perOccasionCents) {
      found.push({ ...base, verdict: 'over', rule: 'Over the practice’s cap for one occasion', source: POLICY, limitCents: policy.perOccasionCents, remainingCents: policy.perOccasionCents - entry.totalCents });
    }
    if (MEALS.has(entry.kind) && policy.perPersonMealCents !== null && s.cents > policy.perPersonMealCents) {
      found.push({ ...base, verdict: 'over', rule: 'Over the practice’s cap per person for a meal', source: POLICY, limitCents: policy.perPersonMealCents, remainingCents: policy.perPersonMealCents - s.cents });
    }
    return worst(found, { ...base, verdict: 'ok', rule: 'No limit applies', source: '—', limitCents: null, remainingCents: null });
  });
}

function against(base: Pick<RecipientCheck, 'personId' | 'spentCents' | 'thisCents'>, limit: number, warnAt: number, rule: string, source: string, note: string | null): RecipientCheck {
  const after = base.spentCents + base.thisCents;
  const verdict: Verdict = after > limit ? 'over' : after >= warnAt * limit ? 'warning' : 'ok';
  return { ...base, verdict, rule, source, limitCents: limit, remainingCents: limit - after, note };
}

/** The most severe finding; with none, the fallback. Among equals, the first found (the law before policy). */
function worst(found: RecipientCheck[], fallback: RecipientCheck): RecipientCheck {
  let w: RecipientCheck | null = null;
  for (const f of found) if (!w || SEVERITY[f.verdict] > SEVERITY[w.verdict]) w = f;
  return w ?? fallback;
}
