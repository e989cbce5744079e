import type { RowError } from '../../shared/imports/contract';

/**
 * "412 rows: ZIP: A ZIP code is 5 digits": each distinct problem and how many rows have it. A
 * row's message lists all its problems, "; "-separated, so a row may count in several groups.
 */
export function groupProblems(errors: readonly RowError[]): { problem: string; rows: number }[] {
  const counts = new Map<string, number>();
  for (const e of errors) for (const problem of new Set(e.message.split('; '))) counts.set(problem, (counts.get(problem) ?? 0) + 1);
  return [...counts].map(([problem, rows]) => ({ problem, rows })).sort((a, b) => b.rows - a.rows || a.problem.localeCompare(b.problem)).slice(0, 50);
}
