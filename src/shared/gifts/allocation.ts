/**
 * Splitting a shared lunch or gift into per-person shares, in integer cents (issue 9: allocation).
 *
 * Every share is the total × the person's weight ÷ all weights, rounded down; the cents left over
 * go one each by largest remainder, and where remainders tie (an even split always ties) to named
 * physicians first, then other named people, then those not in the directory, each group in a
 * fixed order (by id), so the same entry always splits the same way whatever order the form lists
 * its people in. The shares always add up to the total exactly.
 */

export type RecipientKind = 'physician' | 'clinician' | 'staff';

export interface Recipient {
  id: string;
  kind: RecipientKind;
  /** a share set by the user, relative to the others (default 1: an equal split) */
  weight?: number;
}

export interface AllocationInput {
  totalCents: number;
  recipients: readonly Recipient[];
  /** people who shared it but are not in the directory (each weighs 1) */
  othersSharing: number;
}

export interface Allocation {
  /** cents per named recipient, by id */
  shares: Map<string, number>;
  /** cents of the people not in the directory, together */
  othersCents: number;
}

const RANK: Record<RecipientKind, number> = { physician: 0, clinician: 1, staff: 2 };

export function allocate({ totalCents, recipients, othersSharing }: AllocationInput): Allocation {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new RangeError(`A total of ${totalCents} cents`);
  if (!Number.isSafeInteger(othersSharing) || othersSharing < 0) throw new RangeError(`${othersSharing} others sharing`);
  const ids = new Set<string>();
  for (const r of recipients) {
    if (ids.has(r.id)) throw new RangeError(`${r.id} is listed twice`);
    ids.add(r.id);
    if (r.weight !== undefined && !(Number.isFinite(r.weight) && r.weight > 0)) throw new RangeError(`A share of ${r.weight} for ${r.id}`);
  }
  // One slot per person: the named ones in the fixed order, then one per person not in the directory.
  const named = [...recipients].sort((a, b) => RANK[a.kind] - RANK[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Weights to thousandths as integers, so every remainder is exact and ties are real ties.
  const weights = [...named.map((r) => Math.max(1, Math.round((r.weight ?? 1) * 1000))), ...Array.from({ length: othersSharing }, () => 1000)];
  const shares = new Map<string, number>();
  if (weights.length === 0) {
    if (totalCents > 0) throw new RangeError('Nobody to share it among');
    return { shares, othersCents: 0 };
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (totalCents * sum > Number.MAX_SAFE_INTEGER) throw new RangeError('That total is too large to split exactly');
  const floors = weights.map((w) => Math.floor((totalCents * w) / sum));
  const remainders = weights.map((w) => (totalCents * w) % sum);
  let left = totalCents - floors.reduce((a, b) => a + b, 0);
  // Largest remainder first; on a tie, the slot earlier in the fixed order.
  const order = weights.map((_, i) => i).sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  named.forEach((r, i) => shares.set(r.id, floors[i]!));
  const othersCents = floors.slice(named.length).reduce((a, b) => a + b, 0);
  return { shares, othersCents };
}
