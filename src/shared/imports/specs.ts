import { IMPORT_FIELDS } from './fields';
import { REFERRAL_FIELDS } from './referralFields';

/**
 * What an import reads a file as: the directory's offices and their contacts, or a
 * practice-management system's referral report. Both go through one pipeline (reading, detection,
 * mapping, review, grouped bad rows, one all-or-nothing commit); a spec says what the columns are.
 */
export const IMPORT_SPECS = ['offices', 'referrals'] as const;
export type ImportSpecKey = (typeof IMPORT_SPECS)[number];

export interface SpecField {
  readonly key: string;
  readonly label: string;
}

export const SPEC_FIELDS: Record<ImportSpecKey, readonly SpecField[]> = { offices: IMPORT_FIELDS, referrals: REFERRAL_FIELDS };

/** The spec in a sentence's words ("not a field of a referral report"). */
export const SPEC_NOUNS: Record<ImportSpecKey, string> = { offices: 'an office spreadsheet', referrals: 'a referral report' };
