import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiMethod } from '../../../shared/api/methods';
import { api, type ApiInput, type ApiOutput } from '../api';
import { notifyError } from '../notify';

/** The API methods that page: their input takes `offset` and `limit`, their output is `{ total, rows }`. */
export type PagedMethod = {
  [M in ApiMethod]: 'offset' extends keyof ApiInput<M>
    ? 'limit' extends keyof ApiInput<M>
      ? ApiOutput<M> extends { total: number; rows: readonly unknown[] }
        ? M
        : never
      : never
    : never;
}[ApiMethod];

export type PagedRow<M extends PagedMethod> = ApiOutput<M> extends { rows: readonly (infer T)[] } ? T : never;
/** Everything a paged method takes except the page itself, which the hook chooses. */
export type PagedQuery<M extends PagedMethod> = Omit<ApiInput<M>, 'offset' | 'limit'>;

/** A server-sorted, server-filtered list as DataTable reads it: any row by index, once its block has arrived. */
export interface PagedRows<T> {
  /** null until the first answer */
  total: number | null;
  rowAt(index: number): T | undefined;
  /** The rows the table shows now; fetches the blocks they fall in that are missing or out of date. */
  ensureRange(first: number, last: number): void;
  /**
   * Re-fetches the rows on screen in place: the old rows stay until the new ones arrive, the scroll
   * position is kept and the total follows. Blocks off screen are marked out of date and re-fetched
   * when they come back into view, so a refresh costs a screenful whatever was scrolled through.
   * Calls while one runs are folded into one more run after it, so it is safe to call per change event.
   */
  refresh(): void;
  /** changes whenever rows or total change: a cheap dependency and the table's data-version */
  version: number;
  /** changes with the query: the table starts a new query at the top */
  queryKey: string;
}

type Page<T> = { total: number; rows: T[] };

/**
 * One query's rows. A new query gets a new session, and answers for a closed one are dropped.
 * A class, so the bookkeeping that changes between renders lives behind methods, not in state.
 */
class Session<T> {
  private readonly blocks = new Map<number, T[]>();
  /** loaded before the last refresh and not fetched again since: shown until replaced */
  private readonly stale = new Set<number>();
  /** block → the refresh epoch it was asked for in */
  private readonly pending = new Map<number, number>();
  private epoch = 0;
  private view: [number, number] = [0, 0];
  private refreshing = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly fetchBlock: (block: number) => Promise<Page<T>>,
    private readonly blockSize: number,
    private readonly onChange: (total: number) => void,
    private readonly onError: (e: unknown) => void,
  ) {}

  open(): void {
    // On every mount, not only at creation: StrictMode mounts twice with the same session.
    this.closed = false;
    this.loadBlock(0);
  }

  close(): void {
    this.closed = true;
  }

  rowAt(i: number): T | undefined {
    return this.blocks.get(Math.floor(i / this.blockSize))?.[i % this.blockSize];
  }

  ensureRange(first: number, last: number): void {
    this.view = [first, last];
    for (let b = Math.floor(first / this.blockSize); b <= Math.floor(last / this.blockSize); b++) this.loadBlock(b);
  }

  refresh(): void {
    if (this.closed) return;
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = true;
    this.again = false;
    this.epoch += 1;
    const wanted = new Set(this.pending.keys());
    for (let b = Math.floor(this.view[0] / this.blockSize); b <= Math.floor(this.view[1] / this.blockSize); b++) wanted.add(b);
    for (const b of this.blocks.keys()) if (!wanted.has(b)) this.stale.add(b);
    Promise.all([...wanted].map((b) => this.fetchBlock(b).then((page) => [b, page] as const)))
      .then(
        (answers) => {
          if (this.closed) return;
          // All at once, so the screen never mixes rows from before and after the change.
          for (const [b, page] of answers) this.store(b, page);
          this.onChange(answers.at(-1)?.[1].total ?? 0);
        },
        (e: unknown) => {
          if (!this.closed) this.onError(e);
        },
      )
      .finally(() => {
        this.refreshing = false;
        if (this.again) this.refresh();
      });
  }

  private store(block: number, page: Page<T>): void {
    if (page.rows.length) this.blocks.set(block, page.rows);
    else this.blocks.delete(block); // past the end now; fetched again if the list grows back
    this.stale.delete(block);
  }

  private loadBlock(block: number): void {
    if (this.closed || this.pending.has(block) || (this.blocks.has(block) && !this.stale.has(block))) return;
    const epoch = this.epoch;
    this.pending.set(block, epoch);
    this.fetchBlock(block)
      .then(
        (page) => {
          // A refresh that started since asked for this block too, and its answer is the newer one.
          if (this.closed || epoch !== this.epoch) return;
          this.store(block, page);
          this.onChange(page.total);
        },
        (e: unknown) => {
          if (!this.closed) this.onError(e);
        },
      )
      .finally(() => {
        if (this.pending.get(block) === epoch) this.pending.delete(block);
      });
  }
}

/**
 * A paged list, fetched in blocks of rows as the table scrolls to them, so 50,000 rows cost no
 * more than the screenful in view. Answers to an older query are dropped, so fast typing never
 * shows an older result over a newer one.
 */
export function usePagedQuery<M extends PagedMethod>(
  method: M,
  query: PagedQuery<M>,
  opts: { blockSize?: number; errorTitle?: string } = {},
): PagedRows<PagedRow<M>> {
  const fetchPage = useMemo(() => {
    // M is generic here, so TypeScript cannot pair api[method] with its input; PagedMethod vouches for the shape.
    const call = api[method] as unknown as (input: unknown) => Promise<Page<PagedRow<M>>>;
    return (q: PagedQuery<M>, offset: number, limit: number) => call({ ...q, offset, limit });
  }, [method]);
  return usePagedFetch(fetchPage, query, opts);
}

/**
 * usePagedQuery for a method that pages its own way (by page number, say): `fetchPage` turns a
 * block's offset and limit into its call. It must keep its identity between renders (define it
 * outside the component), or every render would start the list over.
 */
export function usePagedFetch<Q, T>(
  fetchPage: (query: Q, offset: number, limit: number) => Promise<Page<T>>,
  query: Q,
  opts: { blockSize?: number; errorTitle?: string } = {},
): PagedRows<T> {
  const blockSize = opts.blockSize ?? 200;
  const errorTitle = opts.errorTitle ?? 'Could not load the list';
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  // Keyed by value, not identity: callers may build the query object afresh on every render.
  const queryKey = JSON.stringify(query);

  // The session whose rows are on screen: a new query's session takes over with its first answer,
  // so typing never flashes the list empty ("Loading…") between keystrokes.
  const [shown, setShown] = useState<Session<T> | null>(null);

  const session = useMemo(() => {
    const q = JSON.parse(queryKey) as Q;
    const made: Session<T> = new Session<T>(
      (block) => fetchPage(q, block * blockSize, blockSize),
      blockSize,
      (t) => {
        setShown(made);
        setTotal(t);
        setVersion((v) => v + 1);
      },
      (e) => {
        // The old rows must not stand in for a query that failed.
        setShown(made);
        notifyError(errorTitle, e);
      },
    );
    return made;
  }, [queryKey, fetchPage, blockSize, errorTitle]);

  useEffect(() => {
    session.open();
    return () => session.close();
  }, [session]);

  const rowAt = useCallback((i: number): T | undefined => (shown ?? session).rowAt(i), [shown, session]);
  const ensureRange = useCallback((first: number, last: number) => session.ensureRange(first, last), [session]);
  const refresh = useCallback(() => session.refresh(), [session]);

  return { total, rowAt, ensureRange, refresh, version, queryKey };
}
