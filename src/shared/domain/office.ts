import { z } from 'zod';
import { stateCode } from './usStates';
import { zipField } from './zip';
import { Coords, OfficeCadence } from './cadence';
import { VisitHours } from './visitHours';
import { emailAddress, isoInstant, labelList, npiNumber, optionalText, phoneNumber, recordId, websiteUrl } from './fields';

export const OFFICE_KINDS = ['physician_office', 'hospital', 'urgent_care', 'community_partner', 'other'] as const;
export const OFFICE_KIND_LABELS: Record<OfficeKind, string> = {
  physician_office: 'Physician office',
  hospital: 'Hospital',
  urgent_care: 'Urgent care',
  community_partner: 'Community partner',
  other: 'Other',
};
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const TIERS = ['A', 'B', 'C'] as const;
export type Tier = (typeof TIERS)[number];

export const STAGES = ['prospect', 'new', 'established', 'dormant'] as const;
export const STAGE_LABELS: Record<Stage, string> = {
  prospect: 'Prospect',
  new: 'New',
  established: 'Established',
  dormant: 'Dormant',
};
export type Stage = (typeof STAGES)[number];

/** Accepts the stored value or its label in any case ("Urgent Care", "urgent-care"). */
export function looseEnum<T extends string>(values: readonly T[], what: string) {
  return z
    .string()
    .transform((s, ctx) => {
      const key = s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
      const hit = values.find((v) => v.toLowerCase() === key);
      if (!hit) {
        ctx.addIssue({ code: 'custom', message: `Unknown ${what} "${s}"; use one of: ${values.join(', ')}` });
        return z.NEVER;
      }
      return hit;
    });
}

/** A team member's id, or blank for none. */
const memberRef = z
  .string()
  .trim()
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    if (!recordId.safeParse(s).success) {
      ctx.addIssue({ code: 'custom', message: 'Choose a liaison from the team, or type a new name' });
      return z.NEVER;
    }
    return s;
  });

/** Street address travels as one cell so that sync never mixes two people's halves of it. */
export const Address = z.object({
  line1: optionalText(200),
  line2: optionalText(200),
  city: optionalText(100),
  state: z
    .string()
    .trim()
    .nullish()
    .transform((s, ctx) => {
      if (!s) return null;
      const code = stateCode(s);
      if (!code) {
        ctx.addIssue({ code: 'custom', message: 'Use a US state’s two-letter code or its name, like OH or Ohio' });
        return z.NEVER;
      }
      return code;
    }),
  zip: zipField,
});
export type Address = z.output<typeof Address>;

export const OfficeFields = z.object({
  name: z.string().trim().min(1, 'Name is required').max(200, 'Keep the name under 200 characters'),
  kind: looseEnum(OFFICE_KINDS, 'office kind'),
  specialties: labelList,
  address: Address,
  phone: phoneNumber,
  fax: phoneNumber,
  email: emailAddress,
  website: websiteUrl,
  npi: npiNumber,
  tier: looseEnum(TIERS, 'tier').nullish().transform((t) => t ?? null),
  stage: looseEnum(STAGES, 'relationship stage'),
  /** the liaison who owns the relationship: a team member's id */
  ownerId: memberRef,
  /**
   * The liaison by name instead (input only): the team member with this name, added as a liaison if
   * the team has no one by it. Wins over ownerId; how a typed name and an import's Liaison column arrive.
   */
  ownerName: optionalText(100),
  tags: labelList,
  notes: optionalText(10_000),
  /** the note beside the structured best times ("ask for Maria at the front desk") */
  bestTime: optionalText(200),
  /** weekday windows when the doctors are in; empty: any time */
  visitHours: VisitHours,
  /** the office's own position, when known better than its ZIP's centre */
  coords: Coords.nullable(),
  /** an interval set by hand, or paused; null follows the practice's rules */
  cadence: OfficeCadence.nullable(),
  lunchPrefs: optionalText(1_000),
});
export type OfficeFields = z.output<typeof OfficeFields>;

export const OfficeCreate = OfficeFields.extend({
  kind: OfficeFields.shape.kind.default('physician_office'),
  stage: OfficeFields.shape.stage.default('prospect'),
  specialties: OfficeFields.shape.specialties.default([]),
  tags: OfficeFields.shape.tags.default([]),
  address: Address.prefault({}),
  visitHours: VisitHours.default([]),
}).partial({ coords: true, cadence: true, phone: true, fax: true, email: true, website: true, npi: true, tier: true, ownerId: true, ownerName: true, notes: true, bestTime: true, lunchPrefs: true });
export type OfficeCreateInput = z.input<typeof OfficeCreate>;

export const OfficeUpdate = z.object({ id: recordId, patch: OfficeFields.partial() });

export const Office = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(OFFICE_KINDS),
  specialties: z.array(z.string()),
  address: z.object({
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    zip: z.string().nullable(),
  }),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  npi: z.string().nullable(),
  tier: z.enum(TIERS).nullable(),
  stage: z.enum(STAGES),
  ownerId: z.string().nullable(),
  /** the owning member's name as it is now (a rename shows everywhere at once) */
  ownerName: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  bestTime: z.string().nullable(),
  visitHours: VisitHours,
  coords: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  cadence: z.union([z.object({ every: z.union([z.object({ weeks: z.number() }), z.object({ months: z.number() })]) }), z.object({ paused: z.literal(true), reason: z.string().nullable() })]).nullable(),
  lunchPrefs: z.string().nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  archivedAt: isoInstant.nullable(),
});
export type Office = z.output<typeof Office>;

/** What one row of the office list carries: enough to show, sort and open it. */
export const OfficeRow = Office.pick({
  id: true,
  name: true,
  kind: true,
  specialties: true,
  phone: true,
  npi: true,
  tier: true,
  stage: true,
  ownerId: true,
  ownerName: true,
  tags: true,
  updatedAt: true,
  archivedAt: true,
}).extend({ city: z.string().nullable(), state: z.string().nullable(), zip: z.string().nullable() });
export type OfficeRow = z.output<typeof OfficeRow>;

export const SORTABLE_COLUMNS = ['name', 'kind', 'city', 'state', 'zip', 'tier', 'stage', 'owner', 'updatedAt'] as const;
export type SortableColumn = (typeof SORTABLE_COLUMNS)[number];

export const OfficeFilters = z
  .object({
    name: z.string().trim().max(200),
    kind: z.array(z.enum(OFFICE_KINDS)),
    city: z.string().trim().max(100),
    state: z.string().trim().max(2),
    zip: z.string().trim().max(10),
    tier: z.array(z.enum(TIERS)),
    stage: z.array(z.enum(STAGES)),
    /** offices owned by any of these team members ("mine" is the one that is me) */
    owner: z.array(recordId).max(500),
    specialty: z.string().trim().max(60),
    tag: z.string().trim().max(60),
  })
  .partial();
export type OfficeFilters = z.output<typeof OfficeFilters>;

export const OfficeQuery = z.object({
  search: z.string().max(200).default(''),
  filters: OfficeFilters.default({}),
  sort: z.object({ column: z.enum(SORTABLE_COLUMNS), desc: z.boolean() }).default({ column: 'name', desc: false }),
  includeArchived: z.boolean().default(false),
});
export type OfficeQuery = z.input<typeof OfficeQuery>;

export const OfficeListQuery = OfficeQuery.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type OfficeListQuery = z.input<typeof OfficeListQuery>;

export const OfficeListResult = z.object({ total: z.number().int(), rows: z.array(OfficeRow) });
export type OfficeListResult = z.output<typeof OfficeListResult>;
