/**
 * The columns an office spreadsheet can carry, with the header spellings we recognise.
 * Export writes `label` as the header, so an exported file imports back with no mapping work.
 *
 * A spelling here names its field whatever else the file holds. The few headers that may mean the
 * office's field or its contact's ("Phone", "Email", "Specialty") are in EITHER below, and which
 * one they get depends on the file's other columns (see guessMapping).
 */
export const IMPORT_FIELDS = [
  {
    key: 'name',
    label: 'Office name',
    synonyms: ['office', 'practice', 'practice name', 'organization', 'organisation', 'clinic', 'facility', 'name', 'account', 'account name', 'company', 'company name'],
  },
  { key: 'kind', label: 'Kind', synonyms: ['type', 'office type', 'office kind', 'category'] },
  { key: 'specialties', label: 'Specialties', synonyms: ['specialities', 'office specialty'] },
  {
    key: 'address1',
    label: 'Address',
    synonyms: ['address 1', 'address line 1', 'street', 'street address', 'addr1', 'billing street', 'billing address', 'mailing street', 'shipping street'],
  },
  { key: 'address2', label: 'Address 2', synonyms: ['address line 2', 'suite', 'unit', 'addr2'] },
  { key: 'city', label: 'City', synonyms: ['town', 'billing city', 'mailing city'] },
  {
    key: 'state',
    label: 'State',
    synonyms: ['st', 'province', 'state/province', 'state/region', 'billing state/province', 'billing state', 'mailing state', 'mailing state/province'],
  },
  {
    key: 'zip',
    label: 'ZIP',
    synonyms: ['zip code', 'zipcode', 'postal code', 'postcode', 'postal', 'zip/postal code', 'billing zip/postal code', 'billing postal code', 'mailing zip', 'mailing zip/postal code'],
  },
  { key: 'phone', label: 'Phone', synonyms: ['office phone', 'main phone', 'main line', 'account phone', 'company phone', 'practice phone'] },
  { key: 'fax', label: 'Fax', synonyms: ['fax number', 'office fax', 'account fax'] },
  { key: 'email', label: 'Email', synonyms: ['office email', 'account email', 'company email', 'practice email'] },
  { key: 'website', label: 'Website', synonyms: ['web', 'url', 'site', 'web site', 'homepage'] },
  { key: 'npi', label: 'NPI', synonyms: ['office npi', 'group npi', 'organization npi', 'npi number'] },
  { key: 'tier', label: 'Tier', synonyms: ['priority'] },
  { key: 'stage', label: 'Stage', synonyms: ['relationship stage', 'status', 'relationship'] },
  { key: 'owner', label: 'Liaison', synonyms: ['owner', 'owning liaison', 'rep', 'assigned to', 'account owner', 'contact owner', 'owner name', 'lead owner'] },
  { key: 'tags', label: 'Tags', synonyms: ['labels'] },
  { key: 'notes', label: 'Notes', synonyms: ['office notes', 'comments'] },
  { key: 'bestTime', label: 'Best time to visit', synonyms: ['best time', 'visit time', 'visiting hours'] },
  { key: 'lunchPrefs', label: 'Lunch preferences', synonyms: ['lunch', 'dietary notes', 'dietary', 'food preferences'] },
  {
    key: 'personFullName',
    label: 'Contact name',
    synonyms: ['physician', 'doctor', 'provider', 'contact', 'person', 'full name', 'physician name', 'provider name', 'doctor name', 'contact full name'],
  },
  { key: 'personFirstName', label: 'Contact first name', synonyms: ['first name', 'first', 'given name', 'firstname'] },
  { key: 'personLastName', label: 'Contact last name', synonyms: ['last name', 'last', 'surname', 'family name', 'lastname'] },
  { key: 'personKind', label: 'Contact kind', synonyms: ['contact type', 'person type', 'physician or staff'] },
  // Not "Title": CRMs use it for the job title ("Office Manager"), which is the role.
  { key: 'personCredentials', label: 'Credentials', synonyms: ['credential', 'degree', 'degrees', 'contact credentials'] },
  { key: 'personSpecialty', label: 'Contact specialty', synonyms: ['physician specialty', 'provider specialty'] },
  { key: 'personNpi', label: 'Contact NPI', synonyms: ['physician npi', 'provider npi', 'individual npi'] },
  { key: 'personRole', label: 'Contact role', synonyms: ['role', 'staff role', 'position', 'job title', 'title'] },
  { key: 'personPhone', label: 'Contact phone', synonyms: ['direct phone', 'physician phone', 'direct line'] },
  { key: 'personEmail', label: 'Contact email', synonyms: ['physician email', 'direct email', 'personal email'] },
  { key: 'personNotes', label: 'Contact notes', synonyms: ['physician notes'] },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]['key'];
export const IMPORT_FIELD_KEYS = IMPORT_FIELDS.map((f) => f.key) as [ImportField, ...ImportField[]];

/** Headers that may be the office's field or its contact's. */
const EITHER = [
  { office: 'phone', person: 'personPhone', spellings: ['phone', 'phone number', 'telephone', 'tel', 'work phone', 'business phone'] },
  { office: 'email', person: 'personEmail', spellings: ['email', 'e-mail', 'email address', 'e-mail address', 'work email'] },
  { office: 'specialties', person: 'personSpecialty', spellings: ['specialty', 'speciality'] },
] as const satisfies ReadonlyArray<{ office: ImportField; person: ImportField; spellings: readonly string[] }>;
type Either = (typeof EITHER)[number];

/**
 * A contact's second number: it fills Contact phone only when no other column does, and never
 * the office's phone (a cell phone is no way to reach the front desk).
 */
const SPARE_PERSON_PHONE = ['mobile', 'mobile phone', 'mobile number', 'cell', 'cell phone', 'cell number', 'cellphone'];

/**
 * Headers of common exports that hold none of our fields but would otherwise read as one by
 * their words: Salesforce's "Account Site" is a place name, not a website; its "Account Type" is
 * a sales status ("Customer - Direct"), not a kind of office; a name suffix ("Jr.") is no credential.
 */
const NOT_OURS = ['salutation', 'suffix', 'middle name', 'account site', 'account type', 'account number', 'account source'];

/** Words that put the rest of a header on one side: "Billing City", "Provider Email", "Phone (Office)". */
const SIDE_WORDS: Record<string, 'office' | 'person'> = {
  account: 'office', company: 'office', office: 'office', practice: 'office', organization: 'office', organisation: 'office',
  clinic: 'office', group: 'office', facility: 'office', billing: 'office', mailing: 'office', shipping: 'office', main: 'office',
  contact: 'person', physician: 'person', provider: 'person', doctor: 'person', person: 'person', direct: 'person', individual: 'person', personal: 'person',
};

/** A contact's field that a person-side word turns an office field into: "Contact Name", "Doctor NPI". */
const PERSON_COUNTERPART: Partial<Record<ImportField, ImportField>> = {
  name: 'personFullName', kind: 'personKind', specialties: 'personSpecialty', phone: 'personPhone', email: 'personEmail', npi: 'personNpi', notes: 'personNotes',
};

/** How a CRM names the organisation a contact belongs to; a practice sheet says Practice or Office instead. */
const ACCOUNT_HEADERS = new Set(['account', 'account name', 'company', 'company name']);

const NAME_FIELDS: ReadonlySet<ImportField> = new Set(['personFullName', 'personFirstName', 'personLastName']);
const isPersonField = (f: ImportField) => f.startsWith('person');

const words = (s: string) =>
  s
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Headers as spreadsheets and CRMs write them, reduced to lower-case words: "Billing Zip/Postal
 * Code", "ZIP_CODE:", "\uFEFFE-mail" and "Address1" all compare by their words. A parenthesis
 * that names a side ("Phone (Office)") reads as a leading word; one that only says more ("ZIP (5
 * digits)") is dropped; a number ("Phone (2)", a second column with one header) is kept, so that
 * column is not taken for the first.
 */
export function normaliseHeader(header: string): string {
  let side = '';
  const h = header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\(([^)]*)\)/g, (_whole, inside: string) => {
      const w = words(inside);
      if (/^\d+$/.test(w)) return ` ${w} `;
      if (SIDE_WORDS[w]) side = w;
      return ' ';
    });
  return words(`${side} ${h}`);
}

type Reading = { field: ImportField } | { either: Either } | { sparePhone: true } | { notOurs: true };

const lookup = new Map<string, Reading>();
for (const s of NOT_OURS) lookup.set(normaliseHeader(s), { notOurs: true });
for (const e of EITHER) for (const s of e.spellings) lookup.set(normaliseHeader(s), { either: e });
for (const s of SPARE_PERSON_PHONE) lookup.set(normaliseHeader(s), { sparePhone: true });
for (const f of IMPORT_FIELDS) {
  for (const spelling of [f.key, f.label, ...f.synonyms]) {
    const k = normaliseHeader(spelling);
    if (!lookup.has(k)) lookup.set(k, { field: f.key });
  }
}

/** What one header names, before the file's other columns are considered. */
function read(header: string): Reading | null {
  const exact = lookup.get(header);
  if (exact) return 'notOurs' in exact ? null : exact;
  // "Shipping City", "Practice Email", "Provider NPI", "Contact Name": a side word, then a known header.
  const [first = '', ...rest] = header.split(' ');
  const side = SIDE_WORDS[first];
  const inner = side && rest.length ? lookup.get(rest.join(' ')) : undefined;
  if (!side || !inner || 'notOurs' in inner) return null;
  if ('either' in inner) return { field: inner.either[side] };
  if ('sparePhone' in inner) return side === 'person' ? { field: 'personPhone' } : null;
  if (isPersonField(inner.field) === (side === 'person')) return inner;
  const counterpart = side === 'person' ? PERSON_COUNTERPART[inner.field] : undefined;
  return counterpart ? { field: counterpart } : null;
}

/**
 * One field (or null: ignore the column) per header; a field is never given to two columns.
 *
 * Headers that name one field take it first, left to right. Then the headers that may be the
 * office's or the contact's, by this rule:
 * - "Email" and "Specialty" are the contact's when the file names a contact (a name, or first and
 *   last name columns): beside a doctor they describe the doctor; an office's own says so
 *   ("Office email", "Account Email", "Specialties").
 * - "Phone" is the contact's only in a CRM contact export: first and last name columns with the
 *   office as their Account or Company (Salesforce, HubSpot, Zoho). A practice spreadsheet
 *   (Practice, Doctor, Phone) lists the number that reaches the practice, so there it is the office's.
 * - Either way, a header never takes a field another column names outright: beside "Contact
 *   email" a plain "Email" is the office's (as in this app's own export with people).
 * Last, "Mobile" fills the contact's phone if nothing else did. With no column naming a contact,
 * no contact field is guessed: every row would fail for want of a name.
 */
export function guessMapping(headers: readonly string[]): (ImportField | null)[] {
  const normalised = headers.map(normaliseHeader);
  const readings = normalised.map(read);
  const named = new Set(readings.flatMap((r) => (r && 'field' in r ? [r.field] : [])));
  const hasContact = [...NAME_FIELDS].some((f) => named.has(f));
  const contactExport = (named.has('personFirstName') || named.has('personLastName')) && normalised.some((h) => ACCOUNT_HEADERS.has(h));

  const taken = new Set<ImportField>();
  const mapping: (ImportField | null)[] = headers.map(() => null);
  const give = (i: number, choices: ImportField[]) => {
    const f = choices.find((c) => !taken.has(c) && (hasContact || !isPersonField(c)));
    if (f) {
      taken.add(f);
      mapping[i] = f;
    }
  };
  readings.forEach((r, i) => r && 'field' in r && give(i, [r.field]));
  readings.forEach((r, i) => {
    if (!r || !('either' in r)) return;
    const { office, person } = r.either;
    const personFirst = office === 'phone' ? contactExport : hasContact;
    give(i, personFirst ? [person, office] : [office, person]);
  });
  readings.forEach((r, i) => r && 'sparePhone' in r && give(i, ['personPhone']));
  return mapping;
}
