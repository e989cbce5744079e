import type { z } from 'zod';

/** One API method: what it takes and what it answers, both checked at the boundary. */
export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/** The names two or more parts share. */
type SharedKeys<T extends readonly object[], Seen = never> = T extends readonly [infer H, ...infer R extends readonly object[]]
  ? (keyof H & Seen) | SharedKeys<R, Seen | keyof H>
  : never;

type Merged<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? H & Merged<R> : unknown;

/** Unknown when the parts are disjoint; otherwise a shape no tuple has, naming the duplicates. */
export type Disjoint<T extends readonly object[]> = [SharedKeys<T>] extends [never] ? unknown : { duplicateNames: SharedKeys<T> };

/**
 * Merges each domain's part (contract fragment or handler map) into one object. Two domains
 * claiming the same method name is a compile error naming it, never a silent override; the
 * run-time check covers parts assembled dynamically.
 */
export function mergeDisjoint<const T extends readonly object[]>(...parts: T & Disjoint<T>): Merged<T> {
  const out: Record<string, unknown> = {};
  for (const part of parts as readonly object[]) {
    for (const [k, v] of Object.entries(part)) {
      if (k in out) throw new Error(`Two domains both define ${k}`);
      out[k] = v;
    }
  }
  return out as Merged<T>;
}
