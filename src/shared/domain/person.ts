import { z } from 'zod';
import { emailAddress, isoInstant, npiNumber, optionalText, phoneNumber, recordId } from './fields';
import { looseEnum } from './office';

export const PERSON_KINDS = ['physician', 'staff'] as const;

export const STAFF_ROLES = ['office_manager', 'referral_coordinator', 'front_desk', 'other'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  office_manager: 'Office manager',
  referral_coordinator: 'Referral coordinator',
  front_desk: 'Front desk',
  other: 'Other staff',
};

export const PersonFields = z.object({
  kind: looseEnum(PERSON_KINDS, 'person kind'),
  firstName: z.string().trim().min(1, 'First name is required').max(100),
  lastName: z.string().trim().min(1, 'Last name is required').max(100),
  credentials: optionalText(40),
  specialty: optionalText(100),
  npi: npiNumber,
  role: looseEnum(STAFF_ROLES, 'staff role').nullish().transform((r) => r ?? null),
  phone: phoneNumber,
  email: emailAddress,
  notes: optionalText(10_000),
});

export const PersonCreate = PersonFields.extend({ officeId: recordId, kind: PersonFields.shape.kind.default('physician') }).partial({
  credentials: true,
  specialty: true,
  npi: true,
  role: true,
  phone: true,
  email: true,
  notes: true,
});
export type PersonCreateInput = z.input<typeof PersonCreate>;

export const PersonUpdate = z.object({ id: recordId, patch: PersonFields.partial() });
export const PersonMove = z.object({ id: recordId, officeId: recordId });

export const Person = z.object({
  id: z.string(),
  officeId: z.string(),
  kind: z.enum(PERSON_KINDS),
  firstName: z.string(),
  lastName: z.string(),
  credentials: z.string().nullable(),
  specialty: z.string().nullable(),
  npi: z.string().nullable(),
  role: z.enum(STAFF_ROLES).nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  archivedAt: isoInstant.nullable(),
});
export type Person = z.output<typeof Person>;
