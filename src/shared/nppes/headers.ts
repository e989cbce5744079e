/**
 * The header row of CMS's NPPES "Data Dissemination" file (the NPI registry), 330 columns in the
 * order CMS writes them. Built rather than typed out: the repeated groups are where a hand-typed
 * list goes wrong, and tests and the bench write files with exactly these headers.
 */
const MAILING = 'Provider Business Mailing Address';
const PRACTICE = 'Provider Business Practice Location Address';

export function nppesHeaders(): string[] {
  const h = [
    'NPI', 'Entity Type Code', 'Replacement NPI', 'Employer Identification Number (EIN)', 'Provider Organization Name (Legal Business Name)',
    'Provider Last Name (Legal Name)', 'Provider First Name', 'Provider Middle Name', 'Provider Name Prefix Text', 'Provider Name Suffix Text',
    'Provider Credential Text', 'Provider Other Organization Name', 'Provider Other Organization Name Type Code', 'Provider Other Last Name',
    'Provider Other First Name', 'Provider Other Middle Name', 'Provider Other Name Prefix Text', 'Provider Other Name Suffix Text',
    'Provider Other Credential Text', 'Provider Other Last Name Type Code',
  ];
  for (const [lines, place] of [['Business Mailing Address', MAILING], ['Business Practice Location Address', PRACTICE]] as const) {
    h.push(`Provider First Line ${lines}`, `Provider Second Line ${lines}`, `${place} City Name`, `${place} State Name`, `${place} Postal Code`,
      `${place} Country Code (If outside U.S.)`, `${place} Telephone Number`, `${place} Fax Number`);
  }
  h.push('Provider Enumeration Date', 'Last Update Date', 'NPI Deactivation Reason Code', 'NPI Deactivation Date', 'NPI Reactivation Date',
    'Provider Sex Code', 'Authorized Official Last Name', 'Authorized Official First Name', 'Authorized Official Middle Name',
    'Authorized Official Title or Position', 'Authorized Official Telephone Number');
  for (let i = 1; i <= 15; i++) {
    h.push(`Healthcare Provider Taxonomy Code_${i}`, `Provider License Number_${i}`, `Provider License Number State Code_${i}`, `Healthcare Provider Primary Taxonomy Switch_${i}`);
  }
  for (let i = 1; i <= 50; i++) {
    h.push(`Other Provider Identifier_${i}`, `Other Provider Identifier Type Code_${i}`, `Other Provider Identifier State_${i}`, `Other Provider Identifier Issuer_${i}`);
  }
  h.push('Is Sole Proprietor', 'Is Organization Subpart', 'Parent Organization LBN', 'Parent Organization TIN', 'Authorized Official Name Prefix Text',
    'Authorized Official Name Suffix Text', 'Authorized Official Credential Text');
  for (let i = 1; i <= 15; i++) h.push(`Healthcare Provider Taxonomy Group_${i}`);
  h.push('Certification Date');
  return h;
}

/** How many taxonomy slots a row has (`Healthcare Provider Taxonomy Code_1` … `_15`). */
export const TAXONOMY_SLOTS = 15;

/** The columns the app reads, by their header in the file. */
export const NPPES = {
  npi: 'NPI',
  entityType: 'Entity Type Code',
  orgName: 'Provider Organization Name (Legal Business Name)',
  otherOrgName: 'Provider Other Organization Name',
  lastName: 'Provider Last Name (Legal Name)',
  firstName: 'Provider First Name',
  suffix: 'Provider Name Suffix Text',
  credential: 'Provider Credential Text',
  line1: 'Provider First Line Business Practice Location Address',
  line2: 'Provider Second Line Business Practice Location Address',
  city: `${PRACTICE} City Name`,
  state: `${PRACTICE} State Name`,
  zip: `${PRACTICE} Postal Code`,
  country: `${PRACTICE} Country Code (If outside U.S.)`,
  phone: `${PRACTICE} Telephone Number`,
  fax: `${PRACTICE} Fax Number`,
  deactivated: 'NPI Deactivation Date',
  reactivated: 'NPI Reactivation Date',
} as const;
export type NppesColumn = keyof typeof NPPES;

const taxonomyCode = (i: number) => `Healthcare Provider Taxonomy Code_${i}`;
const primarySwitch = (i: number) => `Healthcare Provider Primary Taxonomy Switch_${i}`;

/** Headers compared as people retype them: case, surrounding and repeated spaces ignored. */
const normalise = (h: string) => h.trim().replace(/\s+/g, ' ').toLowerCase();

/** The columns a file must have to be read as the registry's layout; the other 300-odd may be cut. */
const KEY_COLUMNS = [NPPES.npi, NPPES.entityType, NPPES.orgName, NPPES.lastName, NPPES.firstName, NPPES.line1, NPPES.zip, taxonomyCode(1)];

export function isNppesHeaders(headers: readonly string[]): boolean {
  const have = new Set(headers.map(normalise));
  return KEY_COLUMNS.every((k) => have.has(normalise(k)));
}

/** Where each column the app reads sits in this file (-1: absent), and the taxonomy slots present. */
export interface NppesLayout {
  col: Record<NppesColumn, number>;
  /** [code column, primary-switch column (-1: absent)] per slot the file has, in order */
  taxonomy: [number, number][];
}

export function nppesLayout(headers: readonly string[]): NppesLayout {
  const at = new Map<string, number>();
  headers.forEach((h, i) => at.has(normalise(h)) || at.set(normalise(h), i));
  const find = (h: string) => at.get(normalise(h)) ?? -1;
  const col = Object.fromEntries(Object.entries(NPPES).map(([k, h]) => [k, find(h)])) as Record<NppesColumn, number>;
  const taxonomy: [number, number][] = [];
  for (let i = 1; i <= TAXONOMY_SLOTS; i++) {
    const c = find(taxonomyCode(i));
    if (c >= 0) taxonomy.push([c, find(primarySwitch(i))]);
  }
  return { col, taxonomy };
}

/** A row's taxonomy codes in slot order, and which of them is the primary one (the `Y` switch; else the first). */
export function taxonomyCodesOf(record: readonly string[], layout: NppesLayout): { codes: string[]; primary: string | null } {
  const codes: string[] = [];
  let primary: string | null = null;
  for (const [c, s] of layout.taxonomy) {
    const code = (record[c] ?? '').trim().toUpperCase();
    if (!code) continue;
    if (!codes.includes(code)) codes.push(code);
    if (primary === null && s >= 0 && (record[s] ?? '').trim().toUpperCase() === 'Y') primary = code;
  }
  return { codes, primary: primary ?? codes[0] ?? null };
}

/** MM/DD/YYYY as the registry writes dates, as YYYY-MM-DD; null when empty or not a date. */
export function registryDate(text: string | undefined): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec((text ?? '').trim());
  return m ? `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}` : null;
}

/** Deactivated and not reactivated since: such an NPI is skipped (the registry keeps nothing else about it). */
export function isDeactivated(deactivation: string | undefined, reactivation: string | undefined): boolean {
  const off = registryDate(deactivation);
  if (!off) return false;
  const on = registryDate(reactivation);
  return !on || on < off;
}
