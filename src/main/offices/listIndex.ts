import type { z } from 'zod';
import type { OfficeListQuery, OfficeListResult, OfficeQuery, SortableColumn } from '../../shared/domain/office';
import { compareEntries, listEntry, officePredicate, searchTerms, sortKey, type ListEntry } from '../../shared/officeSearch';
import { idIn } from '../db/idList';
import type { Store } from '../db/store';
import { officeRowFromRecord } from './rows';

/** A list query after validation and defaults, as the handler receives it. */
export type ParsedQuery = z.output<typeof OfficeQuery>;
export type ParsedListQuery = z.output<typeof OfficeListQuery>;

const LIST_COLUMNS = [
  'id', 'name', 'kind', 'specialties', 'phone', 'npi', 'tier', 'stage', 'owner', 'tags', 'updated_at', 'archived_at', 'city', 'state', 'zip',
] as const;
/** Past this many changed offices, reloading all of them is cheaper than one by one. */
const FULL_RELOAD_AFTER = 2000;

/**
 * The office list as a read model in memory: every live office's list columns, with sort orders
 * built on first use. Quick search, filters, sorting and paging over 50,000 offices then cost a
 * millisecond or two in any combination, where SQL would need an index per combination and still
 * scan for substring search. SQLite stays the truth: writes mark rows dirty and the next query
 * re-reads exactly those rows.
 */
export class OfficeListIndex {
  private entries: ListEntry[] = [];
  private pos = new Map<string, number>();
  private orders = new Map<string, Int32Array>();
  /** every entry's search text joined by newlines (terms never contain one), with each start */
  private haystack: { text: string; starts: Int32Array } | null = null;
  private loaded = false;
  private dirty = new Set<string>();

  constructor(private readonly store: Store) {}

  /** An office was written (or, with null, anything may have changed: a rollback, a sync). */
  changed(id: string | null): void {
    if (!this.loaded) return;
    if (id === null || this.dirty.size >= FULL_RELOAD_AFTER) {
      this.loaded = false;
      this.dirty.clear();
    } else {
      this.dirty.add(id);
    }
  }

  /** Loads the model ahead of the first query (at start, while the window is still loading). */
  warm(): void {
    if (this.store.sqlite.open) this.refresh();
  }

  query(q: ParsedListQuery): OfficeListResult {
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
    const test = officePredicate(q.search, q.filters, q.includeArchived);
    const terms = searchTerms(q.search);
    // The longest term is the most selective: find its offices in one native scan first.
    const matches = terms.length ? this.officesContaining(terms.reduce((a, b) => (b.length > a.length ? b : a))) : new Uint8Array(this.entries.length).fill(1);
    // Test offices in memory order (cache-friendly), then walk the sort order over the result.
    for (let i = 0; i < matches.length; i++) if (matches[i] === 1 && !test(this.entries[i]!)) matches[i] = 0;
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
   * Which offices' search text contains `term`: String.indexOf over all of them joined into one
   * string runs natively and skips non-matching text quickly, where 50,000 includes() calls do not.
   */
  private officesContaining(term: string): Uint8Array {
    if (!this.haystack) {
      const starts = new Int32Array(this.entries.length);
      let at = 0;
      this.entries.forEach((e, i) => {
        starts[i] = at;
        at += e.search.length + 1;
      });
      this.haystack = { text: this.entries.map((e) => e.search).join('\n'), starts };
    }
    const { text, starts } = this.haystack;
    const found = new Uint8Array(this.entries.length);
    let pos = text.indexOf(term);
    while (pos !== -1) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= pos) lo = mid;
        else hi = mid - 1;
      }
      found[lo] = 1;
      pos = lo + 1 < starts.length ? text.indexOf(term, starts[lo + 1]!) : -1;
    }
    return found;
  }

  private order(column: SortableColumn, desc: boolean): Int32Array {
    const key = `${column}:${desc}`;
    let order = this.orders.get(key);
    if (!order) {
      const keys = this.entries.map((e) => sortKey(e, column));
      const ids = this.entries.map((e) => e.row.id);
      order = Int32Array.from(this.entries.keys()).sort((a, b) => compareEntries(keys[a]!, ids[a]!, keys[b]!, ids[b]!, desc));
      this.orders.set(key, order);
    }
    return order;
  }

  private select() {
    return this.store.q.selectFrom('offices').select(LIST_COLUMNS).where('deleted_at', 'is', null);
  }

  private refresh(): void {
    if (!this.loaded) {
      this.entries = this.store.all(this.select()).map((r) => listEntry(officeRowFromRecord(r)));
      this.pos = new Map(this.entries.map((e, i) => [e.row.id, i]));
      this.orders.clear();
      this.haystack = null;
      this.dirty.clear();
      this.loaded = true;
      return;
    }
    if (this.dirty.size === 0) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    const fresh = new Map(this.store.all(this.select().where(idIn(ids))).map((r) => [r.id, officeRowFromRecord(r)] as const));
    for (const id of ids) {
      const row = fresh.get(id);
      const at = this.pos.get(id);
      if (row && at !== undefined) this.entries[at] = listEntry(row);
      else if (row) {
        this.pos.set(id, this.entries.length);
        this.entries.push(listEntry(row));
      } else if (at !== undefined) {
        // Gone (deleted, or its insert rolled back): move the last entry into its slot.
        const last = this.entries.pop()!;
        this.pos.delete(id);
        if (last.row.id !== id) {
          this.entries[at] = last;
          this.pos.set(last.row.id, at);
        }
      }
    }
    this.orders.clear();
    this.haystack = null;
  }
}
