import { AppError } from '../errors';

/**
 * NUCC Health Care Provider Taxonomy codes: the 10-character code per provider type every NPI
 * carries. The app ships the codes a specialist practice's referral sources mostly have; a user
 * can load NUCC's full CSV (about 870 codes) over them. A code neither knows is kept as the code.
 */
export const TAXONOMY_KINDS = ['physician', 'clinician', 'therapist', 'organisation'] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];
export const TAXONOMY_KIND_LABELS: Record<TaxonomyKind, string> = {
  physician: 'Physician',
  clinician: 'Other clinician',
  therapist: 'Therapist',
  organisation: 'Organisation',
};

export interface TaxonomyEntry {
  code: string;
  name: string;
  kind: TaxonomyKind;
  /** what to show as the credential of a provider whose file row names none (NP, PA, PT…) */
  credential?: string;
}

export const SHIPPED_TAXONOMY: readonly TaxonomyEntry[] = [
  { code: '207Q00000X', name: 'Family Medicine', kind: 'physician' },
  { code: '208D00000X', name: 'General Practice', kind: 'physician' },
  { code: '207R00000X', name: 'Internal Medicine', kind: 'physician' },
  { code: '208000000X', name: 'Pediatrics', kind: 'physician' },
  { code: '207V00000X', name: 'Obstetrics & Gynecology', kind: 'physician' },
  { code: '207P00000X', name: 'Emergency Medicine', kind: 'physician' },
  { code: '207RC0000X', name: 'Cardiovascular Disease (Cardiology)', kind: 'physician' },
  { code: '207RE0101X', name: 'Endocrinology, Diabetes & Metabolism', kind: 'physician' },
  { code: '207RG0100X', name: 'Gastroenterology', kind: 'physician' },
  { code: '207RN0300X', name: 'Nephrology', kind: 'physician' },
  { code: '207RP1001X', name: 'Pulmonary Disease', kind: 'physician' },
  { code: '207RR0500X', name: 'Rheumatology', kind: 'physician' },
  { code: '207QG0300X', name: 'Geriatric Medicine (Family Medicine)', kind: 'physician' },
  { code: '207RG0300X', name: 'Geriatric Medicine (Internal Medicine)', kind: 'physician' },
  { code: '207QS0010X', name: 'Sports Medicine (Family Medicine)', kind: 'physician' },
  { code: '2084N0400X', name: 'Neurology', kind: 'physician' },
  { code: '2084P0800X', name: 'Psychiatry', kind: 'physician' },
  { code: '207X00000X', name: 'Orthopaedic Surgery', kind: 'physician' },
  { code: '207T00000X', name: 'Neurological Surgery', kind: 'physician' },
  { code: '208600000X', name: 'Surgery', kind: 'physician' },
  { code: '208100000X', name: 'Physical Medicine & Rehabilitation', kind: 'physician' },
  { code: '207W00000X', name: 'Ophthalmology', kind: 'physician' },
  { code: '207Y00000X', name: 'Otolaryngology', kind: 'physician' },
  { code: '208800000X', name: 'Urology', kind: 'physician' },
  { code: '2085R0202X', name: 'Diagnostic Radiology', kind: 'physician' },
  { code: '363L00000X', name: 'Nurse Practitioner', kind: 'clinician', credential: 'NP' },
  { code: '363A00000X', name: 'Physician Assistant', kind: 'clinician', credential: 'PA' },
  { code: '225100000X', name: 'Physical Therapist', kind: 'therapist', credential: 'PT' },
  { code: '225X00000X', name: 'Occupational Therapist', kind: 'therapist', credential: 'OT' },
  { code: '235Z00000X', name: 'Speech-Language Pathologist', kind: 'therapist', credential: 'SLP' },
  { code: '111N00000X', name: 'Chiropractor', kind: 'clinician', credential: 'DC' },
  { code: '213E00000X', name: 'Podiatrist', kind: 'clinician', credential: 'DPM' },
  { code: '152W00000X', name: 'Optometrist', kind: 'clinician', credential: 'OD' },
  { code: '261QU0200X', name: 'Urgent Care Clinic/Center', kind: 'organisation' },
  { code: '261QP2000X', name: 'Physical Therapy Clinic/Center', kind: 'organisation' },
  { code: '282N00000X', name: 'General Acute Care Hospital', kind: 'organisation' },
  { code: '193200000X', name: 'Multi-Specialty Group', kind: 'organisation' },
  { code: '193400000X', name: 'Single Specialty Group', kind: 'organisation' },
];

/** Codes → entries: the shipped ones, with a supplied NUCC list's entries over them. */
export type TaxonomyTable = ReadonlyMap<string, TaxonomyEntry>;

export function taxonomyTable(supplied: readonly TaxonomyEntry[] = []): TaxonomyTable {
  const t = new Map<string, TaxonomyEntry>();
  for (const e of SHIPPED_TAXONOMY) t.set(e.code, e);
  // A supplied name wins; a credential only the shipped list knows is kept.
  for (const e of supplied) t.set(e.code, { ...e, credential: e.credential ?? t.get(e.code)?.credential });
  return t;
}

export const isTaxonomyCode = (s: string) => /^[0-9A-Z]{9}X$/.test(s);

/** A code's name, or the code itself when neither list knows it. */
export const taxonomyName = (table: TaxonomyTable, code: string): string => table.get(code)?.name ?? code;

/**
 * What a code says the provider is. Unknown codes follow NUCC's numbering where it is unambiguous:
 * 204…, 207… and 208… are allopathic and osteopathic physicians; hospitals are 27… and 28….
 */
export function kindOfCode(table: TaxonomyTable, code: string): TaxonomyKind | null {
  const known = table.get(code)?.kind;
  if (known) return known;
  if (/^20[478]/.test(code)) return 'physician';
  if (/^2[78]/.test(code)) return 'organisation';
  return null;
}

/** The provider's kind: the primary code's, else the first code whose kind is known. */
export function providerKind(table: TaxonomyTable, codes: readonly string[], primary: string | null): TaxonomyKind | null {
  for (const c of primary ? [primary, ...codes] : codes) {
    const k = kindOfCode(table, c);
    if (k) return k;
  }
  return null;
}

/**
 * NUCC's own CSV, already split into rows: Code, Grouping, Classification, Specialization,
 * Definition, Notes, Display Name, Section (the columns are found by name). The kind comes from
 * the Section (Individual / Non-Individual) and the Grouping.
 */
export function nuccEntries(headers: readonly string[], records: readonly (readonly string[])[]): { entries: TaxonomyEntry[]; skipped: number } {
  const at = (name: string) => headers.findIndex((h) => h.trim().toLowerCase() === name);
  const [code, grouping, classification, specialization, display, section] = ['code', 'grouping', 'classification', 'specialization', 'display name', 'section'].map(at);
  if (code! < 0 || (display! < 0 && classification! < 0)) {
    throw new AppError('invalid_input', 'This is not NUCC’s taxonomy CSV: it needs a Code column and a Display Name (or Classification) column.');
  }
  const entries: TaxonomyEntry[] = [];
  let skipped = 0;
  for (const r of records) {
    const c = (r[code!] ?? '').trim().toUpperCase();
    const cell = (i: number | undefined) => (i !== undefined && i >= 0 ? (r[i] ?? '').trim() : '');
    const name = cell(display) || [cell(classification), cell(specialization)].filter(Boolean).join(', ');
    if (!isTaxonomyCode(c) || !name) {
      skipped++;
      continue;
    }
    entries.push({ code: c, name, kind: kindFromGrouping(c, cell(grouping), cell(section)) });
  }
  return { entries, skipped };
}

/** NUCC groupings of organisations (used when the file has no Section column). */
const ORGANISATION_GROUPINGS = /agenc|facilit|hospital|group|laborator|managed care|supplier|transportation|respite|residential treatment|nursing & custodial/i;

function kindFromGrouping(code: string, grouping: string, section: string): TaxonomyKind {
  if (/^non/i.test(section) || (!section && ORGANISATION_GROUPINGS.test(grouping))) return 'organisation';
  if (/physicians/i.test(grouping) && !/assistant/i.test(grouping)) return 'physician';
  if (/^20[478]/.test(code)) return 'physician';
  if (/rehabilitative|restorative|speech, language|hearing/i.test(grouping)) return 'therapist';
  return 'clinician';
}
