import { v5 as uuidv5 } from 'uuid';

/**
 * Fixed forever: team member ids derived from names depend on it, and two devices (or a device and
 * a later build) must derive the same id from the same name. Changing it splits every such member in two.
 */
export const TEAM_MEMBER_NAMESPACE = '6f1d3c0e-8a4b-5c7e-9d2f-3b6a1e0c4d58';

/**
 * The form of a person's name that matching compares: Unicode NFKC (a full-width or ligature letter
 * and a no-break space become their plain forms), trimmed, inner whitespace collapsed, case-folded.
 * " dana  whitfield " and "DANA WHITFIELD" are the same person. Never change this rule: member ids
 * derived from names (migration 0003, older builds' changes, imports) are computed from its output.
 */
export function normaliseName(name: string): string {
  // NFKC again after lower-casing: a few capitals lower-case to a sequence NFKC would compose.
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase().normalize('NFKC');
}

/** A name as shown and stored: trimmed, inner whitespace collapsed, case kept. */
export function tidyName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/**
 * The id a member made from a name gets: a UUIDv5 of the normalised name, so devices that meet
 * the same name offline (migrating old owners, applying an older build's change, importing the
 * same sheet) make the same member instead of two.
 */
export function memberIdForName(name: string): string {
  return uuidv5(normaliseName(name), TEAM_MEMBER_NAMESPACE);
}
