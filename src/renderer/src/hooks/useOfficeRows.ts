import { useCallback, useEffect, useRef, useState } from 'react';
import type { OfficeQuery, OfficeRow } from '../../../shared/domain/office';
import { api } from '../api';
import { notifyError } from '../notify';

export const BLOCK = 200;

/**
 * The office list, fetched in blocks of rows as the table scrolls to them, so 50,000 offices cost
 * no more than the screenful in view. A new query starts afresh; answers to stale queries are
 * dropped so fast typing never shows an older result over a newer one.
 */
export function useOfficeRows(query: OfficeQuery) {
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const blocks = useRef(new Map<number, OfficeRow[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const queryKey = JSON.stringify(query);

  const loadBlock = useCallback(
    async (block: number, gen: number) => {
      // This generation's sets: a newer query replaces them, and must not see this call's bookkeeping.
      const loaded = blocks.current;
      const inFlight = pending.current;
      if (loaded.has(block) || inFlight.has(block)) return;
      inFlight.add(block);
      try {
        const res = await api['offices.list']({ ...(JSON.parse(queryKey) as OfficeQuery), offset: block * BLOCK, limit: BLOCK });
        if (gen !== generation.current) return;
        loaded.set(block, res.rows);
        setTotal(res.total);
        setVersion((v) => v + 1);
      } catch (e) {
        if (gen === generation.current) notifyError('Could not load offices', e);
      } finally {
        inFlight.delete(block);
      }
    },
    [queryKey],
  );

  useEffect(() => {
    generation.current += 1;
    blocks.current = new Map();
    pending.current = new Set();
    void loadBlock(0, generation.current);
  }, [loadBlock]);

  const ensureRange = useCallback(
    (first: number, last: number) => {
      for (let b = Math.floor(first / BLOCK); b <= Math.floor(last / BLOCK); b++) void loadBlock(b, generation.current);
    },
    [loadBlock],
  );

  const rowAt = useCallback((i: number): OfficeRow | undefined => blocks.current.get(Math.floor(i / BLOCK))?.[i % BLOCK], []);

  return { total, rowAt, ensureRange, version };
}
