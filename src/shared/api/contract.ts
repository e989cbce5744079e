import { z } from 'zod';
import { recordId } from '../domain/fields';
import { Office, OfficeCreate, OfficeListQuery, OfficeListResult, OfficeQuery, OfficeUpdate } from '../domain/office';
import { Person, PersonCreate, PersonMove, PersonUpdate } from '../domain/person';
import { TimelineEntry } from '../domain/timeline';
import { ImportJob, ImportPreview, ImportRequest } from '../imports/contract';
import type { ApiMethod } from './methods';

interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}

const ById = z.object({ id: recordId });

/** Every method the app offers: its input and output schema. Main validates inputs against these. */
export const contract = {
  'app.info': {
    input: z.object({}).default({}),
    output: z.object({ version: z.string(), schemaVersion: z.number().int(), mode: z.enum(['electron', 'browser']) }),
  },
  'offices.list': { input: OfficeListQuery, output: OfficeListResult },
  'offices.get': {
    input: ById,
    output: z.object({ office: Office, people: z.array(Person), timeline: z.array(TimelineEntry) }),
  },
  'offices.create': { input: OfficeCreate, output: Office },
  'offices.update': { input: OfficeUpdate, output: Office },
  'offices.archive': { input: ById, output: Office },
  'offices.restore': { input: ById, output: Office },
  'offices.exportCsv': { input: OfficeQuery, output: z.object({ csv: z.string(), count: z.number().int() }) },
  'people.create': { input: PersonCreate, output: Person },
  'people.update': { input: PersonUpdate, output: Person },
  'people.move': { input: PersonMove, output: Person },
  'people.archive': { input: ById, output: Person },
  'people.restore': { input: ById, output: Person },
  'imports.preview': { input: ImportRequest, output: ImportPreview },
  'imports.commit': { input: ImportRequest, output: z.object({ jobId: z.string() }) },
  'imports.status': { input: z.object({ jobId: z.string().min(1) }), output: ImportJob },
} satisfies Record<ApiMethod, MethodSpec>;

// Both directions: the contract names no method the list lacks, and the list none the contract lacks.
type Contract = typeof contract;
const _noExtra: Record<keyof Contract, true> = {} as Record<ApiMethod, true>;
void _noExtra;

export type ApiInput<M extends ApiMethod> = z.input<Contract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<Contract[M]['output']>;
/** What a handler receives: the input after validation and defaults. */
export type ApiParsed<M extends ApiMethod> = z.output<Contract[M]['input']>;

/** The client-side shape: one async function per method. window.api and the HTTP client both fit it. */
export type Api = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };
