import { normaliseHeader } from './fields';

/**
 * The columns a practice-management system's referral report can carry, with the header spellings
 * those reports use. Patient identifiers are not among them: see PHI below.
 */
export const REFERRAL_FIELDS = [
  {
    key: 'receivedOn',
    label: 'Received date',
    synonyms: ['referral date', 'date received', 'received', 'received date', 'date referred', 'referred date', 'referred on', 'date of referral', 'ref date', 'entry date', 'created date', 'date'],
  },
  {
    key: 'officeName',
    label: 'Referring office',
    synonyms: ['referring office', 'referring practice', 'referring facility', 'referring organization', 'referring location', 'referring clinic', 'source name', 'office', 'office name', 'practice', 'practice name'],
  },
  { key: 'officeNpi', label: 'Office NPI', synonyms: ['referring office npi', 'referring practice npi', 'practice npi', 'group npi', 'organization npi', 'facility npi'] },
  {
    key: 'physicianName',
    label: 'Referring physician',
    synonyms: ['referring provider', 'referring physician', 'referring doctor', 'referring provider name', 'referring physician name', 'referred by', 'referring md', 'ref provider', 'ref md', 'physician', 'provider', 'doctor'],
  },
  { key: 'physicianNpi', label: 'Physician NPI', synonyms: ['referring provider npi', 'referring physician npi', 'ref provider npi', 'provider npi', 'physician npi', 'referring npi', 'individual npi', 'npi'] },
  { key: 'officeZip', label: 'Office ZIP', synonyms: ['referring zip', 'referring office zip', 'practice zip', 'zip', 'zip code', 'postal code'] },
  { key: 'sourceKind', label: 'Source kind', synonyms: ['source', 'referral source', 'source type', 'referral source type', 'referral type', 'source category', 'channel'] },
  { key: 'serviceLine', label: 'Service line', synonyms: ['department', 'dept', 'specialty', 'speciality', 'service', 'referred to', 'program'] },
  { key: 'referralCode', label: 'Referral code', synonyms: ['code', 'ref code', 'initials', 'patient initials', 'pt initials'] },
  { key: 'sourceId', label: 'Source referral id', synonyms: ['referral id', 'referral #', 'referral number', 'referral no', 'ref no', 'ref #', 'ref id', 'ref number', 'source id'] },
  { key: 'status', label: 'Status', synonyms: ['referral status', 'appointment status', 'appt status'] },
  { key: 'contactedOn', label: 'Contacted date', synonyms: ['contacted', 'contacted on', 'date contacted', 'contact date', 'first contact', 'first contact date'] },
  { key: 'scheduledOn', label: 'Scheduled date', synonyms: ['scheduled', 'scheduled on', 'date scheduled', 'booked on', 'booking date'] },
  { key: 'appointmentOn', label: 'Appointment date', synonyms: ['appointment', 'appointment date', 'appt date', 'appt', 'first appointment', 'first appt', 'first appointment date'] },
  { key: 'seenOn', label: 'Seen date', synonyms: ['seen', 'seen on', 'date seen', 'visit date', 'completed date', 'date completed'] },
  { key: 'noteSentOn', label: 'Note sent date', synonyms: ['note sent', 'consult note sent', 'report sent', 'letter sent', 'note sent date', 'consult letter sent'] },
  { key: 'closedOn', label: 'Closed date', synonyms: ['closed', 'closed on', 'date closed'] },
  { key: 'lostOn', label: 'Lost date', synonyms: ['lost', 'lost on', 'cancelled date', 'canceled date', 'cancel date', 'date cancelled', 'cancellation date'] },
  { key: 'lostReason', label: 'Lost reason', synonyms: ['reason lost', 'cancel reason', 'cancellation reason', 'reason'] },
  { key: 'direction', label: 'Direction', synonyms: ['in out', 'inbound outbound', 'referral direction'] },
  { key: 'notes', label: 'Notes', synonyms: ['note', 'comments', 'comment', 'remarks'] },
] as const;

export type ReferralField = (typeof REFERRAL_FIELDS)[number]['key'];
export const REFERRAL_FIELD_KEYS = REFERRAL_FIELDS.map((f) => f.key) as [ReferralField, ...ReferralField[]];

/** The HIPAA identifiers a referral report carries, each with the words the mapping step says beside its column. */
export const PHI_KINDS = {
  name: 'Patient name',
  birth: 'Date of birth',
  record: 'Medical record or account number',
  ssn: 'Social Security number',
  contact: 'Patient phone, address or email',
  patient: 'Patient information',
} as const;
export type PhiKind = keyof typeof PHI_KINDS;

/** Why a column is never imported, in the mapping step's words. */
export const phiReason = (kind: PhiKind) => `${PHI_KINDS[kind]} — a HIPAA identifier, never imported`;

const PATIENT_WORDS = new Set(['patient', 'patients', 'pt', 'member', 'guarantor', 'subscriber', 'insured']);
const NAME = ['', 'name', 'first', 'last', 'first name', 'last name', 'full name', 'middle name', 'middle', 'name last first', 'last first'];
const BIRTH = ['dob', 'birth date', 'birthdate', 'date of birth', 'birthday', 'born', 'd o b'];
const RECORD = [
  'mrn', 'medical record', 'medical record number', 'medical record no', 'chart', 'chart number', 'chart no', 'id', 'number', 'no', 'account', 'account number',
  'account no', 'acct', 'acct no', 'acct number', 'member id', 'subscriber id', 'insurance id', 'policy number', 'policy', 'person number', 'enterprise id',
];
const SSN = ['ssn', 'ss', 'ss no', 'social security', 'social security number', 'social', 'last 4 ssn', 'ssn last 4'];
const CONTACT = [
  'phone', 'phone number', 'home phone', 'cell', 'cell phone', 'mobile', 'mobile phone', 'work phone', 'telephone', 'email', 'e mail', 'email address',
  'address', 'address 1', 'address 2', 'address line 1', 'street', 'street address', 'home address', 'city', 'zip', 'zip code', 'postal code', 'county',
];
/** Headers without a patient word that still hold a patient's identifier in a referral report (a bare "Name" is the patient's). */
const BARE = new Map<string, PhiKind>([
  ...NAME.filter(Boolean).map((h) => [h, 'name'] as const),
  ...BIRTH.map((h) => [h, 'birth'] as const),
  ...RECORD.filter((h) => !['id', 'number', 'no', 'policy'].includes(h)).map((h) => [h, 'record'] as const),
  ...SSN.map((h) => [h, 'ssn'] as const),
  ...['phone', 'phone number', 'home phone', 'cell', 'cell phone', 'mobile', 'mobile phone', 'telephone', 'email', 'e mail', 'email address', 'address', 'address 1', 'address 2', 'street', 'street address', 'home address'].map(
    (h) => [h, 'contact'] as const,
  ),
]);
const SIDE_KIND = new Map<string, PhiKind>([
  ...NAME.map((h) => [h, 'name'] as const),
  ...BIRTH.map((h) => [h, 'birth'] as const),
  ...RECORD.map((h) => [h, 'record'] as const),
  ...SSN.map((h) => [h, 'ssn'] as const),
  ...CONTACT.map((h) => [h, 'contact'] as const),
]);

/**
 * The patient identifier a header names, if any: "Patient Name", "Pt Last", "DOB", "MRN",
 * "Chart #", "Account #", "SSN", "Patient Phone". Every other column a patient word starts
 * ("Patient Age") is the patient's too, and not imported either; only initials are a code.
 */
export function phiKind(header: string): PhiKind | null {
  // Joined-up headers ("PatientName", "PtDOB") read as their words.
  const h = normaliseHeader(header.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2'));
  const words = h.split(' ');
  const [first = '', ...rest] = words;
  if (PATIENT_WORDS.has(first)) {
    const tail = rest.join(' ');
    if (tail === 'initials') return null;
    return SIDE_KIND.get(tail) ?? 'patient';
  }
  const bare = BARE.get(h);
  if (bare) return bare;
  // A patient word or a birth date anywhere ("Name of patient", "Client name", "Birth Dt"): still the patient's.
  if (words.some((w) => w === 'dob' || w === 'birth' || w === 'birthdate')) return 'birth';
  if (words.includes('initials')) return null;
  return words.some((w) => PATIENT_WORDS.has(w) || w === 'client') ? 'patient' : null;
}

const lookup = new Map<string, ReferralField>();
for (const f of REFERRAL_FIELDS) {
  for (const spelling of [f.key, f.label, ...f.synonyms]) {
    const k = normaliseHeader(spelling);
    if (!lookup.has(k)) lookup.set(k, f.key);
  }
}

/** One field (or null) per header, a field never given to two columns; patient identifiers are never mapped. */
export function guessReferralMapping(headers: readonly string[]): (ReferralField | null)[] {
  const taken = new Set<ReferralField>();
  return headers.map((header) => {
    if (phiKind(header)) return null;
    const f = lookup.get(normaliseHeader(header));
    // A report's comments are free text about the patient, often their name or birth date: mapped only by hand.
    if (f === 'notes') return null;
    if (!f || taken.has(f)) return null;
    taken.add(f);
    return f;
  });
}
