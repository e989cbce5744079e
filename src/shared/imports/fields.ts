/**
 * The columns an office spreadsheet can carry, with the header spellings we recognise.
 * Export writes `label` as the header, so an exported file imports back with no mapping work.
 */
export const IMPORT_FIELDS = [
  { key: 'name', label: 'Office name', synonyms: ['office', 'practice', 'practice name', 'organization', 'clinic', 'facility', 'name'] },
  { key: 'kind', label: 'Kind', synonyms: ['type', 'office type', 'office kind', 'category'] },
  { key: 'specialties', label: 'Specialties', synonyms: ['specialty', 'specialities', 'office specialty'] },
  { key: 'address1', label: 'Address', synonyms: ['address 1', 'address line 1', 'street', 'street address', 'addr1'] },
  { key: 'address2', label: 'Address 2', synonyms: ['address line 2', 'suite', 'unit', 'addr2'] },
  { key: 'city', label: 'City', synonyms: ['town'] },
  { key: 'state', label: 'State', synonyms: ['st', 'province'] },
  { key: 'zip', label: 'ZIP', synonyms: ['zip code', 'zipcode', 'postal code', 'postcode', 'postal'] },
  { key: 'phone', label: 'Phone', synonyms: ['office phone', 'telephone', 'main phone', 'phone number'] },
  { key: 'fax', label: 'Fax', synonyms: ['fax number', 'office fax'] },
  { key: 'email', label: 'Email', synonyms: ['office email', 'e-mail'] },
  { key: 'website', label: 'Website', synonyms: ['web', 'url', 'site', 'web site'] },
  { key: 'npi', label: 'NPI', synonyms: ['office npi', 'group npi', 'organization npi'] },
  { key: 'tier', label: 'Tier', synonyms: ['priority'] },
  { key: 'stage', label: 'Stage', synonyms: ['relationship stage', 'status', 'relationship'] },
  { key: 'owner', label: 'Liaison', synonyms: ['owner', 'owning liaison', 'rep', 'assigned to'] },
  { key: 'tags', label: 'Tags', synonyms: ['labels'] },
  { key: 'notes', label: 'Notes', synonyms: ['office notes', 'comments'] },
  { key: 'bestTime', label: 'Best time to visit', synonyms: ['best time', 'visit time', 'visiting hours'] },
  { key: 'lunchPrefs', label: 'Lunch preferences', synonyms: ['lunch', 'dietary notes', 'dietary', 'food preferences'] },
  { key: 'personFullName', label: 'Contact name', synonyms: ['physician', 'doctor', 'provider', 'contact', 'person', 'full name', 'physician name', 'provider name'] },
  { key: 'personFirstName', label: 'Contact first name', synonyms: ['first name', 'first', 'given name'] },
  { key: 'personLastName', label: 'Contact last name', synonyms: ['last name', 'last', 'surname', 'family name'] },
  { key: 'personKind', label: 'Contact kind', synonyms: ['contact type', 'person type', 'physician or staff'] },
  { key: 'personCredentials', label: 'Credentials', synonyms: ['credential', 'degree', 'title', 'contact credentials'] },
  { key: 'personSpecialty', label: 'Contact specialty', synonyms: ['physician specialty', 'provider specialty'] },
  { key: 'personNpi', label: 'Contact NPI', synonyms: ['physician npi', 'provider npi', 'individual npi'] },
  { key: 'personRole', label: 'Contact role', synonyms: ['role', 'staff role', 'position', 'job title'] },
  { key: 'personPhone', label: 'Contact phone', synonyms: ['direct phone', 'physician phone', 'cell', 'mobile'] },
  { key: 'personEmail', label: 'Contact email', synonyms: ['physician email', 'direct email'] },
  { key: 'personNotes', label: 'Contact notes', synonyms: ['physician notes'] },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]['key'];
export const IMPORT_FIELD_KEYS = IMPORT_FIELDS.map((f) => f.key) as [ImportField, ...ImportField[]];

const normalise = (h: string) => h.trim().toLowerCase().replace(/[_\-./]+/g, ' ').replace(/\s+/g, ' ');

const lookup = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) {
  for (const spelling of [f.key, f.label, ...f.synonyms]) {
    const k = normalise(spelling);
    if (!lookup.has(k)) lookup.set(k, f.key);
  }
}

/** One field (or null: ignore the column) per header; a field is never given to two columns. */
export function guessMapping(headers: readonly string[]): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  return headers.map((h) => {
    const hit = lookup.get(normalise(h)) ?? null;
    if (!hit || taken.has(hit)) return null;
    taken.add(hit);
    return hit;
  });
}
