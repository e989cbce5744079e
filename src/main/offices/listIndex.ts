import type { z } from 'zod';
import type { OfficeListQuery, OfficeListResult, OfficeQuery, OfficeRow, SortableColumn } from '../../shared/domain/office';
import { compareEntries, listEntry, officePredicate, searchTerms, sortKey, type ListEntry } from '../../shared/officeSearch';
import type { Ctx } from '../context';
import type { ChangeFeed } from '../db/changeFeed';
import { idIn } from '../db/idList';
import type { Store } from '../db/store';
import { memberNames } from '../team/names';
import { officeRowFromRecord, type OfficeListRecord } from './rows';

/** A list query after validation and defaults, as the handler receives it. */
export type ParsedQuery = z.output<typeof OfficeQuery>;
export type ParsedListQuery = z.output<typeof OfficeListQuery>;

const LIST_COLUMNS = [
  'id', 'name', 'kind', 'specialties', 'phone', 'npi', 'tier', 'stage', 'owner_id', 'tags', 'updated_at', 'archived_at', 'city', 'state', 'zip',
] as const;
/** Offices per search-text chunk: an edit rebuilds one chunk's text, not all of them. */
const CHUNK = 1024;
/** Rows read per slice while loading in the background (about 10 ms), between which requests and page files are served. */
const LOAD_SLICE = 1000;
/** Ids re-read per statement when applying changes. */
const READ_BATCH = 500;

/** What the first screen needs while the model loads: the count, and the name order when SQLite cannot give it. */
interface FirstScreen {
  total: number;
  order: { id: string; key: string }[] | null;
  desc?: { id: string; key: string }[];
}

interface Chunk {
  text: string;
  /** where each office's text starts in `text` */
  starts: Int32Array;
}

/**
 * The office list as a read model in memory: every live office's list columns, a sort order per
 * column (built on first use), and the search text in chunks. Quick search, filters, sorting and
 * paging over 50,000 offices then cost a millisecond or two in any combination, where SQL would
 * need an index per combination and still scan for substring search.
 *
 * It is fed by the change feed: a committed write re-reads exactly the changed rows, moves them
 * within each sort order (one merge pass, no re-sort) and rebuilds only their search chunks, so
 * the list stays fast while visits, imports and sync write to offices all day. SQLite stays the
 * truth. At start it loads in slices between requests; until it is complete, the first screen
 * (the default sort, nothing typed) is answered straight from SQLite.
 */
export class OfficeListIndex {
  private entries: (ListEntry | null)[] = [];
  private pos = new Map<string, number>();
  private dead = 0;
  private keys = new Map<SortableColumn, string[]>();
  private orders = new Map<string, Int32Array>();
  private charHits = new Map<string, Uint8Array>();
  private chunks: (Chunk | null)[] = [];
  private state: 'empty' | 'loading' | 'ready' = 'empty';
  private loadedRowid = 0;
  private dirty = new Set<string>();
  private loading: Promise<void> | null = null;
  /** the first screen's count (and order, for names beyond ASCII), from SQLite while loading */
  private nameOrder: FirstScreen | null = null;
  /** team members' names by id, for the Liaison column; read whole (a team is small) when a member changes */
  private members: Map<string, string> | null = null;
  private readonly nameOf = (id: string) => this.memberNames().get(id) ?? null;

  constructor(private readonly store: Store) {}

  private memberNames(): Map<string, string> {
    return (this.members ??= memberNames(this.store));
  }

  /**
   * Team members were written: offices they own show (and sort and match by) the new name. Those
   * offices are re-read like edited ones; which they are is known from the model itself.
   */
  membersChanged(ids: readonly string[]): void {
    this.members = null;
    this.nameOrder = null;
    if (this.state === 'empty') return;
    const changed = new Set(ids);
    for (const e of this.entries) if (e?.row.ownerId && changed.has(e.row.ownerId)) this.dirty.add(e.row.id);
  }

  /** Offices were written and committed; their new state is read on the next query. */
  changed(ids: readonly string[]): void {
    this.nameOrder = null;
    if (this.state === 'empty') return;
    for (const id of ids) this.dirty.add(id);
  }

  /** Told of a failure while loading off the request path (a damaged page, say); it never throws. */
  onLoadFailure: (e: unknown) => void = (e) => console.error('[offices] the office list could not be loaded:', e);

  /**
   * Loads the model in slices, answering requests in between (start-up, after the window shows).
   * Never rejects: it runs off the request path, and a failure is reported, then met again (and
   * answered) by the next query that needs the model.
   */
  warm(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve();
    this.loading ??= (async () => {
      try {
        while (this.state !== 'ready' && this.store.sqlite.open) {
          this.loadSlice(LOAD_SLICE);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } catch (e) {
        this.onLoadFailure(e);
      }
    })().finally(() => (this.loading = null));
    return this.loading;
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  query(q: ParsedListQuery): OfficeListResult {
    if (this.state !== 'ready' && isFirstScreen(q)) return this.firstScreenFromSql(q);
    const ids = this.matchingIds(q, q.offset, q.limit);
    return { total: ids.total, rows: ids.page.map((i) => this.entries[i]!.row) };
  }

  /** Every matching office id in list order (for export). */
  allIds(q: ParsedQuery): string[] {
    return this.matchingIds(q, 0, Number.MAX_SAFE_INTEGER).page.map((i) => this.entries[i]!.row.id);
  }

  private matchingIds(q: ParsedQuery, offset: number, limit: number): { total: number; page: number[] } {
    this.refresh();
    const order = this.order(q.sort.column, q.sort.desc);
    const terms = searchTerms(q.search);
    const n = this.entries.length;
    // The longest term is the most selective: find its offices in one native scan first. A lone
    // one-letter term (the first keystroke) matches nearly everyone: a kept per-letter map answers
    // it whole, so the offices found need no search test at all.
    const longest = terms.reduce((a, b) => (b.length > a.length ? b : a), '');
    const whole = terms.length === 1 && longest.length === 1;
    // The offices found already contain the longest term: test only the others (and the filters).
    const others = [...terms];
    others.splice(others.indexOf(longest), 1);
    const test = officePredicate(others.join(' '), q.filters, q.includeArchived);
    const matches = whole ? this.withChar(longest).slice() : terms.length ? this.officesContaining(longest) : new Uint8Array(n).fill(1);
    // Test offices in memory order (cache-friendly), then walk the sort order over the result.
    for (let i = 0; i < n; i++) {
      if (matches[i] === 1) {
        const e = this.entries[i];
        if (!e || !test(e)) matches[i] = 0;
      }
    }
    const page: number[] = [];
    let total = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (matches[i] === 0) continue;
      if (total >= offset && page.length < limit) page.push(i);
      total++;
    }
    return { total, page };
  }

  /**
   * Which offices' search text contains `term`: String.indexOf over each chunk's texts joined
   * into one string runs natively and skips non-matching text quickly, where 50,000 includes()
   * calls do not.
   */
  private officesContaining(term: string): Uint8Array {
    const found = new Uint8Array(this.entries.length);
    const chunkCount = Math.ceil(this.entries.length / CHUNK);
    for (let c = 0; c < chunkCount; c++) {
      const { text, starts } = this.chunk(c);
      // Hits come in text order, so the office they fall in only ever moves forward.
      let at = 0;
      let pos = text.indexOf(term);
      while (pos !== -1) {
        while (at + 1 < starts.length && starts[at + 1]! <= pos) at++;
        found[c * CHUNK + at] = 1;
        pos = at + 1 < starts.length ? text.indexOf(term, starts[at + 1]!) : -1;
      }
    }
    return found;
  }

  /** Which offices' search text holds this one character, kept current like the sort orders. */
  private withChar(ch: string): Uint8Array {
    let hits = this.charHits.get(ch);
    if (!hits) {
      hits = new Uint8Array(this.entries.length);
      for (let i = 0; i < hits.length; i++) if (this.entries[i]?.search.includes(ch)) hits[i] = 1;
      this.charHits.set(ch, hits);
    }
    return hits;
  }

  private chunk(c: number): Chunk {
    let chunk = this.chunks[c];
    if (!chunk) {
      const end = Math.min(this.entries.length, (c + 1) * CHUNK);
      const texts: string[] = [];
      const starts = new Int32Array(end - c * CHUNK);
      let at = 0;
      for (let i = c * CHUNK; i < end; i++) {
        const t = this.entries[i]?.search ?? '';
        starts[i - c * CHUNK] = at;
        at += t.length + 1;
        texts.push(t);
      }
      // Terms never contain a newline, so no match spans two offices.
      chunk = { text: texts.join('\n'), starts };
      this.chunks[c] = chunk;
    }
    return chunk;
  }

  private keysFor(column: SortableColumn): string[] {
    let keys = this.keys.get(column);
    if (!keys) {
      keys = this.entries.map((e) => (e ? sortKey(e, column) : ''));
      this.keys.set(column, keys);
    }
    return keys;
  }

  private comparator(column: SortableColumn, desc: boolean): (a: number, b: number) => number {
    const keys = this.keysFor(column);
    const entries = this.entries;
    return (a, b) => compareEntries(keys[a]!, entries[a]!.row.id, keys[b]!, entries[b]!.row.id, desc);
  }

  private order(column: SortableColumn, desc: boolean): Int32Array {
    const key = `${column}:${desc}`;
    let order = this.orders.get(key);
    if (!order) {
      const live: number[] = [];
      this.entries.forEach((e, i) => e && live.push(i));
      order = Int32Array.from(live).sort(this.comparator(column, desc));
      this.orders.set(key, order);
    }
    return order;
  }

  private select() {
    return this.store.q.selectFrom('offices').select(LIST_COLUMNS).where('deleted_at', 'is', null);
  }

  private reset(): void {
    this.entries = [];
    this.pos.clear();
    this.dead = 0;
    this.keys.clear();
    this.orders.clear();
    this.charHits.clear();
    this.chunks = [];
    this.dirty.clear();
    this.loadedRowid = 0;
    this.nameOrder = null;
    this.members = null;
    this.state = 'empty';
  }

  /** Reads the next rows in storage order; marks the model ready when none are left. */
  private loadSlice(limit: number): void {
    if (this.state === 'empty') this.state = 'loading';
    // Rows read inside a transaction still open must be forgotten if it rolls back. (Anyone
    // else's open transaction, an import between batches, is invisible: reads go to the reader.)
    if (this.store.insideTransaction) this.store.afterRollback(() => this.reset());
    const rows = this.store
      .read(`SELECT rowid AS _rowid, ${LIST_COLUMNS.join(', ')} FROM offices WHERE deleted_at IS NULL AND rowid > ? ORDER BY rowid LIMIT ?`)
      .all(this.loadedRowid, limit) as (OfficeListRecord & { _rowid: number })[];
    for (const r of rows) {
      this.pos.set(r.id, this.entries.length);
      this.entries.push(listEntry(officeRowFromRecord(r, this.nameOf)));
    }
    if (rows.length > 0) {
      this.loadedRowid = rows.at(-1)!._rowid;
      this.orders.clear();
      this.keys.clear();
      this.charHits.clear();
      this.chunks = [];
    }
    if (rows.length < limit) this.state = 'ready';
  }

  /** Brings the model up to date: finishes loading, then applies committed changes. */
  private refresh(): void {
    while (this.state !== 'ready') this.loadSlice(50_000);
    this.nameOrder = null;
    if (this.dirty.size === 0) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    if (ids.length > this.entries.length / 2) {
      // Most of the list changed (a large import): loading afresh is cheaper than merging.
      this.reset();
      this.refresh();
      return;
    }
    this.apply(ids);
  }

  /** Re-reads these offices and moves each within every sort order built so far. */
  private apply(ids: string[]): void {
    // Read inside an open transaction, these rows are forgotten if it rolls back.
    if (this.store.insideTransaction) this.store.afterRollback(() => this.reset());
    const fresh = new Map<string, OfficeRow>();
    for (let i = 0; i < ids.length; i += READ_BATCH) {
      for (const r of this.store.all(this.select().where(idIn(ids.slice(i, i + READ_BATCH))))) fresh.set(r.id, officeRowFromRecord(r, this.nameOf));
    }
    const touched: number[] = [];
    // Only an edit of an office already listed (no create, no delete) can move within the orders in place.
    let onlyEdits = true;
    for (const id of ids) {
      const row = fresh.get(id);
      const at = this.pos.get(id);
      if (!row || at === undefined) onlyEdits = false;
      if (row) {
        const i = at ?? this.entries.length;
        if (at === undefined) this.pos.set(id, i);
        this.entries[i] = listEntry(row);
        touched.push(i);
      } else if (at !== undefined) {
        // Gone (deleted): a tombstone keeps every other office's position.
        this.entries[at] = null;
        this.pos.delete(id);
        this.dead++;
        touched.push(at);
      }
      if (row || at !== undefined) this.chunks[Math.floor((at ?? this.pos.get(id)!) / CHUNK)] = null;
    }
    if (this.dead > this.entries.length / 4) {
      this.reset();
      this.refresh();
      return;
    }
    for (const [ch, hits] of this.charHits) {
      const grown = hits.length < this.entries.length ? new Uint8Array(this.entries.length) : hits;
      if (grown !== hits) grown.set(hits);
      for (const i of touched) grown[i] = this.entries[i]?.search.includes(ch) ? 1 : 0;
      this.charHits.set(ch, grown);
    }
    for (const [column, keys] of this.keys) {
      for (const i of touched) keys[i] = this.entries[i] ? sortKey(this.entries[i], column) : '';
    }
    for (const [key, order] of this.orders) {
      const [column, desc] = key.split(':') as [SortableColumn, string];
      const cmp = this.comparator(column, desc === 'true');
      // One edit moves in place; with several, the others would still sit at their old places
      // under their new keys, and a binary search needs the rest of the order sorted.
      if (onlyEdits && touched.length === 1) moveInPlace(order, touched[0]!, cmp);
      else this.orders.set(key, this.remerge(order, touched, cmp));
    }
  }

  /**
   * The order without the touched offices, with the live ones among them put back in place:
   * one pass that compares nothing, then a binary search per touched office, so an edit costs
   * O(n) copying plus O(k log n) comparisons instead of a re-sort (or one linear merge when k is large).
   */
  private remerge(order: Int32Array, touched: number[], cmp: (a: number, b: number) => number): Int32Array {
    const isTouched = new Uint8Array(this.entries.length);
    for (const i of touched) isTouched[i] = 1;
    const kept = new Int32Array(order.length);
    let m = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (isTouched[i] === 0) kept[m++] = i;
    }
    const add = touched.filter((i) => this.entries[i] !== null).sort(cmp);
    const out = new Int32Array(m + add.length);
    let n = 0;
    let from = 0;
    if (add.length * Math.log2(m + 2) > m) {
      // Many changed (an import, a pull): one linear merge compares less than a search each.
      let a = 0;
      for (let k = 0; k < m; k++) {
        const i = kept[k]!;
        while (a < add.length && cmp(add[a]!, i) < 0) out[n++] = add[a++]!;
        out[n++] = i;
      }
      while (a < add.length) out[n++] = add[a++]!;
      return out;
    }
    for (const i of add) {
      let lo = from;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmp(kept[mid]!, i) < 0) lo = mid + 1;
        else hi = mid;
      }
      out.set(kept.subarray(from, lo), n);
      n += lo - from;
      out[n++] = i;
      from = lo;
    }
    out.set(kept.subarray(from, m), n);
    return out;
  }

  /** The default first screen, straight from SQLite while the model is still loading. */
  private firstScreenFromSql(q: ParsedListQuery): OfficeListResult {
    const { total, pageIds } = this.firstScreenIds(q);
    // The page is up and asking: load the model now, in slices between its requests.
    if (!this.loading) setImmediate(() => void this.warm());
    const rows = new Map(this.store.all(this.select().where(idIn(pageIds))).map((r) => [r.id, officeRowFromRecord(r, this.nameOf)]));
    return { total, rows: pageIds.map((id) => rows.get(id)!) };
  }

  private firstScreenIds(q: ParsedListQuery): { total: number; pageIds: string[] } {
    const names = this.prepareFirstScreen();
    if (names.order === null) {
      // SQLite picks the page itself: with plain-ASCII names its lower() and JS's toLowerCase()
      // agree, and so do its byte order and JS's code-unit order, so the order is the model's.
      const dir = q.sort.desc ? 'DESC' : 'ASC';
      const pageIds = (
        this.store
          .read(`SELECT id FROM offices WHERE ${LIVE} ORDER BY lower(name) ${dir}, id ${dir} LIMIT ? OFFSET ?`)
          .pluck()
          .all(q.limit, q.offset) as string[]
      );
      return { total: names.total, pageIds };
    }
    // Descending is not simply reversed: blanks sort last either way.
    const order = q.sort.desc ? (names.desc ??= [...names.order].sort((a, b) => compareEntries(a.key, a.id, b.key, b.id, true))) : names.order;
    return { total: order.length, pageIds: order.slice(q.offset, q.offset + q.limit).map((e) => e.id) };
  }

  /**
   * What the first screen needs, straight from SQLite, kept until an office changes (run at start,
   * while the window loads): how many offices are listed, and, only if some name has a character
   * outside plain ASCII (where SQLite's lower() and JS's differ) or is empty (which the model sorts
   * last), the whole order sorted in JS
   * exactly as the model sorts (lower-cased name, then id).
   */
  prepareFirstScreen(): FirstScreen {
    let names = this.nameOrder;
    if (!names) {
      const { total, other } = this.store
        .read(`SELECT count(*) AS total, count(CASE WHEN name GLOB '*[^ -~]*' OR name = '' OR instr(name, char(0)) > 0 THEN 1 END) AS other FROM offices WHERE ${LIVE}`)
        .get() as { total: number; other: number };
      let order: { id: string; key: string }[] | null = null;
      if (other > 0) {
        const named = this.store.read(`SELECT id, name FROM offices WHERE ${LIVE}`).raw().all() as [string, string][];
        order = named.map(([id, name]) => ({ id, key: name.toLowerCase() })).sort((a, b) => compareEntries(a.key, a.id, b.key, b.id, false));
      }
      names = { total, order };
      // Never kept while a transaction is open: it may yet commit (or roll back) what was read.
      if (!this.store.sqlite.inTransaction) this.nameOrder = names;
    }
    return names;
  }
}

/** The offices the first screen lists: live and not archived. */
const LIVE = 'deleted_at IS NULL AND archived_at IS NULL';

/**
 * One edited office to its new place in a sort order, in the array itself: two native block moves
 * and a binary search, no allocation (the usual edit, at any list size).
 */
function moveInPlace(order: Int32Array, i: number, cmp: (a: number, b: number) => number): void {
  const from = order.indexOf(i);
  const last = order.length - 1;
  order.copyWithin(from, from + 1);
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(order[mid]!, i) < 0) lo = mid + 1;
    else hi = mid;
  }
  order.copyWithin(lo + 1, lo, last);
  order[lo] = i;
}

function isFirstScreen(q: ParsedListQuery): boolean {
  return q.search.trim() === '' && !q.includeArchived && Object.values(q.filters).every((v) => v === undefined || (Array.isArray(v) && v.length === 0)) && q.sort.column === 'name';
}

const indexes = new WeakMap<ChangeFeed, OfficeListIndex>();

/** The office list of an app: made on first use, then kept current by the change feed. */
export function officeList(ctx: Ctx): OfficeListIndex {
  let index = indexes.get(ctx.feed);
  if (!index) {
    const made = new OfficeListIndex(ctx.store);
    made.onLoadFailure = (e) => {
      ctx.gate.health.notice(e);
      console.error('[offices] the office list could not be loaded:', e);
    };
    ctx.feed.subscribe((batch) => {
      // Members first: an office written in the same batch is then read with its owner's new name.
      const members = batch.tables.team_members;
      if (members) made.membersChanged(members);
      const ids = batch.tables.offices;
      if (ids) made.changed(ids);
    });
    indexes.set(ctx.feed, (index = made));
  }
  return index;
}
