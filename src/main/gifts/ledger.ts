import { createHash } from 'node:crypto';
import type { LedgerVerdict } from '../../shared/domain/gift';
import { canonical, linkHash, verifyChain, type ChainFinding, type LedgerRow } from '../../shared/gifts/ledger';
import { newId } from '../../shared/ids';
import type { Ctx } from '../context';
import { TABLES } from '../db/tables';
import { insertRow } from '../db/writePath';

/** The tables whose records the ledger chains. */
export const LEDGERED = ['gift_entries', 'gift_overrides', 'gift_repayments', 'gift_receipts', 'patient_rewards'] as const;
export type LedgeredTable = (typeof LEDGERED)[number];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * This install's chain. Local (in `meta`, like "me"): each device keeps its own chain, since two
 * devices appending offline to one chain would fork it.
 */
function chainId(ctx: Ctx): string {
  const key = 'ledger_chain';
  const found = ctx.store.first(ctx.store.q.selectFrom('meta').select('value').where('key', '=', key));
  if (found) return found.value;
  const id = newId();
  ctx.store.run(ctx.store.q.insertInto('meta').values({ key, value: id }));
  return id;
}

/** A share as part of its entry's text: its columns in the registry's order. */
const shareCells = (s: Record<string, unknown>) => TABLES.gift_shares.columns.map((c) => [c, s[c] ?? null] as const);

/** A record as the ledger hashes it: its row, and for a gift entry its shares (by id). */
function recordText(ctx: Ctx, table: string, id: string): string | null {
  const spec = TABLES[table as LedgeredTable];
  if (!spec) return null;
  const row = ctx.store.prepare(`SELECT ${spec.columns.join(', ')} FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) return null;
  if (table !== 'gift_entries') return canonical(spec.columns, row);
  const shares = ctx.store.prepare(`SELECT ${TABLES.gift_shares.columns.join(', ')} FROM gift_shares WHERE entry_id = ? ORDER BY id`).all(id) as Record<string, unknown>[];
  return canonical(spec.columns, row, shares.map(shareCells));
}

/**
 * Every chained record's hash as stored now, keyed "<table> <id>", in one pass per table (an entry's
 * shares merged in by a second ordered pass): a record at a time was ten times slower at 100,000.
 */
function allRecordHashes(ctx: Ctx): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of LEDGERED) {
    const cols = TABLES[table].columns;
    if (table !== 'gift_entries') {
      for (const row of ctx.store.sqlite.prepare(`SELECT ${cols.join(', ')} FROM ${table}`).iterate() as Iterable<Record<string, unknown>>) {
        out.set(`${table} ${row.id as string}`, sha256(canonical(cols, row)));
      }
      continue;
    }
    const shareCols = TABLES.gift_shares.columns;
    const shares = (ctx.store.sqlite.prepare(`SELECT ${shareCols.join(', ')} FROM gift_shares ORDER BY entry_id, id`).iterate() as IterableIterator<Record<string, unknown>>)[Symbol.iterator]();
    let share = shares.next();
    // Both in SQLite's binary order, which for these ASCII ids is JS's string order.
    for (const row of ctx.store.sqlite.prepare(`SELECT ${cols.join(', ')} FROM gift_entries ORDER BY id`).iterate() as Iterable<Record<string, unknown>>) {
      const id = row.id as string;
      while (!share.done && (share.value.entry_id as string) < id) share = shares.next();
      const children: (readonly [string, unknown])[][] = [];
      while (!share.done && share.value.entry_id === id) {
        children.push(shareCells(share.value));
        share = shares.next();
      }
      out.set(`gift_entries ${id}`, sha256(canonical(cols, row, children)));
    }
    shares.return?.();
  }
  return out;
}

/** Appends a record to this device's chain; call inside the transaction that wrote the record. */
export function appendLedger(ctx: Ctx, table: LedgeredTable, id: string): void {
  const text = recordText(ctx, table, id);
  if (text === null) throw new Error(`ledger: ${table} ${id} is not there to chain`);
  const chain = chainId(ctx);
  const last = ctx.store.first(ctx.store.q.selectFrom('ledger').select(['seq', 'hash']).where('chain', '=', chain).orderBy('seq', 'desc').limit(1));
  const link = { chain, seq: (last?.seq ?? 0) + 1, record_table: table, record_id: id, record_hash: sha256(text), prev_hash: last?.hash ?? null };
  insertRow(ctx, 'ledger', { id: newId(), ...link, hash: linkHash(sha256, link), created_at: ctx.now() });
}

/** This device's chain's latest hash: what every compliance report prints. */
export function ledgerHead(ctx: Ctx): string | null {
  const chain = chainId(ctx);
  return ctx.store.first(ctx.store.q.selectFrom('ledger').select('hash').where('chain', '=', chain).orderBy('seq', 'desc').limit(1))?.hash ?? null;
}

function describe(ctx: Ctx, table: string, id: string): string {
  if (table === 'gift_entries') {
    const e = ctx.store.sqlite.prepare(`SELECT day, description FROM gift_entries WHERE id = ?`).get(id) as { day: string; description: string } | undefined;
    return e ? `gift entry “${e.description}” of ${e.day}` : `gift entry ${id}`;
  }
  const noun = TABLES[table as LedgeredTable]?.noun ?? table;
  return `${noun} ${id}`;
}

/** Walks every chain this file has and says whether each is intact, broken (and where) or incomplete. */
export function verifyLedger(ctx: Ctx): LedgerVerdict {
  const verdict = checkLedger(ctx);
  rememberVerification(ctx, verdict);
  return verdict;
}

function checkLedger(ctx: Ctx): LedgerVerdict {
  const mine = chainId(ctx);
  const rows = ctx.store.sqlite.prepare(`SELECT id, chain, seq, record_table, record_id, record_hash, prev_hash, hash FROM ledger ORDER BY chain, seq`).all() as LedgerRow[];
  const byChain = new Map<string, LedgerRow[]>();
  for (const r of rows) {
    let list = byChain.get(r.chain);
    if (!list) byChain.set(r.chain, (list = []));
    list.push(r);
  }
  const hashes = allRecordHashes(ctx);
  const recordHash = (table: string, id: string) => hashes.get(`${table} ${id}`) ?? null;
  const findings: (ChainFinding & { mine: boolean })[] = [];
  for (const [chain, list] of byChain) {
    findings.push({ ...verifyChain(list, sha256, recordHash, { mine: chain === mine, describe: (t, i) => describe(ctx, t, i) }), mine: chain === mine });
  }
  // Records in the chained tables that no chain names: written around the app (or a pull still arriving).
  const unchained = LEDGERED.flatMap((t) =>
    (ctx.store.sqlite.prepare(`SELECT id FROM ${t} WHERE id NOT IN (SELECT record_id FROM ledger WHERE record_table = ?) LIMIT 50`).all(t) as { id: string }[]).map((r) => ({ t, id: r.id })),
  );
  // One written here is not "still arriving": this device chains every record it writes in the same
  // transaction, so its ledger row was removed (deleting the last rows of a chain leaves no gap).
  // The change log says which were written here; one pass over it, and only when something is unchained.
  const local = unchained.length
    ? new Set(
        (ctx.store.sqlite.prepare(`SELECT tbl || ' ' || row_id AS k FROM changes WHERE col = '*' AND source = 'local' AND row_id IN (${unchained.map(() => '?').join(', ')})`).all(...unchained.map((u) => u.id)) as { k: string }[]).map(
          (r) => r.k,
        ),
      )
    : new Set<string>();
  const removed = unchained.find((u) => local.has(`${u.t} ${u.id}`));
  findings.sort((a, b) => Number(b.mine) - Number(a.mine) || a.chain.localeCompare(b.chain));
  const head = findings.find((f) => f.mine)?.head ?? null;
  const chains = findings.map((f) => ({ chain: f.chain, mine: f.mine, records: f.records, head: f.head, state: f.state, problem: f.problem }));
  const broken = findings.find((f) => f.state === 'broken');
  if (broken) return { state: 'broken', records: rows.length, head, chains, message: `The ledger is broken. ${broken.problem}.` };
  if (removed) {
    return { state: 'broken', records: rows.length, head, chains, message: `The ledger is broken. The ${describe(ctx, removed.t, removed.id)} was written on this device but is in no chain: its ledger row was removed.` };
  }
  if (unchained.length > 0) {
    const u = unchained[0]!;
    return { state: 'incomplete', records: rows.length, head, chains, message: `The ledger is incomplete: ${describe(ctx, u.t, u.id)} is in no device's chain yet (it may still be arriving from another device).` };
  }
  const incomplete = findings.find((f) => f.state === 'incomplete');
  if (incomplete) return { state: 'incomplete', records: rows.length, head, chains, message: `The ledger is incomplete: ${incomplete.problem}. Nothing found was changed.` };
  if (rows.length === 0) return { state: 'empty', records: 0, head, chains, message: 'The ledger has no records yet: nothing has been logged.' };
  return { state: 'intact', records: rows.length, head, chains, message: `The ledger is intact: ${rows.length.toLocaleString('en-US')} record${rows.length === 1 ? '' : 's'} checked, none changed.` };
}

export interface LastVerification {
  at: string;
  state: LedgerVerdict['state'];
  message: string;
  head: string | null;
}

const VERIFIED = 'ledger_verified';

/** Local, like the chain id: what this device last found, for reports to print beside the head. */
function rememberVerification(ctx: Ctx, v: LedgerVerdict): void {
  const value = JSON.stringify({ at: ctx.now(), state: v.state, message: v.message, head: v.head } satisfies LastVerification);
  ctx.store.run(ctx.store.q.insertInto('meta').values({ key: VERIFIED, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
}

export function lastVerification(ctx: Ctx): LastVerification | null {
  const row = ctx.store.first(ctx.store.q.selectFrom('meta').select('value').where('key', '=', VERIFIED));
  return row ? (JSON.parse(row.value) as LastVerification) : null;
}
