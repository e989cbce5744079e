import { z } from 'zod';
import type { MethodSpec } from '../api/define';
import { recordId } from '../domain/fields';
import { Address } from '../domain/office';

export const TARGET_ENTITIES = ['both', 'organisations', 'individuals'] as const;
export type TargetEntity = (typeof TARGET_ENTITIES)[number];

/** The most matches a target list keeps to show and add; the count past it stays exact. */
export const TARGET_LIST_CAP = 5000;

/** What a liaison looks for in the registry file. */
export const TargetCriteria = z.object({
  fileId: z.string().min(1, 'Choose the registry file first'),
  /** taxonomy codes, any of which a provider has; none: any provider */
  taxonomies: z
    .array(z.string().trim().toUpperCase().regex(/^[0-9A-Z]{9}X$/, 'A taxonomy code is 10 characters, like 207Q00000X'))
    .max(200, 'Choose at most 200 specialties')
    .default([]),
  entity: z.enum(TARGET_ENTITIES).default('both'),
  /** within `miles` of a ZIP (or an address's ZIP): measured from the ZIP's centre */
  near: z
    .object({
      from: z.string().trim().min(1, 'Enter a ZIP code or an address with one').max(200),
      miles: z.number().positive('Enter a distance in miles').max(3000, 'At most 3,000 miles'),
    })
    .nullable()
    .default(null),
  /** the practice location's state (code or name), by the same rule as an office's address */
  state: Address.shape.state,
  /** leave out providers the directory has (by NPI; an organisation also by name + ZIP) */
  notInDirectory: z.boolean().default(true),
});
export type TargetCriteria = z.input<typeof TargetCriteria>;

export const TargetMatch = z.object({
  /** its place in this run's list */
  id: z.number().int(),
  npi: z.string(),
  entity: z.enum(['organisation', 'individual']),
  name: z.string(),
  /** the primary taxonomy's name (the code when unknown) */
  specialty: z.string().nullable(),
  address: z.string(),
  phone: z.string().nullable(),
  /** from the centre ZIP's centre to this ZIP's, when a distance was asked for */
  miles: z.number().nullable(),
  /** already added from this list */
  added: z.boolean(),
});
export type TargetMatch = z.output<typeof TargetMatch>;

export const TargetJob = z.object({
  jobId: z.string(),
  /** what was searched for, so the page can show it again */
  criteria: z.object({
    fileId: z.string(),
    taxonomies: z.array(z.string()),
    entity: z.enum(TARGET_ENTITIES),
    near: z.object({ from: z.string(), miles: z.number() }).nullable(),
    state: z.string().nullable(),
    notInDirectory: z.boolean(),
  }),
  fileName: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  bytesRead: z.number().int(),
  size: z.number().int(),
  rowsRead: z.number().int(),
  /** every match in the file */
  count: z.number().int(),
  /** the matches kept (the first TARGET_LIST_CAP) */
  listed: z.number().int(),
  capped: z.boolean(),
  /** the ZIP distances are measured from, and whether the app knows it exactly or by its 3-digit area */
  centre: z.object({ zip: z.string(), exact: z.boolean() }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type TargetJob = z.output<typeof TargetJob>;

export const TargetAdd = z
  .object({
    jobId: z.string().min(1),
    /** the matches to add, by id; or `all` of the listed ones */
    ids: z.array(z.number().int().min(0)).max(TARGET_LIST_CAP).default([]),
    all: z.boolean().default(false),
    /** the liaison who owns them: a member's id, or a name to add as a liaison */
    ownerId: recordId.nullish(),
    ownerName: z.string().trim().max(100).nullish(),
  })
  .refine((a) => a.all || a.ids.length > 0, { message: 'Choose the providers to add', path: ['ids'] })
  .refine((a) => a.ownerId || a.ownerName, { message: 'Choose the liaison who owns them', path: ['ownerId'] });

export const TargetAddResult = z.object({
  officesAdded: z.number().int(),
  peopleAdded: z.number().int(),
  /** people added to offices the directory already had at their address */
  peopleAtExistingOffices: z.number().int(),
  /** already in the directory: left as they are */
  alreadyThere: z.number().int(),
  /** rows the registry gets wrong for the app (a bad ZIP…), left out, with the first reason */
  problems: z.number().int(),
  firstProblem: z.string().nullable(),
});
export type TargetAddResult = z.output<typeof TargetAddResult>;

/**
 * Target lists: stream the NPI registry file for providers that fit, as a job with progress that
 * outlives the page, and add the chosen ones to the directory as prospects of a liaison.
 */
export const targetsContract = {
  'targets.run': { input: TargetCriteria, output: z.object({ jobId: z.string() }) },
  'targets.status': { input: z.object({ jobId: z.string().min(1) }), output: TargetJob },
  /** the running or last run, so the page can show it when opened */
  'targets.current': { input: z.object({}), output: z.object({ job: TargetJob.nullable() }) },
  'targets.cancel': { input: z.object({ jobId: z.string().min(1) }), output: TargetJob },
  'targets.matches': {
    input: z.object({ jobId: z.string().min(1), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ total: z.number().int(), rows: z.array(TargetMatch) }),
  },
  'targets.add': { input: TargetAdd, output: TargetAddResult },
} satisfies Record<`targets.${string}`, MethodSpec>;
