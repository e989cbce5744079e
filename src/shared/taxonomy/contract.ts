import { z } from 'zod';
import type { MethodSpec } from '../api/define';
import { TaxonomySource } from '../nppes/summary';
import { TAXONOMY_KINDS } from '../nppes/taxonomy';

export const TaxonomyList = TaxonomySource.extend({
  /** every code known by name, for pickers */
  entries: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(TAXONOMY_KINDS) })),
});
export type TaxonomyList = z.output<typeof TaxonomyList>;

/**
 * Provider taxonomy names (NUCC codes): the common ones ship with the app; NUCC's full CSV, once
 * loaded, is kept on this device (a local setting, not synced) and names codes in NPPES imports
 * and target lists.
 */
export const taxonomyContract = {
  'taxonomy.current': { input: z.object({}), output: TaxonomyList },
  /** reads NUCC's CSV (handed over like an import file) and keeps it */
  'taxonomy.load': { input: z.object({ fileId: z.string().min(1, 'Choose a file first') }), output: TaxonomyList.extend({ skipped: z.number().int() }) },
  /** back to the shipped names */
  'taxonomy.reset': { input: z.object({}), output: TaxonomyList },
} satisfies Record<`taxonomy.${string}`, MethodSpec>;
