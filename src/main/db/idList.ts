import { sql, type RawBuilder } from 'kysely';

/**
 * `id IN (…)` for any number of ids as one statement shape: the ids travel as one JSON array
 * parameter, so the statement cache holds one entry instead of one per list length.
 */
export function idIn(ids: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}
