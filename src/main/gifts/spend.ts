import type { z } from 'zod';
import type { CureDue, OfficeSpend, PhysicianSpend, Repay } from '../../shared/domain/gift';
import { fieldError } from '../../shared/errors';
import type { EntryKind } from '../../shared/gifts/check';
import { cureFor, type CureAnswer } from '../../shared/gifts/cure';
import { limitFor } from '../../shared/gifts/limits';
import { newId } from '../../shared/ids';
import { formatCents } from '../../shared/money';
import { dayOf, systemZone } from '../../shared/visits/time';
import type { Ctx } from '../context';
import { insertRow } from '../db/writePath';
import { readMe } from '../team/me';
import { appendLedger } from './ledger';
import { normaliseKind, personName, physicianRows, requirePerson, yearToDate, type Person } from './service';
import { readLimits, readPolicy } from './settings';

const invalid = fieldError;

/** The shares behind a person's year (by their id or NPI), oldest first. */
function sharesOf(ctx: Ctx, p: Pick<Person, 'id' | 'npi'>, year: number) {
  const who = physicianRows(p, 's');
  return ctx.store
    .read(
      `SELECT s.entry_id, s.cents, e.day, e.kind, e.description, e.reverses, o.name AS office_name FROM gift_shares s
       JOIN gift_entries e ON e.id = s.entry_id JOIN offices o ON o.id = e.office_id
       WHERE s.year = ? AND ${who.sql} ORDER BY e.day, e.created_at`,
    )
    .all(year, ...who.args) as { entry_id: string; cents: number; day: string; kind: EntryKind; description: string; reverses: string | null; office_name: string }[];
}

function repaymentsOf(ctx: Ctx, p: Pick<Person, 'id' | 'npi'>, year?: number) {
  const who = physicianRows(p, 'r');
  return ctx.store
    .read(`SELECT r.id, r.year, r.cents, r.received_on, r.deadline, r.repaid_on, r.note FROM gift_repayments r WHERE ${who.sql} ${year === undefined ? '' : 'AND r.year = ?'} ORDER BY r.repaid_on`)
    .all(...who.args, ...(year === undefined ? [] : [year])) as { id: string; year: number; cents: number; received_on: string; deadline: string; repaid_on: string; note: string | null }[];
}

/** The day the running total first went over the limit: the receipt the cure window counts from. */
function crossedOn(shares: { cents: number; day: string }[], limit: number): string | null {
  let run = 0;
  for (const s of shares) {
    run += s.cents;
    if (run > limit) return s.day;
  }
  return null;
}

function cureOf(ctx: Ctx, p: Person, year: number, spentGross: number, limit: number | null, shares: { cents: number; day: string }[]): (CureAnswer & { repaid: number }) | null {
  if (p.kind !== 'physician' || limit === null || spentGross <= limit) return null;
  const all = repaymentsOf(ctx, p);
  const repaid = all.filter((r) => r.year === year).reduce((a, r) => a + r.cents, 0);
  const received = crossedOn(shares, limit) ?? `${year}-12-31`;
  const answer = cureFor({ limitCents: limit, yearTotalCents: spentGross, receivedOn: received, earlierCures: all.filter((r) => r.year !== year).map((r) => r.repaid_on) });
  return { ...answer, repaid };
}

export function physicianSpend(ctx: Ctx, personId: string, year: number): z.output<typeof PhysicianSpend> {
  const p = requirePerson(ctx, personId);
  const o = ctx.store.read('SELECT name FROM offices WHERE id = ?').get(p.office_id) as { name: string };
  const shares = sharesOf(ctx, p, year);
  const { spent, repaid } = yearToDate(ctx, p, year);
  const limit = p.kind === 'physician' ? limitFor(readLimits(ctx), 'stark_nonmonetary', year) : null;
  const policy = readPolicy(ctx);
  const limitCents = limit?.cents ?? (p.kind === 'physician' ? null : policy.staffPerYearCents);
  const cure = cureOf(ctx, p, year, spent + repaid, limitCents, shares);
  const notes = ctx.store
    .read(
      `SELECT e.id, e.day, e.description FROM gift_shares s JOIN gift_entries e ON e.id = s.entry_id
       WHERE s.person_id = ? AND e.kind = 'thank_you_note' AND e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM gift_entries r WHERE r.reverses = e.id) ORDER BY e.day DESC LIMIT 200`,
    )
    .all(p.id) as { id: string; day: string; description: string }[];
  return {
    personId: p.id,
    name: personName(p),
    kind: p.kind,
    npi: p.npi,
    officeId: p.office_id,
    officeName: o.name,
    year,
    spentCents: spent,
    repaidCents: repaid,
    limitCents,
    limitSource: limit?.source ?? (limitCents !== null ? 'Practice policy' : null),
    limitNote: limit?.note ?? null,
    warnAt: policy.warnAt,
    entries: shares.map((s) => ({ entryId: s.entry_id, day: s.day, kind: s.kind, description: s.description, officeName: s.office_name, cents: s.cents, reversal: s.reverses !== null })),
    repayments: repaymentsOf(ctx, p, year).map((r) => ({ id: r.id, cents: r.cents, repaidOn: r.repaid_on, deadline: r.deadline, note: r.note })),
    cure: cure ? { eligible: cure.eligible, excessCents: cure.excessCents, deadline: cure.deadline, reason: cure.eligible ? null : cure.reason, repaidCents: cure.repaid } : null,
    thankYouNotes: notes.map((n) => ({ entryId: n.id, day: n.day, description: n.description })),
  };
}

export function officeSpend(ctx: Ctx, officeId: string, year: number): z.output<typeof OfficeSpend> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const t = ctx.store.read(`SELECT coalesce(sum(total_cents), 0) AS total, count(*) AS n FROM gift_entries e WHERE office_id = ? AND day BETWEEN ? AND ? AND reverses IS NULL
       AND NOT EXISTS (SELECT 1 FROM gift_entries r WHERE r.reverses = e.id)`).get(officeId, from, to) as { total: number; n: number };
  const people = ctx.store
    .read(
      `SELECT p.id, p.kind, p.first_name, p.last_name, p.credentials, p.npi, sum(s.cents) AS spent FROM gift_shares s JOIN gift_entries e ON e.id = s.entry_id JOIN people p ON p.id = s.person_id
       WHERE e.office_id = ? AND s.year = ? GROUP BY p.id ORDER BY spent DESC`,
    )
    .all(officeId, year) as { id: string; kind: string; first_name: string; last_name: string; credentials: string | null; npi: string | null; spent: number }[];
  const limits = readLimits(ctx);
  const policy = readPolicy(ctx);
  const stark = limitFor(limits, 'stark_nonmonetary', year)?.cents ?? null;
  return {
    year,
    totalCents: t.total,
    entries: t.n,
    people: people.map((p) => {
      const kind = normaliseKind(p.kind);
      return { personId: p.id, name: personName({ ...p, kind }), kind, spentCents: yearToDate(ctx, p, year).spent, limitCents: kind === 'physician' ? stark : policy.staffPerYearCents };
    }),
  };
}

/** Physicians over the limit in a year, with whether the cure rule can still apply and by when. */
export function curesDue(ctx: Ctx, year: number): z.output<typeof CureDue>[] {
  const limit = limitFor(readLimits(ctx), 'stark_nonmonetary', year);
  if (!limit) return [];
  // Grouped by the physician as they are now (their NPI today, else the one logged, else the record):
  // two records of one physician at two offices, each under the limit, can be over it together, and
  // are listed once, under a record that still exists (a merged duplicate keeps its shares).
  const over = ctx.store
    .read(
      `SELECT coalesce(p.npi, s.npi, s.person_id) AS who, max(CASE WHEN p.deleted_at IS NULL THEN s.person_id END) AS person_id, sum(s.cents) AS spent
       FROM gift_shares s LEFT JOIN people p ON p.id = s.person_id
       WHERE s.year = ? AND (s.person_kind = 'physician' OR p.kind = 'physician') GROUP BY who HAVING sum(s.cents) > ?`,
    )
    .all(year, limit.cents) as { person_id: string | null; spent: number }[];
  const out: z.output<typeof CureDue>[] = [];
  for (const row of over) {
    if (row.person_id === null) continue;
    const p = requirePerson(ctx, row.person_id);
    if (p.kind !== 'physician') continue;
    const { spent, repaid } = yearToDate(ctx, p, year);
    if (spent <= limit.cents) continue;
    const cure = cureOf(ctx, p, year, spent + repaid, limit.cents, sharesOf(ctx, p, year));
    if (!cure) continue;
    const o = ctx.store.read('SELECT name FROM offices WHERE id = ?').get(p.office_id) as { name: string };
    out.push({ personId: p.id, name: personName(p), officeName: o.name, year, excessCents: spent - limit.cents, eligible: cure.eligible, deadline: cure.deadline, reason: cure.eligible ? null : cure.reason });
  }
  return out.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
}

/** Records a physician's repayment under the cure rule, only within its window and its three-year rule. */
export function repay(ctx: Ctx, input: z.output<typeof Repay>): { id: string } {
  return ctx.store.tx(() => {
    const p = requirePerson(ctx, input.personId);
    if (p.kind !== 'physician') throw invalid('personId', 'The cure rule is for physicians; staff gifts follow the practice’s own rules.');
    const limit = limitFor(readLimits(ctx), 'stark_nonmonetary', input.year);
    if (!limit) throw invalid('year', `There is no Stark limit for ${input.year}.`);
    const shares = sharesOf(ctx, p, input.year);
    const { spent, repaid } = yearToDate(ctx, p, input.year);
    const cure = cureOf(ctx, p, input.year, spent + repaid, limit.cents, shares);
    if (!cure || spent <= limit.cents) throw invalid('cents', `${personName(p)} is not over the ${input.year} limit: there is nothing to repay.`);
    if (!cure.eligible) throw invalid('cents', `${cure.reason}.`);
    if (repaid > 0) throw invalid('cents', `A repayment of ${formatCents(repaid)} is already recorded for ${input.year}.`);
    // A repayment is recorded once made: one dated ahead would cure an excess that is still owed.
    const today = dayOf(ctx.now(), systemZone());
    if (input.repaidOn > today) throw invalid('repaidOn', `${input.repaidOn} has not come yet: record the repayment once it is made.`);
    if (input.repaidOn > cure.deadline) throw invalid('repaidOn', `The cure window closed on ${cure.deadline} (the earlier of year end and 180 days after receipt).`);
    if (input.cents < cure.excessCents) throw invalid('cents', `The excess is ${formatCents(cure.excessCents)}; a repayment must cover all of it.`);
    // More than the excess would lower the year's total below the limit and make room for more gifts.
    if (input.cents > cure.excessCents) throw invalid('cents', `The excess is ${formatCents(cure.excessCents)}; record that amount (anything more is not part of the cure).`);
    const received = crossedOn(shares, limit.cents) ?? input.repaidOn;
    if (input.repaidOn < received) throw invalid('repaidOn', `The excess arose on ${received}; a repayment comes after it.`);
    const id = newId();
    insertRow(ctx, 'gift_repayments', {
      id, person_id: p.id, npi: p.npi, year: input.year, cents: input.cents, received_on: received, deadline: cure.deadline, repaid_on: input.repaidOn,
      note: input.note, by_id: readMe(ctx)?.id ?? null, created_at: ctx.now(),
    });
    appendLedger(ctx, 'gift_repayments', id);
    return { id };
  });
}
