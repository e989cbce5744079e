import { z } from 'zod';
import { recordId } from '../domain/fields';
import { Office, OfficeCreate, OfficeListQuery, OfficeListResult, OfficeQuery, OfficeUpdate } from '../domain/office';
import { Person } from '../domain/person';
import { TimelineEntry } from '../domain/timeline';
import type { MethodSpec } from '../api/define';

const ById = z.object({ id: recordId });

/** The list's query, and whether each office's people come too (one row per person, as the import reads it). */
export const OfficeExportQuery = OfficeQuery.extend({ includePeople: z.boolean().default(false) });
export type OfficeExportQuery = z.input<typeof OfficeExportQuery>;

/** The offices domain's methods: the directory of referring offices. */
export const officesContract = {
  'offices.list': { input: OfficeListQuery, output: OfficeListResult },
  'offices.get': {
    input: ById,
    /** addedBy: the team member who added the office, by name, where the log knows */
    output: z.object({ office: Office, people: z.array(Person), timeline: z.array(TimelineEntry), addedBy: z.string().nullable() }),
  },
  'offices.create': { input: OfficeCreate, output: Office },
  'offices.update': { input: OfficeUpdate, output: Office },
  'offices.archive': { input: ById, output: Office },
  'offices.restore': { input: ById, output: Office },
  'offices.exportCsv': {
    input: OfficeExportQuery,
    output: z.object({
      csv: z.string(),
      /** offices exported */
      count: z.number().int(),
      /** people exported (0 without includePeople) */
      people: z.number().int(),
      /**
       * offices the import would join to another exported office: it tells offices apart by NPI,
       * else by name + ZIP, so two with one NPI, or with no NPI and one name and ZIP, become one
       */
      joinedOnImport: z.number().int(),
    }),
  },
} satisfies Record<`offices.${string}`, MethodSpec>;
