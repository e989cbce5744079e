import type { Ctx } from '../context';
import type { ChangeBatch, ChangeFeed } from '../db/changeFeed';

/** A month as a number (year × 12 + month − 1), so windows compare without strings. */
export const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** One office's incoming referrals counted toward one liaison, month by month (sorted, sparse). */
export interface Series {
  office: string;
  /** '' for nobody */
  liaison: string;
  months: Int32Array;
  /** the first month with a referral received (Infinity if none) */
  first: number;
  received: Int32Array;
  seen: Int32Array;
  lost: Int32Array;
}

export interface Sums {
  received: number;
  seen: number;
  lost: number;
}

type Row = [office: string, liaison: string, month: string, received: number, seen: number, lost: number];

/**
 * Groups rows sorted by office, liaison and month into series. Rows are consumed as they come
 * (`iterate()`, not `all()`): the first load reads ~450,000 of them at two million referrals, and
 * holding them all at once left the next requests a major collection to pay for.
 */
function build(rows: Iterable<Row>): Map<string, Series[]> {
  const byOffice = new Map<string, Series[]>();
  let group: Row[] = [];
  const flush = () => {
    if (!group.length) return;
    const [office, liaison] = group[0]!;
    const n = group.length;
    const s: Series = { office, liaison, months: new Int32Array(n), first: Infinity, received: new Int32Array(n), seen: new Int32Array(n), lost: new Int32Array(n) };
    for (let k = 0; k < n; k++) {
      const r = group[k]!;
      s.months[k] = monthIndex(r[2]);
      if (r[3] > 0 && s.first === Infinity) s.first = s.months[k]!;
      s.received[k] = r[3];
      s.seen[k] = r[4];
      s.lost[k] = r[5];
    }
    const list = byOffice.get(office);
    if (list) list.push(s);
    else byOffice.set(office, [s]);
    group = [];
  };
  for (const r of rows) {
    if (group.length && (group[0]![0] !== r[0] || group[0]![1] !== r[1])) flush();
    group.push(r);
  }
  flush();
  return byOffice;
}

const SERIES_SQL = `SELECT office_id, liaison_id, month, received, seen, lost FROM referral_office_months WHERE direction = 'in'`;

/**
 * The incoming referral counts per office, liaison and month, in memory: the dashboard sums any
 * window over every office, and at two million referrals a GROUP BY over the window's rows of
 * `referral_office_months` takes 40–130 ms a pass (it sorts by office), several passes a request.
 * Here a pass is a walk over typed arrays. The table stays the truth; this is a read model of it,
 * fed by the change feed like the worklist: a referral write re-reads the office it now names,
 * and a check of the month totals against `referral_mix_months` (small) catches what that misses
 * (a referral moved to another office leaves the first stale) and reloads everything.
 */
export class ReferralMonths {
  private byOffice = new Map<string, Series[]>();
  private loaded = false;
  private dirty = new Set<string>();

  constructor(private readonly ctx: Ctx) {}

  onChanges(batch: ChangeBatch): void {
    for (const [tbl, ids] of Object.entries(batch.tables)) {
      if (tbl === '*' || (tbl === 'referrals' && ids === null)) this.loaded = false;
      else if (tbl === 'referrals') for (const id of ids!) this.dirty.add(id);
    }
  }

  /** Every office's series, current with the database. */
  offices(): ReadonlyMap<string, readonly Series[]> {
    this.refresh();
    return this.byOffice;
  }

  private refresh(): void {
    const sqlite = this.ctx.store.sqlite;
    if (!this.loaded) return this.loadAll();
    if (this.dirty.size === 0) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    const offices = sqlite.prepare(`SELECT DISTINCT r.office_id FROM json_each(?) j JOIN referrals r ON r.id = j.value`).pluck().all(JSON.stringify(ids)) as string[];
    const one = sqlite.prepare(`${SERIES_SQL} AND office_id = ? ORDER BY liaison_id, month`).raw();
    for (const office of offices) {
      const fresh = build(one.iterate(office) as Iterable<Row>).get(office);
      if (fresh) this.byOffice.set(office, fresh);
      else this.byOffice.delete(office);
    }
    if (!this.agreesWithTotals()) this.loadAll();
  }

  private loadAll(): void {
    this.byOffice = build(this.ctx.store.sqlite.prepare(`${SERIES_SQL} ORDER BY office_id, liaison_id, month`).raw().iterate() as Iterable<Row>);
    this.dirty.clear();
    this.loaded = true;
  }

  /** The model's received per month against the mix table's (kept by the same triggers). */
  private agreesWithTotals(): boolean {
    const truth = this.ctx.store.sqlite.prepare(`SELECT month, sum(received) FROM referral_mix_months WHERE direction = 'in' GROUP BY month`).raw().all() as [string, number][];
    const mine = new Map<number, number>();
    for (const list of this.byOffice.values()) {
      for (const s of list) for (let k = 0; k < s.months.length; k++) mine.set(s.months[k]!, (mine.get(s.months[k]!) ?? 0) + s.received[k]!);
    }
    for (const [month, n] of truth) if ((mine.get(monthIndex(month)) ?? 0) !== n) return false;
    for (const [m, n] of mine) if (n !== 0 && !truth.some(([month]) => monthIndex(month) === m)) return false;
    return true;
  }
}

/** The index of the first of a series' (sorted) months at or after `month`. */
export function startAt(months: Int32Array, month: number): number {
  let [a, b] = [0, months.length];
  while (a < b) {
    const mid = (a + b) >> 1;
    if (months[mid]! < month) a = mid + 1;
    else b = mid;
  }
  return a;
}

const models = new WeakMap<ChangeFeed, ReferralMonths>();

/** The app's model: made on first use, then kept current by the change feed. */
export function referralMonths(ctx: Ctx): ReferralMonths {
  let m = models.get(ctx.feed);
  if (!m) {
    const made = new ReferralMonths(ctx);
    ctx.feed.subscribe((batch) => made.onChanges(batch));
    models.set(ctx.feed, (m = made));
  }
  return m;
}
