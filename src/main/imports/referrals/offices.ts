import { splitFullName } from '../../../shared/domain/personName';
import { zip5, zipPrefixRange } from '../../../shared/domain/zip';
import { likelySameOffice } from '../../../shared/imports/matching';
import { fold } from '../../../shared/officeSearch';
import type { Ctx } from '../../context';
import { matchKeys, type MatchKeys } from '../duplicates';
import { existingOfficeIndex } from '../plan';
import type { ReferralCells } from './cells';
import { linkKeys, readLinks } from './links';

export type FoundBy = 'npi' | 'physicianNpi' | 'nameZip' | 'linked' | 'sourceId';
export interface FoundOffice {
  id: string;
  name: string;
  by: FoundBy;
  /** the person whose NPI found the office */
  personId: string | null;
}

/** A row's office as the directory's matching sees it: its NPI, and its name with ZIP. */
export const referralOfficeKeys = (o: ReferralCells['office']): MatchKeys => matchKeys({ name: o.name ?? '', npi: o.npi, address: { zip: o.zip } });

interface PersonRow {
  id: string;
  office_id: string;
  npi: string | null;
  first_name: string;
  last_name: string;
  office_name: string;
}

/**
 * Finds a referral row's office among the app's live offices: by the office's NPI; else by the
 * referring physician's NPI (the office that person is at); else by name and ZIP — the very
 * index and keys the office import matches with (duplicates.ts), so both imports recognise an
 * office alike. Then the row's physician among that office's people: by NPI, then by name.
 */
export class ReferralOffices {
  private readonly index: ReturnType<typeof existingOfficeIndex>;
  private readonly archived: Set<string>;
  private readonly byPersonNpi = new Map<string, PersonRow>();
  private readonly peopleAt = new Map<string, PersonRow[]>();
  private readonly links: Map<string, string>;
  private readonly names = new Map<string, string | null>();

  constructor(private readonly ctx: Ctx) {
    this.index = existingOfficeIndex(ctx);
    this.links = readLinks(ctx);
    this.archived = new Set((ctx.store.read('SELECT id FROM offices WHERE archived_at IS NOT NULL AND deleted_at IS NULL').all() as { id: string }[]).map((r) => r.id));
    const people = ctx.store
      .read('SELECT p.id, p.office_id, p.npi, p.first_name, p.last_name, o.name AS office_name FROM people p JOIN offices o ON o.id = p.office_id WHERE p.deleted_at IS NULL AND p.archived_at IS NULL AND o.deleted_at IS NULL ORDER BY p.created_at')
      .all() as PersonRow[];
    for (const p of people) {
      if (p.npi && !this.byPersonNpi.has(p.npi)) this.byPersonNpi.set(p.npi, p);
      const at = this.peopleAt.get(p.office_id);
      if (at) at.push(p);
      else this.peopleAt.set(p.office_id, [p]);
    }
  }

  isArchived(officeId: string): boolean {
    return this.archived.has(officeId);
  }

  find(cells: ReferralCells, keys: MatchKeys): FoundOffice | null {
    const byNpi = keys.npi ? this.index.find({ ...keys, nameZip: '', street: null, phone: '' }) : null;
    if (byNpi) return { id: byNpi.ref.id, name: byNpi.ref.name, by: 'npi', personId: null };
    const person = cells.physician.npi ? this.byPersonNpi.get(cells.physician.npi) : undefined;
    if (person) return { id: person.office_id, name: person.office_name, by: 'physicianNpi', personId: person.id };
    // Name and ZIP only: a report has no street or phone for the office, and an NPI the app lacks stops a match with another NPI.
    const byName = keys.nameZip ? this.index.find({ ...keys, street: null, phone: '' }) : null;
    return byName ? { id: byName.ref.id, name: byName.ref.name, by: 'nameZip', personId: null } : null;
  }

  /** The office a user linked this report's office to in an earlier import (its NPI first); none if that office is gone. */
  linked(keys: MatchKeys): FoundOffice | null {
    for (const key of linkKeys(keys)) {
      const id = this.links.get(key);
      if (!id) continue;
      // Once per office, not once per row: a month's report names a linked office on many rows.
      let name = this.names.get(id);
      if (name === undefined) this.names.set(id, (name = this.officeName(id)));
      if (name !== null) return { id, name, by: 'linked', personId: null };
    }
    return null;
  }

  /** The one live office at this ZIP whose name the report's likely abbreviates or misspells; none when no office, or several, could be it. */
  suggest(name: string, zip: string): { id: string; name: string } | null {
    const { from, to } = zipPrefixRange(zip5(zip));
    const here = this.ctx.store.read('SELECT id, name FROM offices WHERE zip >= ? AND zip < ? AND deleted_at IS NULL AND archived_at IS NULL').all(from, to) as { id: string; name: string }[];
    const likely = here.filter((o) => likelySameOffice(name, o.name));
    return likely.length === 1 ? likely[0]! : null;
  }

  /** The office a referral already in the app is at, for a row naming an office the app does not know. */
  current(existing: { office_id: string; person_id: string | null }): FoundOffice | null {
    const name = this.officeName(existing.office_id);
    return name === null ? null : { id: existing.office_id, name, by: 'sourceId', personId: null };
  }

  private officeName(id: string): string | null {
    const r = this.ctx.store.read('SELECT name FROM offices WHERE id = ? AND deleted_at IS NULL').get(id) as { name: string } | undefined;
    return r?.name ?? null;
  }

  /** The row's physician among the office's people: by NPI, else by name ("Dr. Ana Ruiz, MD", "Ruiz, Ana"); null when nobody there is them. */
  physicianAt(officeId: string, physician: ReferralCells['physician']): string | null {
    const people = this.peopleAt.get(officeId) ?? [];
    if (physician.npi) {
      const p = people.find((x) => x.npi === physician.npi);
      if (p) return p.id;
    }
    if (!physician.name) return null;
    const tokens = nameTokens(physician.name);
    const hits = people.filter((p) => {
      const last = words(p.last_name);
      const first = words(p.first_name)[0];
      return last.length > 0 && first !== undefined && last.every((w) => tokens.has(w)) && tokens.has(first);
    });
    // Two people with one name at one office: which one is not the import's to guess.
    return hits.length === 1 ? hits[0]!.id : null;
  }
}

const words = (s: string) => fold(s).split(/[^a-z0-9'’-]+/).filter(Boolean);

/** The words of a name as a report writes it, in either order, without the title and credentials. */
function nameTokens(written: string): Set<string> {
  // "Ruiz, Ana": the comma puts the last name first; "Ana Ruiz, MD": it puts credentials after.
  const split = splitFullName(written);
  return new Set([...words(split.firstName), ...words(split.lastName), ...words(written.replace(/^\s*(dr\.?|doctor)\s+/i, ''))]);
}
