import { zip5 } from '../../shared/domain/zip';
import { matchDetail, normaliseOfficeName, type MatchReason } from '../../shared/imports/matching';
import { practiceKey } from '../../shared/nppes/practice';
import type { Ctx } from '../context';

/** An office the directory has, and why a file's office was taken for it (shown on the review). */
export interface KnownOffice {
  id: string;
  name: string;
  reason: MatchReason;
  detail: string;
}

/** How an office is recognised as one the directory has when it has no NPI: the same normalised name at the same five-digit ZIP (the import's rule). */
export const nameZipKey = (name: string, zip: string | null | undefined) => `${normaliseOfficeName(name)}|${zip5(zip)}`;

const BY_NPI = { reason: 'npi', detail: matchDetail('npi') } as const;
const BY_NAME_ZIP = { reason: 'nameZip', detail: matchDetail('nameZip') } as const;
const AT_ADDRESS = { reason: 'nameStreet', detail: 'Same street address and ZIP' } as const;

/**
 * What the directory already holds, read once per import or target list rather than per row: live
 * offices by NPI and by name + ZIP, and the NPIs of live people.
 */
export class Directory {
  readonly officeByNpi = new Map<string, KnownOffice>();
  readonly officeByNameZip = new Map<string, KnownOffice>();
  readonly personNpis = new Set<string>();

  constructor(private readonly ctx: Ctx) {
    const offices = ctx.store.all(ctx.store.q.selectFrom('offices').select(['id', 'name', 'npi', 'zip']).where('deleted_at', 'is', null).orderBy('created_at'));
    for (const o of offices) {
      if (o.npi && !this.officeByNpi.has(o.npi)) this.officeByNpi.set(o.npi, { id: o.id, name: o.name, ...BY_NPI });
      const nz = nameZipKey(o.name, o.zip);
      if (!this.officeByNameZip.has(nz)) this.officeByNameZip.set(nz, { id: o.id, name: o.name, ...BY_NAME_ZIP });
    }
    const people = ctx.store.all(ctx.store.q.selectFrom('people').select('npi').where('deleted_at', 'is', null).where('npi', 'is not', null));
    for (const p of people) this.personNpis.add(p.npi!);
  }

  /** The live office an office of a file is: by NPI, else by name + ZIP. */
  office(npi: string | null | undefined, name: string, zip: string | null | undefined): KnownOffice | null {
    return (npi ? this.officeByNpi.get(npi) : undefined) ?? this.officeByNameZip.get(nameZipKey(name, zip)) ?? null;
  }

  private places: Map<string, KnownOffice> | null = null;

  /** The live office at a practice location (street line 1 + ZIP5, as registry rows are matched), read on first use. */
  officeAt(practice: string): KnownOffice | null {
    if (!this.places) {
      this.places = new Map();
      const rows = this.ctx.store.all(
        this.ctx.store.q.selectFrom('offices').select(['id', 'name', 'address']).where('deleted_at', 'is', null).where('archived_at', 'is', null).orderBy('created_at'),
      );
      for (const r of rows) {
        const a = JSON.parse(r.address) as { line1?: string | null; zip?: string | null };
        const key = practiceKey(a.line1 ?? '', a.zip ?? '');
        if (key && !this.places.has(key)) this.places.set(key, { id: r.id, name: r.name, ...AT_ADDRESS });
      }
    }
    return (practice && this.places.get(practice)) || null;
  }

  /** Anyone or any office with this NPI is in the directory. */
  hasNpi(npi: string): boolean {
    return this.personNpis.has(npi) || this.officeByNpi.has(npi);
  }
}
