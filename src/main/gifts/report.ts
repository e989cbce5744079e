import type { z } from 'zod';
import type { ComplianceReport, YearStatement } from '../../shared/domain/gift';
import { ENTRY_KIND_LABELS } from '../../shared/domain/gift';
import type { EntryKind } from '../../shared/gifts/check';
import { limitFor } from '../../shared/gifts/limits';
import { centsToDecimal } from '../../shared/money';
import type { Ctx } from '../context';
import { toCsv } from '../csv/toCsv';
import { lastVerification, ledgerHead, verifyLedger } from './ledger';
import { personName, requirePerson, yearToDate } from './service';
import { readLimits } from './settings';

type Report = z.output<typeof ComplianceReport>;
type PersonBits = { kind: string; first_name: string; last_name: string; credentials: string | null };
const kindOf = (k: string) => (k === 'physician' || k === 'clinician' ? k : 'staff');
const nameOf = (p: PersonBits) => personName({ ...p, kind: kindOf(p.kind) });

/**
 * Everything a compliance officer files for a date range: every entry with its allocation, every
 * override and repayment, patient rewards, each person's year against the limit, and the ledger's
 * latest hash, so a later rewrite of the chain shows against a report already filed.
 */
export function complianceReport(ctx: Ctx, from: string, to: string, opts: { verify?: boolean } = {}): Report {
  // Verifying walks every record ever chained (seconds at 100,000): a report prints the head and the last verification unless asked.
  const entries = ctx.store
    .read(
      `SELECT e.id, e.day, e.kind, e.description, e.vendor, e.total_cents, e.people_sharing, e.reverses, e.reason, o.name AS office_name, m.name AS logged_by
       FROM gift_entries e JOIN offices o ON o.id = e.office_id LEFT JOIN team_members m ON m.id = e.logged_by
       WHERE e.day BETWEEN ? AND ? ORDER BY e.day, e.created_at`,
    )
    .all(from, to) as { id: string; day: string; kind: EntryKind; description: string; vendor: string | null; total_cents: number; people_sharing: number; reverses: string | null; reason: string | null; office_name: string; logged_by: string | null }[];
  // The shares alone: each recipient's name is read once below, not once per share.
  const shares = ctx.store
    .read(`SELECT s.entry_id, s.person_id, s.person_kind, s.npi, s.cents FROM gift_entries e JOIN gift_shares s ON s.entry_id = e.id WHERE e.day BETWEEN ? AND ?`)
    .all(from, to) as { entry_id: string; person_id: string; person_kind: string; npi: string | null; cents: number }[];
  const overrides = ctx.store
    .read(
      `SELECT x.entry_id, e.day, m.name AS by_name, x.by_role, x.reason, x.self_declared FROM gift_overrides x JOIN gift_entries e ON e.id = x.entry_id
       LEFT JOIN team_members m ON m.id = x.by_id WHERE e.day BETWEEN ? AND ? ORDER BY e.day`,
    )
    .all(from, to) as { entry_id: string; day: string; by_name: string | null; by_role: string | null; reason: string; self_declared: number }[];
  const repayments = ctx.store
    .read(
      `SELECT r.year, r.cents, r.repaid_on, r.deadline, r.npi, p.kind, p.first_name, p.last_name, p.credentials FROM gift_repayments r JOIN people p ON p.id = r.person_id
       WHERE r.repaid_on BETWEEN ? AND ? ORDER BY r.repaid_on`,
    )
    .all(from, to) as ({ year: number; cents: number; repaid_on: string; deadline: string; npi: string | null } & PersonBits)[];
  const rewards = ctx.store.read('SELECT referral_code, day, cents, description FROM patient_rewards WHERE day BETWEEN ? AND ? ORDER BY day').all(from, to) as {
    referral_code: string; day: string; cents: number; description: string;
  }[];
  // Each person's whole calendar year(s) the range touches, against that year's limit.
  const y1 = Number(from.slice(0, 4));
  const y2 = Number(to.slice(0, 4));
  // Per physician, not per record: a physician's shares and repayments under every record with their
  // NPI add up (as the live check adds them), so one over the limit across two offices shows as over.
  const years = ctx.store
    .read(
      `WITH ids AS (SELECT DISTINCT coalesce(s.npi, s.person_id) AS who FROM gift_entries e JOIN gift_shares s ON s.entry_id = e.id WHERE e.day BETWEEN ? AND ?),
         t AS (SELECT coalesce(npi, person_id) AS who, year, sum(cents) AS spent, max(person_id) AS person_id FROM gift_shares
               WHERE year BETWEEN ? AND ? AND coalesce(npi, person_id) IN (SELECT who FROM ids) GROUP BY who, year),
         r AS (SELECT coalesce(npi, person_id) AS who, year, sum(cents) AS repaid FROM gift_repayments WHERE year BETWEEN ? AND ? GROUP BY who, year)
       SELECT t.person_id, t.year, t.spent - coalesce(r.repaid, 0) AS spent, p.kind, p.first_name, p.last_name, p.credentials, p.npi
       FROM t LEFT JOIN r ON r.who = t.who AND r.year = t.year JOIN people p ON p.id = t.person_id ORDER BY t.year, spent DESC`,
    )
    .all(from, to, y1, y2, y1, y2) as ({ person_id: string; year: number; spent: number; npi: string | null } & PersonBits)[];
  // Every recipient's name in one query (not a join per share: 79,000 shares in a year name 21,000 people).
  const ids = [...new Set(shares.map((s) => s.person_id))];
  const names = new Map<string, string>();
  for (const p of ctx.store.read('SELECT id, kind, first_name, last_name, credentials FROM people WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as ({ id: string } & PersonBits)[]) {
    names.set(p.id, nameOf(p));
  }
  const byEntry = new Map<string, Report['entries'][number]['shares']>();
  for (const s of shares) {
    // One whose person is gone is left out, as a join would.
    const name = names.get(s.person_id);
    if (name === undefined) continue;
    let list = byEntry.get(s.entry_id);
    if (!list) byEntry.set(s.entry_id, (list = []));
    list.push({ name, kind: s.person_kind, npi: s.npi, cents: s.cents });
  }
  const limits = readLimits(ctx);
  const starkFor = new Map<number, number | null>();
  for (let y = y1; y <= y2; y++) starkFor.set(y, limitFor(limits, 'stark_nonmonetary', y)?.cents ?? null);
  const ledger = opts.verify ? verifyLedger(ctx) : null;
  const head = ledger?.head ?? ledgerHead(ctx);
  const last = ledger ? null : lastVerification(ctx);
  return {
    from,
    to,
    generatedAt: ctx.now(),
    ledgerHead: head,
    ledgerState: ledger
      ? ledger.message
      : !last
        ? 'The ledger has not been verified on this device yet.'
        : `Last verified ${last.at.slice(0, 16).replace('T', ' ')} UTC: ${last.message}${last.head === head ? '' : ' Records have been added since.'}`,
    totals: {
      entries: entries.filter((e) => e.reverses === null).length,
      totalCents: entries.reduce((a, e) => a + e.total_cents, 0),
      overrides: overrides.length,
      repaymentsCents: repayments.reduce((a, r) => a + r.cents, 0),
      rewardsCents: rewards.reduce((a, r) => a + r.cents, 0),
    },
    entries: entries.map((e) => ({
      id: e.id,
      day: e.day,
      kind: e.kind,
      officeName: e.office_name,
      description: e.description,
      vendor: e.vendor,
      totalCents: e.total_cents,
      peopleSharing: e.people_sharing,
      loggedBy: e.logged_by,
      reverses: e.reverses,
      reason: e.reason,
      shares: byEntry.get(e.id) ?? [],
    })),
    overrides: overrides.map((o) => ({ entryId: o.entry_id, day: o.day, byName: o.by_name, byRole: o.by_role, reason: o.reason, selfDeclared: o.self_declared === 1 })),
    repayments: repayments.map((r) => ({ name: nameOf(r), npi: r.npi, year: r.year, cents: r.cents, repaidOn: r.repaid_on, deadline: r.deadline })),
    rewards: rewards.map((r) => ({ referralCode: r.referral_code, day: r.day, cents: r.cents, description: r.description })),
    physicians: years.map((y) => {
      const limit = kindOf(y.kind) === 'physician' ? (starkFor.get(y.year) ?? null) : null;
      return { personId: y.person_id, name: nameOf(y), npi: y.npi, year: y.year, spentCents: y.spent, limitCents: limit, over: limit !== null && y.spent > limit };
    }),
  };
}

/** The report as one CSV: a row per share (an entry with nobody named is one row), then overrides, repayments and rewards. */
export function complianceCsv(ctx: Ctx, from: string, to: string): { filename: string; csv: string } {
  const r = complianceReport(ctx, from, to);
  const headers = ['Section', 'Date', 'Kind', 'Office', 'Description', 'Vendor', 'Entry total', 'People sharing', 'Recipient', 'Recipient kind', 'NPI', 'Share', 'Logged by', 'Corrects entry', 'Entry id', 'Note'];
  const rows: unknown[][] = [];
  for (const e of r.entries) {
    const base = ['Entry', e.day, ENTRY_KIND_LABELS[e.kind], e.officeName, e.description, e.vendor ?? '', centsToDecimal(e.totalCents), e.peopleSharing];
    const tail = [e.loggedBy ?? '', e.reverses ?? '', e.id];
    const note = e.reverses ? `Correction: ${e.reason ?? ''}` : '';
    if (e.shares.length === 0) rows.push([...base, '', '', '', '', ...tail, note]);
    for (const s of e.shares) rows.push([...base, s.name, s.kind, s.npi ?? '', centsToDecimal(s.cents), ...tail, note]);
  }
  for (const o of r.overrides) rows.push(['Override', o.day, '', '', '', '', '', '', '', '', '', '', o.byName ?? '', '', o.entryId, `${o.reason} (${o.byRole ?? 'role unknown'}${o.selfDeclared ? ', self-declared' : ''})`]);
  for (const p of r.repayments) rows.push(['Repayment', p.repaidOn, '', '', `Cure for ${p.year}, due by ${p.deadline}`, '', '', '', p.name, 'physician', p.npi ?? '', centsToDecimal(p.cents), '', '', '', '']);
  for (const w of r.rewards) rows.push(['Patient reward', w.day, '', '', w.description, '', centsToDecimal(w.cents), 1, w.referralCode, 'patient', '', centsToDecimal(w.cents), '', '', '', '']);
  for (const y of r.physicians) {
    rows.push(['Year total', `${y.year}`, '', '', '', '', '', '', y.name, '', y.npi ?? '', centsToDecimal(y.spentCents), '', '', '', y.limitCents === null ? 'No yearly limit' : `Limit ${centsToDecimal(y.limitCents)}${y.over ? ' — OVER' : ''}`]);
  }
  rows.push(['Ledger', r.generatedAt.slice(0, 10), '', '', r.ledgerState, '', '', '', '', '', '', '', '', '', '', `Latest hash ${r.ledgerHead ?? '(none)'}`]);
  return { filename: `compliance-${from}-to-${to}.csv`, csv: toCsv(headers, rows) };
}

export function yearStatement(ctx: Ctx, personId: string, year: number): z.output<typeof YearStatement> {
  const p = requirePerson(ctx, personId);
  const o = ctx.store.read('SELECT name FROM offices WHERE id = ?').get(p.office_id) as { name: string };
  const who = p.npi ? '(s.person_id = ? OR s.npi = ?)' : 's.person_id = ?';
  const items = ctx.store
    .read(
      `SELECT e.day, e.kind, e.description, o.name AS office_name, s.cents FROM gift_shares s JOIN gift_entries e ON e.id = s.entry_id JOIN offices o ON o.id = e.office_id
       WHERE s.year = ? AND ${who} ORDER BY e.day, e.created_at`,
    )
    .all(year, p.id, ...(p.npi ? [p.npi] : [])) as { day: string; kind: EntryKind; description: string; office_name: string; cents: number }[];
  const { spent, repaid } = yearToDate(ctx, p, year);
  const limit = p.kind === 'physician' ? limitFor(readLimits(ctx), 'stark_nonmonetary', year) : null;
  return {
    personId: p.id,
    name: personName(p),
    npi: p.npi,
    officeName: o.name,
    year,
    limitCents: limit?.cents ?? null,
    limitSource: limit?.source ?? null,
    receivedCents: spent + repaid,
    repaidCents: repaid,
    items: items.map((i) => ({ day: i.day, kind: i.kind, description: i.description, officeName: i.office_name, cents: i.cents })),
    ledgerHead: ledgerHead(ctx),
    generatedAt: ctx.now(),
  };
}
