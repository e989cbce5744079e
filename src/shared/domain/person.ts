import { z } from 'zod';
import { emailAddress, isoInstant, npiNumber, optionalText, phoneNumber, recordId } from './fields';
import { looseEnum } from './office';

/**
 * Physicians; other clinicians who see patients and refer (nurse practitioners, physician
 * assistants, therapists, chiropractors…: their credentials and specialty say which); and office
 * staff, who have a role instead.
 */
export const PERSON_KINDS = ['physician', 'clinician', 'staff'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
export const PERSON_KIND_LABELS: Record<PersonKind, string> = { physician: 'Physician', clinician: 'Clinician', staff: 'Staff' };

export const STAFF_ROLES = ['office_manager', 'referral_coordinator', 'front_desk', 'other'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  office_manager: 'Office manager',
  referral_coordinator: 'Referral coordinator',
  front_desk: 'Front desk',
  other: 'Other staff',
};

/** Words people use for staff roles, in role columns, titles and "kind" cells. */
const ROLE_WORDS: [RegExp, StaffRole][] = [
  [/\b(office|practice|clinic|business)\s*(manager|mgr|administrator|admin|director)\b|\bpractice administrator\b/i, 'office_manager'],
  [/\breferrals?\b/i, 'referral_coordinator'],
  [/\b(front\s*(desk|office)|reception(ist)?|scheduler|scheduling|patient access)\b/i, 'front_desk'],
  [/\b(staff|nurse|rn|lpn|lvn|medical assistant|ma|billing|biller|coder|secretary|assistant|coordinator|manager|admin|administrator)\b/i, 'other'],
];

/** The staff role a title names ("Practice Manager" → office manager), or null when it names none. */
export function staffRoleFrom(text: string): StaffRole | null {
  const key = text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  const exact = STAFF_ROLES.find((r) => r === key);
  if (exact) return exact;
  return ROLE_WORDS.find(([words]) => words.test(text))?.[1] ?? null;
}

/** Words in a job title that say the person treats patients; "technologist" is excluded from -ologist. */
const CLINICIAN_WORDS =
  /\b(physicians?|doctor|dr|md|do|surgeon|(?!techn)\w+ologist|\w+iatrist|p(a)?ediatrician|obstetrician|clinician|internist|hospitalist|practitioner|dentist|optometrist|chiropractor|attending|medical director|physician assistant|pa|pa-c|np|fnp|aprn|crnp|dpm|dds|dmd|od)\b/i;

/**
 * Whether a job title names a clinician ("Physician", "Orthopaedic Surgeon", "Nurse
 * Practitioner") rather than a staff role. A specific staff role wins ("Physician Referral
 * Coordinator" is a referral coordinator); a clinician wins over the catch-all "other"
 * ("Physician Assistant" is no assistant on staff).
 */
export function namesClinician(title: string): boolean {
  const role = staffRoleFrom(title);
  return (role === null || role === 'other') && CLINICIAN_WORDS.test(title);
}

const staffRole = z.string().transform((s, ctx) => {
  const role = staffRoleFrom(s);
  if (!role) {
    ctx.addIssue({ code: 'custom', message: `Unknown staff role "${s}"; use one of: ${STAFF_ROLES.map((r) => STAFF_ROLE_LABELS[r]).join(', ')}` });
    return z.NEVER;
  }
  return role;
});

export const PersonFields = z.object({
  kind: looseEnum(PERSON_KINDS, 'person kind'),
  firstName: z.string().trim().min(1, 'First name is required').max(100),
  lastName: z.string().trim().min(1, 'Last name is required').max(100),
  credentials: optionalText(40),
  specialty: optionalText(100),
  npi: npiNumber,
  role: staffRole.nullish().transform((r) => r ?? null),
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
