import { z } from 'zod';
import { databaseContract } from '../database/contract';
import { giftsContract } from '../gifts/contract';
import { importsContract } from '../imports/contract';
import { officesContract } from '../offices/contract';
import { peopleContract } from '../people/contract';
import { referralsContract } from '../referrals/contract';
import { targetsContract } from '../targets/contract';
import { taxonomyContract } from '../taxonomy/contract';
import { teamContract } from '../team/contract';
import { visitsContract } from '../visits/contract';
import { mergeDisjoint, type MethodSpec } from './define';
import type { ApiMethod } from './methods';

/** Methods of the app itself, not of a domain. */
const appContract = {
  'app.info': {
    input: z.object({}).default({}),
    output: z.object({ version: z.string(), schemaVersion: z.number().int(), mode: z.enum(['electron', 'browser']) }),
  },
  /** Electron: prints the window (a report page) to a PDF the user saves; false in browser mode, where the page prints itself */
  'app.printToPdf': { input: z.object({ filename: z.string().trim().min(1).max(120) }), output: z.object({ saved: z.boolean() }) },
} satisfies Record<`app.${string}`, MethodSpec>;

/**
 * Every method the app offers, merged from each domain's fragment (a name defined twice does not
 * compile). Main validates every input against these; the renderer's types come from them.
 */
export const contract = mergeDisjoint(appContract, databaseContract, teamContract, officesContract, peopleContract, importsContract, taxonomyContract, targetsContract, visitsContract, giftsContract, referralsContract) satisfies Record<ApiMethod, MethodSpec>;

// Both directions: the contract names no method the zod-free list lacks, and the list none the contract lacks.
export type Contract = typeof contract;
const _noExtra: Record<keyof Contract, true> = {} as Record<ApiMethod, true>;
void _noExtra;

export type ApiInput<M extends ApiMethod> = z.input<Contract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<Contract[M]['output']>;
/** What a handler receives: the input after validation and defaults. */
export type ApiParsed<M extends ApiMethod> = z.output<Contract[M]['input']>;

/** The client-side shape: one async function per method. window.api and the HTTP client both fit it. */
export type Api = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };
