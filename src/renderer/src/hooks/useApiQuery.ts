import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiMethod } from '../../../shared/api/methods';
import { ApiError, api, type ApiInput, type ApiOutput } from '../api';
import { useChanges } from '../changes';

export interface ApiQuery<T> {
  /** the latest answer, kept while a new one loads (a filter change does not blank the page) */
  data: T | null;
  /** whether `data` answers the input asked now */
  current: boolean;
  loading: boolean;
  /** written for the user */
  error: string | null;
}

/**
 * One read method's answer for an input (null: nothing to ask yet), asked again whenever the input
 * changes or a write touches one of `watched`. Answers to an input no longer asked are dropped.
 */
export function useApiQuery<M extends ApiMethod>(method: M, input: ApiInput<M> | null, watched: readonly string[]): ApiQuery<ApiOutput<M>> {
  const key = input === null ? null : JSON.stringify(input);
  const [result, setResult] = useState<{ key: string; data: ApiOutput<M> | null; error: string | null } | null>(null);
  const calls = useRef(0);
  const load = useCallback(() => {
    if (key === null) return;
    const mine = ++calls.current;
    const call = api[method] as (input: unknown) => Promise<ApiOutput<M>>;
    call(JSON.parse(key)).then(
      (data) => mine === calls.current && setResult({ key, data, error: null }),
      (e: unknown) => {
        if (mine !== calls.current) return;
        if (!(e instanceof ApiError)) console.error(e);
        setResult((r) => ({ key, data: r?.data ?? null, error: e instanceof ApiError ? e.message : 'Something unexpected went wrong reading the figures.' }));
      },
    );
  }, [method, key]);
  useEffect(load, [load]);
  useChanges(watched, load);
  const current = result !== null && result.key === key;
  return { data: result?.data ?? null, current, loading: key !== null && !current, error: current ? result.error : null };
}
