/**
 * The audit ledger's rules, pure: each compliance record (gift entry with its shares, override,
 * repayment, receipt, patient reward) is hashed as canonical text, and each ledger row carries the
 * hash of the row before it in its device's chain. Changing a stored record changes its hash;
 * changing a ledger row breaks its own hash or the next row's link; so verification names the first
 * record that no longer matches. Each device keeps its own chain (sync brings the others' rows): a
 * row whose predecessor has not arrived reads "incomplete", not "broken".
 *
 * The hash function is passed in (SHA-256 in the main process), so this file stays free of Node.
 */

export type HashFn = (text: string) => string;

export interface LedgerRow {
  id: string;
  chain: string;
  seq: number;
  record_table: string;
  record_id: string;
  record_hash: string;
  prev_hash: string | null;
  hash: string;
}

/**
 * A record as canonical text: its set columns in the registry's order, as JSON (stable across
 * devices). Empty (null) columns are left out, so a column a later migration adds (nullable, as any
 * column added to a ledgered table must be) changes no existing record's hash.
 */
export function canonical(columns: readonly string[], row: Record<string, unknown>, children?: readonly (readonly [string, unknown])[][]): string {
  const set = (pairs: readonly (readonly [string, unknown])[]) => pairs.filter(([, v]) => v !== null && v !== undefined);
  const own = set(columns.map((c) => [c, row[c]] as const));
  return JSON.stringify(children ? [own, children.map(set)] : own);
}

/** The link: everything a ledger row says, with the hash before it. */
export function linkHash(hash: HashFn, r: Omit<LedgerRow, 'id' | 'hash'>): string {
  return hash([r.chain, r.seq, r.record_table, r.record_id, r.record_hash, r.prev_hash ?? ''].join('\n'));
}

export type ChainState = 'intact' | 'broken' | 'incomplete';

export interface ChainFinding {
  chain: string;
  records: number;
  head: string | null;
  state: ChainState;
  problem: string | null;
  /** the ledger row and record that broke the chain */
  brokenAt: { seq: number; recordTable: string; recordId: string } | null;
}

/**
 * Checks one chain's rows (any order). `recordHash` recomputes a record's hash from what is stored
 * now, or answers null when the record is not here. For this device's own chain a missing record
 * breaks it; for another device's it may simply not have arrived yet.
 */
export function verifyChain(
  rows: readonly LedgerRow[],
  hash: HashFn,
  recordHash: (table: string, id: string) => string | null,
  opts: { mine: boolean; describe: (table: string, id: string) => string },
): ChainFinding {
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  const chain = sorted[0]?.chain ?? '';
  const base = { chain, records: sorted.length, head: sorted.at(-1)?.hash ?? null };
  const broken = (r: LedgerRow, problem: string): ChainFinding => ({
    ...base,
    state: 'broken',
    problem: `Record ${r.seq} (${opts.describe(r.record_table, r.record_id)}): ${problem}`,
    brokenAt: { seq: r.seq, recordTable: r.record_table, recordId: r.record_id },
  });
  let incomplete: string | null = null;
  let prev: LedgerRow | null = null;
  for (const r of sorted) {
    if (linkHash(hash, r) !== r.hash) return broken(r, 'its ledger row was changed after it was written');
    const expectedSeq = prev ? prev.seq + 1 : 1;
    if (r.seq !== expectedSeq) {
      // A gap: on this device nothing can remove a row, so its own chain with a gap was tampered with.
      if (opts.mine) return broken(r, `the ledger rows before it (from ${expectedSeq}) are missing`);
      incomplete ??= `records ${expectedSeq}–${r.seq - 1} of this chain have not arrived yet`;
    } else if (prev && r.prev_hash !== prev.hash) {
      return broken(r, 'it does not follow the record before it (the chain was rewritten)');
    } else if (!prev && r.prev_hash !== null) {
      return broken(r, 'the first record of a chain names a record before it');
    }
    const now = recordHash(r.record_table, r.record_id);
    if (now === null) {
      if (opts.mine) return broken(r, 'the record itself is missing');
      incomplete ??= `${opts.describe(r.record_table, r.record_id)} has not arrived yet`;
    } else if (now !== r.record_hash) {
      return broken(r, 'the record was changed after it was written');
    }
    prev = r;
  }
  return incomplete ? { ...base, state: 'incomplete', problem: incomplete, brokenAt: null } : { ...base, state: 'intact', problem: null, brokenAt: null };
}
