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

/** One query's rows. A new query gets a new session, and answers for a closed one are dropped. */
interface Session<T> {
  query: unknown;
  blocks: Map<number, T[]>;
  /** loaded before the last refresh and not fetched again since: shown until replaced */
  stale: Set<number>;
  /** block → the refresh epoch it was asked for in */
  pending: Map<number, number>;
  epoch: number;
  view: [number, number];
  refreshing: boolean;
  again: boolean;
  closed: boolean;
}

type Page<T> = { total: number; rows: T[] };

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
  type T = PagedRow<M>;
  const blockSize = opts.blockSize ?? 200;
  const errorTitle = opts.errorTitle ?? 'Could not load the list';
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  // Keyed by value, not identity: callers may build the query object afresh on every render.
  const queryKey = JSON.stringify(query);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new session per query value (queryKey), not per object
  const s = useMemo<Session<T>>(() => ({
    query,
    blocks: new Map(),
    stale: new Set(),
    pending: new Map(),
    epoch: 0,
    view: [0, 0],
    refreshing: false,
    again: false,
    closed: false,
  }), [queryKey, method, blockSize]);

  // M is generic here, so TypeScript cannot pair api[method] with its input; PagedMethod vouches for the shape.
  const fetchBlock = useCallback(
    (block: number) => (api[method] as unknown as (input: unknown) => Promise<Page<T>>)({ ...(s.query as object), offset: block * blockSize, limit: blockSize }),
    [s, method, blockSize],
  );

  const store = useCallback(
    (block: number, page: Page<T>) => {
      if (page.rows.length) s.blocks.set(block, page.rows);
      else s.blocks.delete(block); // past the end now; fetched again if the list grows back
      s.stale.delete(block);
      setTotal(page.total);
    },
    [s],
  );

  const loadBlock = useCallback(
    (block: number) => {
      if (s.closed || s.pending.has(block) || (s.blocks.has(block) && !s.stale.has(block))) return;
      const epoch = s.epoch;
      s.pending.set(block, epoch);
      fetchBlock(block)
        .then(
          (page) => {
            // A refresh that started since asked for this block too, and its answer is the newer one.
            if (s.closed || epoch !== s.epoch) return;
            store(block, page);
            setVersion((v) => v + 1);
          },
          (e: unknown) => {
            if (!s.closed) notifyError(errorTitle, e);
          },
        )
        .finally(() => {
          if (s.pending.get(block) === epoch) s.pending.delete(block);
        });
    },
    [s, fetchBlock, store, errorTitle],
  );

  const ensureRange = useCallback(
    (first: number, last: number) => {
      s.view = [first, last];
      for (let b = Math.floor(first / blockSize); b <= Math.floor(last / blockSize); b++) loadBlock(b);
    },
    [s, blockSize, loadBlock],
  );

  const refresh = useCallback(() => {
    const run = () => {
      if (s.closed) return;
      if (s.refreshing) {
        s.again = true;
        return;
      }
      s.refreshing = true;
      s.again = false;
      s.epoch += 1;
      const wanted = new Set(s.pending.keys());
      for (let b = Math.floor(s.view[0] / blockSize); b <= Math.floor(s.view[1] / blockSize); b++) wanted.add(b);
      for (const b of s.blocks.keys()) if (!wanted.has(b)) s.stale.add(b);
      Promise.all([...wanted].map((b) => fetchBlock(b).then((page) => [b, page] as const)))
        .then(
          (answers) => {
            if (s.closed) return;
            // All at once, so the screen never mixes rows from before and after the change.
            for (const [b, page] of answers) store(b, page);
            setVersion((v) => v + 1);
          },
          (e: unknown) => {
            if (!s.closed) notifyError(errorTitle, e);
          },
        )
        .finally(() => {
          s.refreshing = false;
          if (s.again) run();
        });
    };
    run();
  }, [s, blockSize, fetchBlock, store, errorTitle]);

  useEffect(() => {
    // Set on every mount, not only at creation: StrictMode mounts twice with the same session.
    s.closed = false;
    loadBlock(0);
    return () => {
      s.closed = true;
    };
  }, [s, loadBlock]);

  const rowAt = useCallback((i: number): T | undefined => s.blocks.get(Math.floor(i / blockSize))?.[i % blockSize], [s, blockSize]);

  return { total, rowAt, ensureRange, refresh, version, queryKey };
}
