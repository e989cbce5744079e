import type { z } from 'zod';
import type { Stage, Tier } from '../../shared/domain/office';
import { OfficeCadence } from '../../shared/domain/cadence';
import { type AtRisk, atRisk, atRiskReason, judgedMonth, monthBefore, monthsBetween } from '../../shared/referrals/atRisk';
import type { ReferralSettings } from '../../shared/referrals/settings';
import { nextDue, type CadenceSettings } from '../../shared/visits/cadence';
import type { WorklistQuery, WorklistRow } from '../../shared/visits/contract';
import { epochDay } from '../../shared/visits/time';
import type { Ctx } from '../context';
import type { ChangeBatch, ChangeFeed } from '../db/changeFeed';
import { readReferralSettings } from '../referrals/settings';
import { memberNames } from '../team/names';
import { readCadenceSettings } from './settings';

/** What the worklist knows of one live office: its cadence inputs and, worked out from them, when it is due. */
interface Entry {
  id: string;
  name: string;
  nameKey: string;
  city: string | null;
  cityKey: string;
  zip: string | null;
  tier: Tier | null;
  stage: Stage;
  ownerId: string | null;
  cadence: OfficeCadence | null;
  first: string | null;
  firstVisit: string | null;
  last: string | null;
  nextPlanned: string | null;
  /** null: paused */
  due: string | null;
  /** due whatever day it is asked (never visited): the date is the asking day */
  dueNow: boolean;
  dueEpoch: number;
  reason: string;
  /** its referrals fell (issue 10, item 7): pulled forward, first on its liaison's list */
  risk: AtRisk | null;
}

/** office id, first and last live touch, first live visit */
type Aggregate = [string, string, string, string | null];

const OFFICE_COLUMNS = 'id, name, city, zip, tier, stage, owner_id, cadence';
type OfficeRecord = { id: string; name: string; city: string | null; zip: string | null; tier: string | null; stage: string; owner_id: string | null; cadence: string | null };

/** A touch counts unless it reverses another or another reverses it. */
const LIVE_TOUCHES = `reverses IS NULL AND NOT EXISTS (SELECT 1 FROM touches r WHERE r.reverses = t.id)`;

/**
 * What the at-risk judgement of one month rests on: the month judged (the last complete one) and
 * the trailing months before it, the rule, each office's monthly counts over them and every
 * office's total by month, and the verdicts.
 */
interface RiskState {
  month: string;
  months: string[];
  rule: ReferralSettings['atRisk'];
  ruleKey: string;
  counts: Map<string, number[]>;
  totals: number[];
  verdicts: Map<string, AtRisk>;
}

/** Every office's incoming referrals by month over the months judged. */
const MONTH_TOTALS = `SELECT month, sum(received) AS n FROM referral_office_months WHERE direction = 'in' AND month BETWEEN ? AND ? GROUP BY month`;

/** Days late; an office never touched is due now, whichever day "now" is. */
const lateness = (e: Entry, todayEpoch: number) => (e.dueNow ? 0 : todayEpoch - e.dueEpoch);

const TIER_RANK: Record<string, number> = { A: 0, B: 1, C: 2 };

/**
 * The "due and overdue" list, kept in memory: a 50,000-office worklist must answer as the user
 * types a filter, and working out each office's due date in SQL on every request is far slower
 * than a read model. Fed by the change feed like the office list: a committed write marks the
 * offices it concerns, and the next request re-reads just those (a visit or touch names its
 * office; a settings change re-works every due date without reading anything).
 */
export class Worklist {
  private entries = new Map<string, Entry>();
  private loaded = false;
  private dirtyOffices = new Set<string>();
  private dirtyTouches = new Set<string>();
  private dirtyVisits = new Set<string>();
  private settingsChanged = false;
  private names = new Map<string, string>();
  private namesStale = true;
  private settings: CadenceSettings | null = null;
  private risk: RiskState | null = null;
  private dirtyReferrals = new Set<string>();
  private referralsChanged = false;

  constructor(private readonly ctx: Ctx) {}

  onChanges(batch: ChangeBatch): void {
    for (const [tbl, ids] of Object.entries(batch.tables)) {
      if (ids === null && ['offices', 'touches', 'visits', '*'].includes(tbl)) {
        this.loaded = false;
        this.risk = null;
        this.generation++;
      }
      else if (tbl === 'referrals') {
        if (ids === null) this.referralsChanged = true;
        else for (const id of ids) this.dirtyReferrals.add(id);
      }
      else if (tbl === 'offices') for (const id of ids!) this.dirtyOffices.add(id);
      else if (tbl === 'touches') for (const id of ids!) this.dirtyTouches.add(id);
      else if (tbl === 'visits') for (const id of ids!) this.dirtyVisits.add(id);
      else if (tbl === 'settings') this.settingsChanged = true;
      else if (tbl === 'team_members') this.namesStale = true;
    }
  }

  /** Bumped by every full (re)load: a slice-by-slice warm-up that sees it changed stops. */
  private generation = 0;

  /**
   * Loads the model in slices of 1,000 offices between requests, so a big directory's first load
   * (over a second at 50,000 offices and 450,000 touches) never holds the main process in one
   * piece. A request that arrives first loads the rest at once; a change during the warm-up is
   * marked as usual and read at the next request.
   */
  async warm(): Promise<void> {
    if (this.loaded) return;
    const gen = ++this.generation;
    const today = this.ctx.now().slice(0, 10);
    this.refreshShared();
    // The month's at-risk judgement is a piece of its own between requests, like each slice.
    this.refreshRisk(today);
    await new Promise((resolve) => setImmediate(resolve));
    if (gen !== this.generation || this.loaded || !this.ctx.store.sqlite.open) return;
    this.entries = new Map();
    this.dirtyOffices.clear();
    this.dirtyTouches.clear();
    this.dirtyVisits.clear();
    const ids = this.ctx.store.read('SELECT id FROM offices WHERE deleted_at IS NULL AND archived_at IS NULL ORDER BY rowid').pluck().all() as string[];
    for (let i = 0; i < ids.length; i += 1000) {
      await new Promise((resolve) => setImmediate(resolve));
      if (gen !== this.generation || this.loaded || !this.ctx.store.sqlite.open) return;
      this.reload(ids.slice(i, i + 1000), today);
    }
    if (gen === this.generation) this.loaded = true;
  }

  query(q: z.output<typeof WorklistQuery>, today: string, me: string | null): { total: number; rows: WorklistRow[] } {
    this.catchUp(today);
    const todayEpoch = epochDay(today);
    const horizon = q.show === 'week' ? -7 : 0;
    const owner = q.liaison === 'me' ? me : q.liaison === 'all' ? undefined : q.liaison;
    if (owner === null) return { total: 0, rows: [] };
    const tiers = q.tier.length ? new Set<string>(q.tier) : null;
    const stages = q.stage.length ? new Set<string>(q.stage) : null;
    const territory = q.territory.trim().toLowerCase();
    const byZip = /^\d{1,5}$/.test(territory);
    const hits: { e: Entry; late: number }[] = [];
    for (const e of this.entries.values()) {
      if (e.due === null) continue;
      const late = lateness(e, todayEpoch);
      if (late < horizon) continue;
      if (owner !== undefined && e.ownerId !== owner) continue;
      if (tiers && !tiers.has(e.tier ?? 'none')) continue;
      if (stages && !stages.has(e.stage)) continue;
      if (territory && !(byZip ? (e.zip ?? '').startsWith(territory) : e.cityKey === territory)) continue;
      hits.push({ e, late });
    }
    // Offices whose referrals fell first (they are always due), then most overdue; among equals the
    // more valuable tier, then by name.
    hits.sort((a, b) => (a.e.risk ? 0 : 1) - (b.e.risk ? 0 : 1) || b.late - a.late || (TIER_RANK[a.e.tier ?? ''] ?? 3) - (TIER_RANK[b.e.tier ?? ''] ?? 3) || (a.e.nameKey < b.e.nameKey ? -1 : a.e.nameKey > b.e.nameKey ? 1 : 0));
    const rows = hits.slice(q.offset, q.offset + q.limit).map(({ e, late }) => this.row(e, late, today));
    return { total: hits.length, rows };
  }

  /**
   * Offices' names if the model is loaded, brought up to date first (a rename shows at once); null
   * when it is not loaded, and undefined for an office it does not hold (archived), for the caller to read.
   */
  loadedNames(): ((officeId: string) => string | undefined) | null {
    if (!this.loaded) return null;
    this.catchUp(this.ctx.now().slice(0, 10));
    return (id) => this.entries.get(id)?.name;
  }

  /** One office's due state (the office page), fresh. */
  office(officeId: string, today: string): { entry: Entry; late: number } | null {
    this.catchUp(today);
    const e = this.entries.get(officeId);
    return e ? { entry: e, late: lateness(e, epochDay(today)) } : null;
  }

  private row(e: Entry, late: number, today: string): WorklistRow {
    const when = late > 0 ? `${late} day${late === 1 ? '' : 's'} overdue` : late === 0 ? 'Due today' : `Due in ${-late} day${late === -1 ? '' : 's'}`;
    return {
      officeId: e.id,
      name: e.name,
      city: e.city,
      zip: e.zip,
      tier: e.tier,
      stage: e.stage,
      ownerId: e.ownerId,
      ownerName: e.ownerId ? (this.names.get(e.ownerId) ?? null) : null,
      due: e.dueNow ? today : e.due!,
      daysOverdue: late,
      reason: `${when}, ${e.reason.charAt(0).toLowerCase()}${e.reason.slice(1)}`,
      atRisk: e.risk !== null,
      lastTouch: e.last,
      nextPlanned: e.nextPlanned,
    };
  }

  /** Member names and the cadence rules, re-read when they changed; new rules re-work every date. */
  private refreshShared(today = this.ctx.now().slice(0, 10)): void {
    if (this.namesStale) {
      this.names = memberNames(this.ctx.store);
      this.namesStale = false;
    }
    if (!this.settings || this.settingsChanged) {
      // The referral rules share the settings table: a changed at-risk rule re-judges every office.
      if (this.settingsChanged && this.risk && JSON.stringify(readReferralSettings(this.ctx).settings.atRisk) !== this.risk.ruleKey) this.referralsChanged = true;
      const was = JSON.stringify(this.settings);
      this.settings = readCadenceSettings(this.ctx).settings;
      // Other rules share the settings table: only new cadence rules re-work every date.
      if (this.settingsChanged && JSON.stringify(this.settings) !== was) for (const e of this.entries.values()) this.work(e, today);
      this.settingsChanged = false;
    }
  }

  /**
   * Brings the at-risk verdicts up to date: all of them when the month judged or the rule changed
   * (once a month, not per request), else only the offices whose referrals changed. Offices whose
   * verdict changed are re-worked.
   *
   * A changed referral names the office it is at now; one moved away from another office (or
   * erased outright) changes that office too, and nothing names it. Every office's total by month
   * tells: an office can only gain a referral that now names it, so if the offices named account
   * for all the change in the totals, no other office changed; if not (rare: a referral moved
   * between offices), every office is judged again.
   */
  private refreshRisk(today: string): void {
    const month = judgedMonth(today, today);
    const old = this.risk;
    if (!old || old.month !== month || this.referralsChanged) {
      this.referralsChanged = false;
      this.dirtyReferrals.clear();
      const rule = readReferralSettings(this.ctx).settings.atRisk;
      const months = monthsBetween(monthBefore(month, rule.trailingMonths), month);
      const fresh: RiskState = { month, months, rule, ruleKey: JSON.stringify(rule), counts: new Map(), totals: months.map(() => 0), verdicts: new Map() };
      this.judge(fresh, null);
      for (const c of fresh.counts.values()) c.forEach((n, i) => (fresh.totals[i]! += n));
      this.risk = fresh;
      if (this.loaded) for (const id of new Set([...(old?.verdicts.keys() ?? []), ...fresh.verdicts.keys()])) this.rework(id, today);
      return;
    }
    if (!this.dirtyReferrals.size) return;
    const ids = [...this.dirtyReferrals];
    this.dirtyReferrals.clear();
    const offices = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const id of this.ctx.store.read(`SELECT DISTINCT office_id FROM referrals WHERE id IN (${chunk.map(() => '?').join(',')})`).pluck().all(...chunk) as string[]) offices.add(id);
    }
    const zero = old.months.map(() => 0);
    const before = new Map([...offices].map((id) => [id, { counts: old.counts.get(id) ?? zero, verdict: old.verdicts.get(id) ?? null }]));
    this.judge(old, [...offices]);
    const expected = [...old.totals];
    for (const [id, b] of before) (old.counts.get(id) ?? zero).forEach((n, i) => (expected[i]! += n - b.counts[i]!));
    const totals = old.months.map(() => 0);
    for (const [m, n] of this.ctx.store.read(MONTH_TOTALS).raw().all(old.months[0], month) as [string, number][]) totals[old.months.indexOf(m)] = n;
    const moved = totals.some((n, i) => n !== expected[i]);
    if (moved) {
      this.referralsChanged = true;
      this.refreshRisk(today);
    } else old.totals = totals;
    for (const [id, b] of before) if (JSON.stringify(b.verdict) !== JSON.stringify(this.risk!.verdicts.get(id) ?? null)) this.rework(id, today);
  }

  /** Judges the offices given (null: every office) from the monthly pre-aggregate, summed over liaisons. */
  private judge(state: RiskState, officeIds: string[] | null): void {
    const at = new Map(state.months.map((m, i) => [m, i]));
    const add = (rows: [string, string, number][]) => {
      for (const [office, month, n] of rows) {
        let c = state.counts.get(office);
        if (!c) state.counts.set(office, (c = state.months.map(() => 0)));
        c[at.get(month)!] = n;
      }
    };
    const [first, last] = [state.months[0]!, state.month];
    const sql = `SELECT office_id, month, sum(received) AS n FROM referral_office_months WHERE direction = 'in' AND month BETWEEN ? AND ?`;
    if (officeIds === null) {
      state.counts.clear();
      add(this.ctx.store.read(`${sql} GROUP BY office_id, month`).raw().all(first, last) as never);
    } else {
      for (const id of officeIds) state.counts.delete(id);
      for (let i = 0; i < officeIds.length; i += 500) {
        const chunk = officeIds.slice(i, i + 500);
        add(this.ctx.store.read(`${sql} AND office_id IN (${chunk.map(() => '?').join(',')}) GROUP BY office_id, month`).raw().all(first, last, ...chunk) as never);
      }
    }
    for (const id of officeIds ?? state.counts.keys()) {
      const c = state.counts.get(id);
      const v = c ? atRisk(state.month, c, state.rule) : null;
      if (v) state.verdicts.set(id, v);
      else state.verdicts.delete(id);
    }
    if (officeIds === null) for (const id of [...state.verdicts.keys()]) if (!state.counts.has(id)) state.verdicts.delete(id);
  }

  private rework(officeId: string, today: string): void {
    const e = this.entries.get(officeId);
    if (e) this.work(e, today);
  }

  private catchUp(today: string): void {
    this.refreshShared(today);
    this.refreshRisk(today);
    if (!this.loaded) return this.loadAll(today);
    if (this.dirtyTouches.size) {
      for (const id of this.officesOf('touches', this.dirtyTouches)) this.dirtyOffices.add(id);
      this.dirtyTouches.clear();
    }
    if (this.dirtyVisits.size) {
      for (const id of this.officesOf('visits', this.dirtyVisits)) this.dirtyOffices.add(id);
      this.dirtyVisits.clear();
    }
    if (this.dirtyOffices.size) {
      const ids = [...this.dirtyOffices];
      this.dirtyOffices.clear();
      this.reload(ids, today);
    }
  }

  // store.read shares one prepared statement per SQL text, and raw()/pluck() switch it for every
  // user: the statements below are this model's own texts, always read the same way.
  private officesOf(tbl: 'touches' | 'visits', ids: Set<string>): string[] {
    const out: string[] = [];
    const list = [...ids];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const rows = this.ctx.store.read(`SELECT DISTINCT office_id FROM ${tbl} WHERE id IN (${chunk.map(() => '?').join(',')})`).pluck().all(...chunk) as string[];
      out.push(...rows);
    }
    return out;
  }

  private loadAll(today: string): void {
    const store = this.ctx.store;
    this.generation++;
    this.entries = new Map();
    this.dirtyOffices.clear();
    this.dirtyTouches.clear();
    this.dirtyVisits.clear();
    const offices = store.read(`SELECT ${OFFICE_COLUMNS} FROM offices WHERE deleted_at IS NULL AND archived_at IS NULL`).all() as OfficeRecord[];
    const touches = new Map(
      (store.read(`SELECT office_id, min(day), max(day), min(CASE WHEN kind = 'visit' THEN day END) FROM touches t WHERE ${LIVE_TOUCHES} GROUP BY office_id`).raw().all() as Aggregate[]).map(
        (r) => [r[0], r],
      ),
    );
    const planned = new Map(
      store.read(`SELECT office_id, min(starts_at) FROM visits WHERE status = 'planned' AND deleted_at IS NULL GROUP BY office_id`).raw().all() as [string, string][],
    );
    for (const o of offices) {
      const t = touches.get(o.id);
      this.put(o, t ?? null, planned.get(o.id) ?? null, today);
    }
    this.loaded = true;
  }

  private reload(ids: string[], today: string): void {
    const store = this.ctx.store;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const marks = chunk.map(() => '?').join(',');
      for (const id of chunk) this.entries.delete(id);
      const offices = store.read(`SELECT ${OFFICE_COLUMNS} FROM offices WHERE id IN (${marks}) AND deleted_at IS NULL AND archived_at IS NULL`).all(...chunk) as OfficeRecord[];
      const touches = new Map(
        (store.read(`SELECT office_id, min(day), max(day), min(CASE WHEN kind = 'visit' THEN day END) FROM touches t WHERE office_id IN (${marks}) AND ${LIVE_TOUCHES} GROUP BY office_id`)
          .raw()
          .all(...chunk) as Aggregate[]).map((r) => [r[0], r]),
      );
      const planned = new Map(
        store
          .read(`SELECT office_id, min(starts_at) FROM visits WHERE office_id IN (${marks}) AND status = 'planned' AND deleted_at IS NULL GROUP BY office_id`)
          .raw()
          .all(...chunk) as [string, string][],
      );
      for (const o of offices) {
        const t = touches.get(o.id);
        this.put(o, t ?? null, planned.get(o.id) ?? null, today);
      }
    }
  }

  private put(o: OfficeRecord, t: Aggregate | null, nextPlanned: string | null, today: string): void {
    let cadence: OfficeCadence | null = null;
    if (o.cadence) {
      const parsed = OfficeCadence.safeParse(JSON.parse(o.cadence));
      cadence = parsed.success ? parsed.data : null;
    }
    const e: Entry = {
      id: o.id,
      name: o.name,
      nameKey: o.name.toLowerCase(),
      city: o.city,
      cityKey: (o.city ?? '').trim().toLowerCase(),
      zip: o.zip,
      tier: o.tier as Tier | null,
      stage: o.stage as Stage,
      ownerId: o.owner_id,
      cadence,
      first: t?.[1] ?? null,
      firstVisit: t?.[3] ?? null,
      last: t?.[2] ?? null,
      nextPlanned,
      due: null,
      dueNow: false,
      dueEpoch: 0,
      reason: '',
      risk: null,
    };
    this.work(e, today);
    this.entries.set(o.id, e);
  }

  /**
   * Works out the due date. A never-touched prospect is due "today" whatever today is, so its due
   * date is the day it was worked out on; the list compares it as due now (late 0) below.
   */
  private work(e: Entry, today: string): void {
    const d = nextDue(
      {
        tier: e.tier,
        stage: e.stage,
        override: e.cadence && 'every' in e.cadence ? e.cadence.every : null,
        paused: !!e.cadence && 'paused' in e.cadence,
        touches: e.first && e.last ? [e.first, e.last] : [],
        firstVisit: e.firstVisit,
      },
      today,
      this.settings!,
    );
    e.risk = null;
    if (d.state === 'paused') {
      e.due = null;
      e.reason = d.reason;
      return;
    }
    // Never touched: due now, which stays true on later days (lateness() and row() use the asking day).
    e.due = d.due;
    e.dueNow = d.interval === null || !e.last;
    e.dueEpoch = epochDay(d.due);
    e.reason = d.reason;
    // Referrals fell last month: due now until a complete month no longer judges it at risk. A touch
    // since that month ended answers it (the fall was known, and acted on), so the office goes back to
    // its cadence from that touch; a paused office stays paused (someone chose that for a reason).
    const risk = this.risk?.verdicts.get(e.id);
    if (risk && !(e.last && e.last >= `${monthBefore(risk.month, -1)}-01`)) {
      e.risk = risk;
      if (e.due > today) e.dueNow = true;
      e.reason = `${atRiskReason(risk, this.risk!.rule.trailingMonths)}; ${d.reason.charAt(0).toLowerCase()}${d.reason.slice(1)}`;
    }
  }
}

const worklists = new WeakMap<ChangeFeed, Worklist>();

/** The app's worklist: made on first use, then kept current by the change feed. */
export function worklist(ctx: Ctx): Worklist {
  let w = worklists.get(ctx.feed);
  if (!w) {
    const made = new Worklist(ctx);
    ctx.feed.subscribe((batch) => made.onChanges(batch));
    worklists.set(ctx.feed, (w = made));
  }
  return w;
}
