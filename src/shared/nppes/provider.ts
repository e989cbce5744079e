import type { OfficeKind } from '../domain/office';
import type { PersonKind } from '../domain/person';
import { registryCredential } from './practice';
import { kindOfCode, providerKind, taxonomyName, type TaxonomyTable } from './taxonomy';

/** Labels are limited to 60 characters (OfficeFields.specialties); NUCC's longest names are not. */
const LABEL_MAX = 60;
const asLabel = (name: string) => (name.length <= LABEL_MAX ? name : `${name.slice(0, LABEL_MAX - 1).trimEnd()}…`);

/** An organisation's specialties: each of its taxonomy codes by name (the code itself when unknown), primary first. */
export function specialtiesOf(table: TaxonomyTable, codes: readonly string[], primary: string | null): string[] {
  const ordered = primary ? [primary, ...codes.filter((c) => c !== primary)] : codes;
  return [...new Set(ordered.map((c) => asLabel(taxonomyName(table, c))))];
}

/**
 * What kind of office an organisation is, from its primary code (else its others): a hospital, an
 * urgent care, a practice of physicians or other clinicians (groups included); anything else
 * (therapy clinics, agencies, suppliers, codes nobody knows) is "other".
 */
export function officeKindOf(table: TaxonomyTable, codes: readonly string[], primary: string | null): OfficeKind {
  for (const code of primary ? [primary, ...codes] : codes) {
    if (/^2[78]/.test(code)) return 'hospital';
    if (code.startsWith('261QU')) return 'urgent_care';
    if (code.startsWith('193')) return 'physician_office';
    const k = kindOfCode(table, code);
    if (k === 'physician' || k === 'clinician') return 'physician_office';
    if (k) return 'other';
  }
  return 'other';
}

const PHYSICIAN_CREDENTIAL = /\b(MD|DO|MBBS)\b/i;

/**
 * An individual provider as a person at an office: a physician when the taxonomy says so (or, for a
 * code nobody knows, when the credential is MD or DO), else a clinician (nurse practitioners,
 * physician assistants, therapists…); the credential as written, else the one the taxonomy implies
 * ("NP"); the primary code's name as the specialty.
 */
export function providerAsPerson(
  table: TaxonomyTable,
  codes: readonly string[],
  primary: string | null,
  credentialText: string,
): { kind: PersonKind; credentials: string | null; specialty: string | null } {
  const credentials = registryCredential(credentialText);
  const kind = providerKind(table, codes, primary);
  const physician = kind === 'physician' || (kind === null && credentials !== null && PHYSICIAN_CREDENTIAL.test(credentials));
  return {
    kind: physician ? 'physician' : 'clinician',
    credentials: credentials ?? (primary ? (table.get(primary)?.credential ?? null) : null),
    specialty: primary ? taxonomyName(table, primary) : null,
  };
}
