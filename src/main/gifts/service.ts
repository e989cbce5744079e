import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { GiftCheckResult, GiftEntryOut, GiftListQuery, GiftListRow, GiftLog, GiftProposal, RecipientCheckOut } from '../../shared/domain/gift';
import { ENTRY_KIND_LABELS } from '../../shared/domain/gift';
import type { PersonKind } from '../../shared/domain/person';
import { isManager } from '../../shared/domain/team';
import type { TimelineEntry } from '../../shared/domain/timeline';
import { AppError, fieldError } from '../../shared/errors';
import { allocate } from '../../shared/gifts/allocation';
import { checkEntry, type EntryKind, type Verdict } from '../../shared/gifts/check';
import { newId } from '../../shared/ids';
import { formatCents } from '../../shared/money';
import { dayOf, systemZone } from '../../shared/visits/time';
import type { Ctx } from '../context';
import type { GiftEntriesTable } from '../db/schema';
import { insertRow } from '../db/writePath';
import { thankedOffice } from '../referrals/thankYou';
import { readMe } from '../team/me';
import { appendLedger } from './ledger';
import { storeReceipt } from './receipts';
import { readLimits, readPolicy } from './settings';

const invalid = fieldError;
const SEVERITY: Record<Verdict, number> = { ok: 0, warning: 1, over: 2, forbidden: 3 };
/** Kinds that, handed over in person, are a touch for the office's cadence. */
const TOUCHING: Partial<Record<EntryKind, 'lunch' | 'gift'>> = { meal: 'lunch', gift: 'gift', educational: 'gift', event: 'gift', other: 'gift' };

export interface Person {
  id: string;
  office_id: string;
  kind: PersonKind;
  first_name: string;
  last_name: string;
  credentials: string | null;
  npi: string | null;
  role: string | null;
  archived_at: string | null;
}

export function personName(p: Pick<Person, 'kind' | 'first_name' | 'last_name' | 'credentials'>): string {
  const name = `${p.first_name} ${p.last_name}`.trim();
  return p.credentials ? `${name}, ${p.credentials}` : p.kind === 'physician' ? `Dr. ${name}` : name;
}

const PERSON_COLS = 'id, office_id, kind, first_name, last_name, credentials, npi, role, archived_at';

export function requirePerson(ctx: Ctx, id: string): Person {
  const p = ctx.store.read(`SELECT ${PERSON_COLS} FROM people WHERE id = ? AND deleted_at IS NULL`).get(id) as Person | undefined;
  if (!p) throw new AppError('not_found', 'That person no longer exists.');
  return { ...p, kind: normaliseKind(p.kind) };
}

/** Kinds another build may write fall back to staff: the strictest rules a non-physician has are staff rules. */
export function normaliseKind(kind: string): PersonKind {
  return kind === 'physician' || kind === 'clinician' ? kind : 'staff';
}

function office(ctx: Ctx, id: string): { id: string; name: string; archived_at: string | null } {
  const o = ctx.store.read('SELECT id, name, archived_at FROM offices WHERE id = ? AND deleted_at IS NULL').get(id) as { id: string; name: string; archived_at: string | null } | undefined;
  if (!o) throw new AppError('not_found', 'That office no longer exists.');
  return o;
}

export function recipientsOf(ctx: Ctx, officeId: string) {
  const o = office(ctx, officeId);
  const people = (ctx.store.read(`SELECT ${PERSON_COLS} FROM people WHERE office_id = ? AND deleted_at IS NULL AND archived_at IS NULL`).all(officeId) as Person[])
    .map((p) => ({ ...p, kind: normaliseKind(p.kind) }))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'physician' ? -1 : b.kind === 'physician' ? 1 : 0) || a.last_name.localeCompare(b.last_name) || a.first_name.localeCompare(b.first_name));
  return { officeName: o.name, archived: o.archived_at !== null, people: people.map((p) => ({ id: p.id, name: personName(p), kind: p.kind, npi: p.npi, role: p.role })) };
}

/**
 * One physician's rows, by who they are now: this record, every record that has their NPI today, and
 * rows logged under that NPI (a record since deleted, or one whose NPI was added later). Every total
 * (the live check, their page, the cures list, the report, the statement) uses this one rule.
 */
export function physicianRows(p: Pick<Person, 'id' | 'npi'>, alias: string): { sql: string; args: string[] } {
  if (!p.npi) return { sql: `${alias}.person_id = ?`, args: [p.id] };
  return { sql: `(${alias}.person_id = ? OR ${alias}.npi = ? OR ${alias}.person_id IN (SELECT id FROM people WHERE npi = ?))`, args: [p.id, p.npi, p.npi] };
}

/** What a person received in a calendar year, net of repayments, across offices (physicianRows). */
export function yearToDate(ctx: Ctx, person: Pick<Person, 'id' | 'npi'>, year: number): { spent: number; repaid: number } {
  const s = physicianRows(person, 's');
  const r = physicianRows(person, 'r');
  const shares = ctx.store.read(`SELECT coalesce(sum(s.cents), 0) AS n FROM gift_shares s WHERE s.year = ? AND ${s.sql}`).get(year, ...s.args) as { n: number };
  const repaid = ctx.store.read(`SELECT coalesce(sum(r.cents), 0) AS n FROM gift_repayments r WHERE r.year = ? AND ${r.sql}`).get(year, ...r.args) as { n: number };
  return { spent: shares.n - repaid.n, repaid: repaid.n };
}

interface Planned {
  people: Person[];
  shares: Map<string, number>;
  othersCents: number;
  result: GiftCheckResult;
}

/** The check before saving: validates the proposal against the directory, splits it and checks every share. */
export function planEntry(ctx: Ctx, p: GiftProposal, today = dayOf(ctx.now(), systemZone())): Planned {
  const o = office(ctx, p.officeId);
  if (Number(p.day.slice(0, 4)) > Number(today.slice(0, 4))) throw invalid('day', `That date is in ${p.day.slice(0, 4)}, a year that has not begun. Check the year.`);
  const seen = new Set<string>();
  const people: Person[] = [];
  for (const r of p.recipients) {
    if (seen.has(r.personId)) throw invalid('recipients', 'A person is listed twice.');
    seen.add(r.personId);
    const person = requirePerson(ctx, r.personId);
    if (person.office_id !== o.id) throw invalid('recipients', `${personName(person)} is not at ${o.name}. Log it for their own office.`);
    if (person.archived_at) throw invalid('recipients', `${personName(person)} is archived. Restore them before logging for them.`);
    people.push(person);
  }
  // A note has no value (the check passes it as such): a note with an amount would put a gift
  // past the limits unchecked, so the amount belongs on a gift entry.
  if (p.kind === 'thank_you_note' && p.totalCents !== 0) throw invalid('totalCents', 'A thank-you note has no value. Log anything sent with it as a gift.');
  if (p.peopleSharing < people.length) throw invalid('peopleSharing', `${people.length} people are named, so at least ${people.length} shared it.`);
  const given = p.recipients.filter((r) => r.cents !== null && r.cents !== undefined);
  let shares: Map<string, number>;
  let othersCents: number;
  if (given.length > 0) {
    if (given.length !== p.recipients.length) throw invalid('recipients', 'Give every named person a share, or none (then it is split evenly).');
    const sum = given.reduce((a, r) => a + r.cents!, 0);
    const others = p.peopleSharing - people.length;
    if (sum > p.totalCents) throw invalid('recipients', `The shares add up to ${formatCents(sum)}, more than the total of ${formatCents(p.totalCents)}.`);
    if (others === 0 && sum !== p.totalCents) throw invalid('recipients', `The shares add up to ${formatCents(sum)}, not the total of ${formatCents(p.totalCents)}.`);
    shares = new Map(p.recipients.map((r) => [r.personId, r.cents!]));
    othersCents = p.totalCents - sum;
  } else if (people.length === 0 && p.totalCents > 0 && p.kind !== 'thank_you_note') {
    shares = new Map();
    othersCents = p.totalCents;
  } else {
    const a = allocate({ totalCents: p.totalCents, recipients: people.map((x) => ({ id: x.id, kind: x.kind })), othersSharing: p.peopleSharing - people.length });
    shares = a.shares;
    othersCents = a.othersCents;
  }
  const year = Number(p.day.slice(0, 4));
  const ytd = new Map(people.map((x) => [x.id, yearToDate(ctx, x, year).spent]));
  const limits = readLimits(ctx);
  const policy = readPolicy(ctx);
  const checks = checkEntry(
    { kind: p.kind, date: p.day, totalCents: p.totalCents, shares: people.map((x) => ({ personId: x.id, kind: x.kind, cents: shares.get(x.id) ?? 0 })) },
    ytd,
    limits,
    policy,
  );
  const byId = new Map(people.map((x) => [x.id, x]));
  const out: RecipientCheckOut[] = checks.map((c) => ({ ...c, name: personName(byId.get(c.personId)!), kind: byId.get(c.personId)!.kind }));
  const entryProblems: string[] = [];
  let verdict: Verdict = out.reduce<Verdict>((w, c) => (SEVERITY[c.verdict] > SEVERITY[w] ? c.verdict : w), 'ok');
  // The people not named share the rest: a meal cap per person holds for them too (a split set by hand
  // cannot move a physician's share onto them past it).
  const others = p.peopleSharing - people.length;
  if (p.kind === 'meal' && policy.perPersonMealCents !== null && others > 0 && Math.ceil(othersCents / others) > policy.perPersonMealCents) {
    entryProblems.push(`People not named get ${formatCents(Math.ceil(othersCents / others))} each, over the practice’s per-person meal cap of ${formatCents(policy.perPersonMealCents)}.`);
    if (SEVERITY[verdict] < SEVERITY.over) verdict = 'over';
  }
  if (people.length === 0) {
    // Nobody named: the rules about the entry itself still hold.
    const forbidden =
      p.kind === 'cash_equivalent'
        ? 'Gift cards and other cash equivalents are never allowed (42 CFR 411.357(k); OIG policy on nominal value).'
        : policy.forbiddenKinds.includes(p.kind)
          ? `The practice does not allow ${ENTRY_KIND_LABELS[p.kind].toLowerCase()} entries.`
          : null;
    if (forbidden) {
      entryProblems.unshift(forbidden);
      verdict = 'forbidden';
    } else if (policy.perOccasionCents !== null && p.totalCents > policy.perOccasionCents) {
      entryProblems.push(`Over the practice’s cap of ${formatCents(policy.perOccasionCents)} for one occasion.`);
      verdict = 'over';
    } else if (p.totalCents > 0 && verdict === 'ok') {
      // Allowed (a basket for the front desk), but nobody's yearly total sees it: say so before it is saved.
      entryProblems.push('Nobody is named, so this counts toward no physician’s yearly total. If a physician or staff member received any of it, tick them.');
      verdict = 'warning';
    }
  }
  return {
    people,
    shares,
    othersCents,
    result: { shares: people.map((x) => ({ personId: x.id, cents: shares.get(x.id) ?? 0 })), othersCents, checks: out, verdict, entryProblems },
  };
}

/** Why an entry is refused, with the numbers, in a sentence per person. */
function refusal(result: GiftCheckResult, want: Verdict): string {
  const lines = result.checks
    .filter((c) => c.verdict === want)
    .map((c) =>
      c.limitCents === null
        ? `${c.name}: ${c.rule}.`
        : `${c.name}: ${formatCents(c.spentCents)} already + ${formatCents(c.thisCents)} now = ${formatCents(c.spentCents + c.thisCents)}, over the ${formatCents(c.limitCents)} limit by ${formatCents(-(c.remainingCents ?? 0))} (${c.rule}).`,
    );
  return [...lines, ...result.entryProblems].join(' ');
}

export function logGift(ctx: Ctx, input: z.output<typeof GiftLog>, receiptsDir: string, files?: { get(id: string): { path: string; name: string } }): { id: string; check: GiftCheckResult } {
  const receipt = input.receiptFileId ? storeReceipt(receiptsDir, files!.get(input.receiptFileId)) : null;
  return ctx.store.tx(() => {
    const o = office(ctx, input.officeId);
    if (o.archived_at) throw invalid('officeId', `${o.name} is archived. Restore it before logging for it.`);
    const plan = planEntry(ctx, input);
    const { result } = plan;
    if (result.verdict === 'forbidden') throw invalid('kind', `Not allowed, and no override can allow it. ${refusal(result, 'forbidden')}`);
    const meRow = readMe(ctx);
    let override: { reason: string } | null = null;
    if (result.verdict === 'over') {
      if (!input.override) throw invalid('override', `Over the limit, so not saved. ${refusal(result, 'over')} A manager can override it with a written reason.`);
      if (!meRow) throw invalid('override', 'Say who you are (Settings → Team) before overriding: an override records who made it.');
      if (!isManager(meRow.role)) {
        throw invalid('override', `Only a manager can override a limit. You are set up as ${meRow.role === 'doctor' ? 'a doctor' : `a ${meRow.role}`} (Settings → Team).`);
      }
      override = input.override;
    }
    if (input.visitId) {
      const v = ctx.store.read('SELECT office_id FROM visits WHERE id = ? AND deleted_at IS NULL').get(input.visitId) as { office_id: string } | undefined;
      if (!v || v.office_id !== o.id) throw invalid('visitId', 'That visit is not one of this office’s.');
    }
    const id = newId();
    const now = ctx.now();
    const year = Number(input.day.slice(0, 4));
    insertRow(ctx, 'gift_entries', {
      id,
      office_id: o.id,
      visit_id: input.visitId ?? null,
      kind: input.kind,
      place: input.kind === 'meal' ? (input.place ?? null) : null,
      in_person: input.inPerson ? 1 : 0,
      day: input.day,
      total_cents: input.totalCents,
      people_sharing: input.peopleSharing,
      others_cents: plan.othersCents,
      description: input.description,
      vendor: input.vendor,
      logged_by: meRow?.id ?? null,
      reverses: null,
      reason: null,
      created_at: now,
    });
    for (const p of plan.people) {
      insertRow(ctx, 'gift_shares', { id: newId(), entry_id: id, person_id: p.id, person_kind: p.kind, npi: p.npi, year, cents: plan.shares.get(p.id) ?? 0, created_at: now });
    }
    appendLedger(ctx, 'gift_entries', id);
    if (override) {
      const oid = newId();
      insertRow(ctx, 'gift_overrides', {
        id: oid,
        entry_id: id,
        by_id: meRow!.id,
        by_role: meRow!.role,
        reason: override.reason,
        // Roles are not enforced on this device; a team server that checks them will set this to 0.
        self_declared: 1,
        findings: JSON.stringify(result.checks.filter((c) => c.verdict === 'over').map((c) => ({ personId: c.personId, rule: c.rule, limitCents: c.limitCents, spentCents: c.spentCents, thisCents: c.thisCents }))),
        created_at: now,
      });
      appendLedger(ctx, 'gift_overrides', oid);
    }
    const touch = TOUCHING[input.kind];
    if (input.inPerson && touch) {
      insertRow(ctx, 'touches', {
        id: newId(), office_id: o.id, kind: touch, day: input.day, at: input.day === dayOf(now, systemZone()) ? now : `${input.day}T12:00:00.000Z`, by_id: meRow?.id ?? null,
        visit_id: null, notes: input.description, reverses: null, created_at: now,
      });
    }
    if (receipt) addReceiptRow(ctx, id, receipt, meRow?.id ?? null);
    if (input.kind === 'thank_you_note') thankedOffice(ctx, o.id);
    return { id, check: result };
  });
}

export function addReceiptRow(ctx: Ctx, entryId: string, r: { fileName: string; mediaType: string; bytes: number; sha256: string }, byId: string | null): string {
  const id = newId();
  insertRow(ctx, 'gift_receipts', { id, entry_id: entryId, file_name: r.fileName, media_type: r.mediaType, bytes: r.bytes, sha256: r.sha256, by_id: byId, created_at: ctx.now() });
  appendLedger(ctx, 'gift_receipts', id);
  return id;
}

type EntryRow = Omit<Selectable<GiftEntriesTable>, 'kind'> & { kind: EntryKind };

export function requireEntry(ctx: Ctx, id: string): EntryRow {
  const e = ctx.store.read('SELECT * FROM gift_entries WHERE id = ?').get(id) as EntryRow | undefined;
  if (!e) throw new AppError('not_found', 'That gift entry no longer exists.');
  return e;
}

/** A correction: a new entry with the negatives of the first's total and shares. The first is never touched. */
export function reverseGift(ctx: Ctx, id: string, reason: string): { id: string } {
  return ctx.store.tx(() => {
    const e = requireEntry(ctx, id);
    if (e.reverses) throw invalid('id', 'This entry is itself a correction; reverse the entry it corrected instead.');
    // Reversing frees room under the limit: an entry a manager let past it is a manager's to reverse.
    if (ctx.store.read('SELECT 1 FROM gift_overrides WHERE entry_id = ?').get(id)) {
      const meRow = readMe(ctx);
      if (!isManager(meRow?.role)) throw invalid('id', 'A manager overrode the limit for this entry, so only a manager can reverse it.');
    }
    const already = ctx.store.read('SELECT id FROM gift_entries WHERE reverses = ?').get(id);
    if (already) throw invalid('id', 'This entry has already been reversed.');
    const rid = newId();
    const now = ctx.now();
    insertRow(ctx, 'gift_entries', {
      ...e,
      id: rid,
      total_cents: -e.total_cents,
      others_cents: -e.others_cents,
      in_person: 0,
      logged_by: readMe(ctx)?.id ?? null,
      reverses: id,
      reason,
      created_at: now,
    });
    const shares = ctx.store.read('SELECT person_id, person_kind, npi, year, cents FROM gift_shares WHERE entry_id = ? ORDER BY id').all(id) as { person_id: string; person_kind: string; npi: string | null; year: number; cents: number }[];
    for (const s of shares) insertRow(ctx, 'gift_shares', { id: newId(), entry_id: rid, ...s, cents: -s.cents, created_at: now });
    appendLedger(ctx, 'gift_entries', rid);
    return { id: rid };
  });
}

export function entryDetail(ctx: Ctx, id: string): GiftEntryOut {
  const e = requireEntry(ctx, id);
  const o = ctx.store.read('SELECT name FROM offices WHERE id = ?').get(e.office_id) as { name: string };
  const memberName = (mid: string | null) => (mid ? ((ctx.store.read('SELECT name FROM team_members WHERE id = ?').get(mid) as { name: string } | undefined)?.name ?? null) : null);
  const shares = ctx.store
    .read(`SELECT s.person_id, s.person_kind, s.npi, s.cents, p.kind, p.first_name, p.last_name, p.credentials FROM gift_shares s JOIN people p ON p.id = s.person_id WHERE s.entry_id = ? ORDER BY s.id`)
    .all(id) as { person_id: string; person_kind: string; npi: string | null; cents: number; kind: string; first_name: string; last_name: string; credentials: string | null }[];
  const overrides = ctx.store.read('SELECT id, by_id, by_role, reason, self_declared, created_at FROM gift_overrides WHERE entry_id = ? ORDER BY created_at').all(id) as {
    id: string; by_id: string | null; by_role: string | null; reason: string; self_declared: number; created_at: string;
  }[];
  const receipts = ctx.store.read('SELECT id, file_name, media_type, bytes, created_at FROM gift_receipts WHERE entry_id = ? ORDER BY created_at').all(id) as {
    id: string; file_name: string; media_type: string; bytes: number; created_at: string;
  }[];
  const reversedBy = (ctx.store.read('SELECT id FROM gift_entries WHERE reverses = ?').get(id) as { id: string } | undefined)?.id ?? null;
  return {
    id: e.id,
    officeId: e.office_id,
    officeName: o.name,
    visitId: e.visit_id,
    kind: e.kind,
    place: e.place as GiftEntryOut['place'],
    inPerson: e.in_person === 1,
    day: e.day,
    totalCents: e.total_cents,
    peopleSharing: e.people_sharing,
    othersCents: e.others_cents,
    description: e.description,
    vendor: e.vendor,
    loggedBy: memberName(e.logged_by),
    reverses: e.reverses,
    reversedBy,
    reason: e.reason,
    createdAt: e.created_at,
    shares: shares.map((s) => ({ personId: s.person_id, name: personName({ ...s, kind: normaliseKind(s.person_kind) }), kind: s.person_kind, npi: s.npi, cents: s.cents })),
    overrides: overrides.map((x) => ({ id: x.id, byName: memberName(x.by_id), byRole: x.by_role, reason: x.reason, selfDeclared: x.self_declared === 1, createdAt: x.created_at })),
    receipts: receipts.map((r) => ({ id: r.id, fileName: r.file_name, mediaType: r.media_type, bytes: r.bytes, createdAt: r.created_at })),
  };
}

export function listGifts(ctx: Ctx, q: z.output<typeof GiftListQuery>): { rows: GiftListRow[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    args.push(...values);
  };
  if (q.officeId) add('e.office_id = ?', q.officeId);
  if (q.kind) add('e.kind = ?', q.kind);
  if (q.from) add('e.day >= ?', q.from);
  if (q.to) add('e.day <= ?', q.to);
  if (q.personId) {
    const p = requirePerson(ctx, q.personId);
    const rows = physicianRows(p, 's');
    add(`e.id IN (SELECT s.entry_id FROM gift_shares s WHERE ${rows.sql})`, ...rows.args);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (ctx.store.read(`SELECT count(*) AS n FROM gift_entries e ${w}`).get(...args) as { n: number }).n;
  const rows = ctx.store
    .read(
      `SELECT e.id, e.day, e.kind, e.office_id, o.name AS office_name, e.description, e.total_cents, e.reverses, m.name AS logged_by,
        EXISTS (SELECT 1 FROM gift_entries r WHERE r.reverses = e.id) AS reversed,
        EXISTS (SELECT 1 FROM gift_overrides x WHERE x.entry_id = e.id) AS overridden,
        (SELECT count(*) FROM gift_receipts c WHERE c.entry_id = e.id) AS receipts,
        (SELECT group_concat(p.first_name || ' ' || p.last_name, ', ') FROM gift_shares s JOIN people p ON p.id = s.person_id WHERE s.entry_id = e.id) AS recipients
       FROM gift_entries e JOIN offices o ON o.id = e.office_id LEFT JOIN team_members m ON m.id = e.logged_by
       ${w} ORDER BY e.day DESC, e.created_at DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, q.limit, q.offset) as {
    id: string; day: string; kind: EntryKind; office_id: string; office_name: string; description: string; total_cents: number; reverses: string | null;
    logged_by: string | null; reversed: number; overridden: number; receipts: number; recipients: string | null;
  }[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      day: r.day,
      kind: r.kind,
      officeId: r.office_id,
      officeName: r.office_name,
      description: r.description,
      totalCents: r.total_cents,
      recipients: r.recipients ?? '',
      loggedBy: r.logged_by,
      reversed: r.reversed === 1,
      isReversal: r.reverses !== null,
      overridden: r.overridden === 1,
      receipts: r.receipts,
    })),
  };
}

/** Gift entries on the office's timeline: what was given, when, to whom, and corrections as such. */
export function giftsTimeline(ctx: Ctx, officeId: string): TimelineEntry[] {
  const rows = ctx.store
    .read(
      `SELECT e.id, e.day, e.created_at, e.kind, e.description, e.total_cents, e.reverses, e.reason, m.name AS by_name,
        (SELECT group_concat(p.first_name || ' ' || p.last_name, ', ') FROM gift_shares s JOIN people p ON p.id = s.person_id WHERE s.entry_id = e.id) AS recipients
       FROM gift_entries e LEFT JOIN team_members m ON m.id = e.logged_by WHERE e.office_id = ? ORDER BY e.day DESC LIMIT 200`,
    )
    .all(officeId) as { id: string; day: string; created_at: string; kind: EntryKind; description: string; total_cents: number; reverses: string | null; reason: string | null; by_name: string | null; recipients: string | null }[];
  return rows.map((r) => ({
    id: `gift:${r.id}`,
    // An entry is dated by its day (noon UTC, so it stays within that day in any zone); a correction by when it was made.
    at: r.reverses ? r.created_at : `${r.day}T12:00:00.000Z`,
    kind: 'gift' as const,
    title: r.reverses
      ? `Correction: ${r.description} reversed${r.by_name ? ` by ${r.by_name}` : ''}`
      : `${ENTRY_KIND_LABELS[r.kind]}: ${r.description}${r.total_cents ? ` (${formatCents(r.total_cents)})` : ''}${r.by_name ? ` by ${r.by_name}` : ''}`,
    detail: r.reverses ? r.reason : r.recipients ? `For ${r.recipients}` : null,
  }));
}
