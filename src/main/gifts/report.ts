import type { z } from 'zod';
import type { ComplianceReport, YearStatement } from '../../shared/domain/gift';
import { ENTRY_KIND_LABELS } from '../../shared/domain/gift';
import type { EntryKind } from '../../shared/gifts/check';
import { limitFor } from '../../shared/gifts/limits';
import { centsToDecimal } from '../../shared/money';
import type { Ctx } from '../context';
import { toCsv } from '../csv/toCsv';
import { lastVerification, ledgerHead, verifyLedger } from './ledger';
import { normaliseKind, personName, physicianRows, requirePerson, yearToDate } from './service';
import { readLimits, readPolicy } from './settings';

type Report = z.output<typeof ComplianceReport>;
type PersonBits = { kind: string; first_name: string; last_name: string; credentials: string | null };
const nameOf = (p: PersonBits) => personName({ ...p, kind: normaliseKind(p.kind) });

/**
 * Everything a compliance officer files for a date range: every entry with its allocation, every
 * override and repayment, patient rewards, each person's year against the limit, and the ledger's
 * latest hash, so a later rewrite of the chain shows against a report already filed.
 */
export function complianceReport(ctx: Ctx, from: string, to: string, opts: { verify?: boolean } = {}): Report {
  // Verifying walks every record ever chained (seconds at 100,000): a report prints the head and the last verification unless asked.
  // Rows come out in the report's own shape, and get their shares added in place: at 35,000 entries a
  // second object per entry (and a map of share lists beside them) is a third of the time.
  type Entry = Report['entries'][number];
  const entries = ctx.store
    .read(
      `SELECT e.id, e.day, e.kind, o.name AS officeName, e.description, e.vendor, e.total_cents AS totalCents, e.people_sharing AS peopleSharing,
         m.name AS loggedBy, e.reverses, e.reason
       FROM gift_entries e JOIN offices o ON o.id = e.office_id LEFT JOIN team_members m ON m.id = e.logged_by
       WHERE e.day BETWEEN ? AND ? ORDER BY e.day, e.created_at`,
    )
    .all(from, to) as Entry[];
  const byId = new Map<string, Entry>();
  for (const e of entries) {
    e.shares = [];
    byId.set(e.id, e);
  }
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
  // Each person's whole calendar year(s) the range touches, against that year's limit. One pass over those
  // years' shares serves both the range's allocations and the year totals: a scan in file order is cheaper
  // than looking up 80,000 shares by entry, and cheaper again than a second query to total them.
  const y1 = Number(from.slice(0, 4));
  const y2 = Number(to.slice(0, 4));
  // Rows as arrays (a statement of its own: a shared cached one must never be switched to raw).
  type ShareRow = [entryId: string, personId: string, personKind: string, npi: string | null, year: number, cents: number];
  const yearShares = ctx.store.sqlite.prepare('SELECT entry_id, person_id, person_kind, npi, year, cents FROM gift_shares WHERE year BETWEEN ? AND ?').raw().all(y1, y2) as ShareRow[];
  const shares = yearShares.filter((s) => byId.has(s[0]));
  // Every person with a share in those years, with their name and NPI as they are now, in one query
  // (not a join per share: 79,000 shares in a year name 21,000 people).
  const people = new Map<string, PersonBits & { npi: string | null; name: string }>();
  const ids = JSON.stringify([...new Set(yearShares.map((s) => s[1]))]);
  for (const p of ctx.store.read('SELECT id, kind, first_name, last_name, credentials, npi FROM people WHERE id IN (SELECT value FROM json_each(?))').all(ids) as ({ id: string; npi: string | null } & PersonBits)[]) {
    people.set(p.id, { ...p, name: nameOf(p) });
  }
  // Per physician, not per record, by who they are now (as the live check counts): a physician's shares
  // and repayments under every record with their NPI add up, so one over the limit across two offices
  // (or with an NPI added since) shows as over.
  const whoOf = (s: ShareRow) => people.get(s[1])?.npi ?? s[3] ?? s[1];
  const recipients = new Set(shares.map(whoOf));
  const totals = new Map<string, { year: number; spent: number; personId: string; who: string }>();
  for (const s of yearShares) {
    const who = whoOf(s);
    if (!recipients.has(who)) continue;
    const key = y1 === y2 ? who : `${who} ${s[4]}`;
    const t = totals.get(key);
    if (!t) totals.set(key, { year: s[4], spent: s[5], personId: s[1], who });
    else {
      t.spent += s[5];
      if (s[1] > t.personId) t.personId = s[1];
    }
  }
  const repaid = new Map(
    (
      ctx.store
        .read('SELECT coalesce(p.npi, r.npi, r.person_id) AS who, r.year, sum(r.cents) AS cents FROM gift_repayments r LEFT JOIN people p ON p.id = r.person_id WHERE r.year BETWEEN ? AND ? GROUP BY who, r.year')
        .all(y1, y2) as { who: string; year: number; cents: number }[]
    ).map(
      (r) => [y1 === y2 ? r.who : `${r.who} ${r.year}`, r.cents],
    ),
  );
  const years = [...totals.entries()]
    .flatMap(([key, t]) => {
      const p = people.get(t.personId);
      return p ? [{ person_id: t.personId, year: t.year, spent: t.spent - (repaid.get(key) ?? 0), npi: p.npi, kind: p.kind, name: p.name }] : [];
    })
    .sort((a, b) => a.year - b.year || b.spent - a.spent);
  for (const [entryId, personId, kind, npi, , cents] of shares) {
    // One whose person is gone is left out, as a join would.
    const name = people.get(personId)?.name;
    if (name !== undefined) byId.get(entryId)!.shares.push({ name, kind, npi, cents });
  }
  const limits = readLimits(ctx);
  const staffCap = readPolicy(ctx).staffPerYearCents;
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
      totalCents: entries.reduce((a, e) => a + e.totalCents, 0),
      overrides: overrides.length,
      repaymentsCents: repayments.reduce((a, r) => a + r.cents, 0),
      rewardsCents: rewards.reduce((a, r) => a + r.cents, 0),
    },
    entries,
    overrides: overrides.map((o) => ({ entryId: o.entry_id, day: o.day, byName: o.by_name, byRole: o.by_role, reason: o.reason, selfDeclared: o.self_declared === 1 })),
    repayments: repayments.map((r) => ({ name: nameOf(r), npi: r.npi, year: r.year, cents: r.cents, repaidOn: r.repaid_on, deadline: r.deadline })),
    rewards: rewards.map((r) => ({ referralCode: r.referral_code, day: r.day, cents: r.cents, description: r.description })),
    physicians: years.map((y) => {
      // The limit their own page shows: the law's for a physician, the practice's staff cap for others.
      const limit = normaliseKind(y.kind) === 'physician' ? (starkFor.get(y.year) ?? null) : staffCap;
      return { personId: y.person_id, name: y.name, npi: y.npi, year: y.year, spentCents: y.spent, limitCents: limit, over: limit !== null && y.spent > limit };
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
  const who = physicianRows(p, 's');
  const items = ctx.store
    .read(
      `SELECT e.day, e.kind, e.description, o.name AS office_name, s.cents FROM gift_shares s JOIN gift_entries e ON e.id = s.entry_id JOIN offices o ON o.id = e.office_id
       WHERE s.year = ? AND ${who.sql} ORDER BY e.day, e.created_at`,
    )
    .all(year, ...who.args) as { day: string; kind: EntryKind; description: string; office_name: string; cents: number }[];
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
