import type { OfficeCreateInput } from '../../src/shared/domain/office';
import type { PersonCreateInput } from '../../src/shared/domain/person';
import { npiWithCheckDigit } from '../../src/shared/npi';
import { BEST_TIMES, FIRST_NAMES, LUNCH, OWNERS, PLACES, SPECIALTIES, STREETS, SURNAMES, TAGS } from './places';

/** mulberry32: a tiny seeded PRNG, so the same seed always yields the same directory. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

export type SeedPerson = Omit<PersonCreateInput, 'officeId'>;
export interface SeedOffice {
  office: OfficeCreateInput & { name: string; address: { line1: string; city: string; state: string; zip: string } };
  people: SeedPerson[];
}

const KIND_WEIGHTS = ['physician_office', 'physician_office', 'physician_office', 'physician_office', 'physician_office', 'physician_office', 'hospital', 'urgent_care', 'community_partner', 'other'] as const;
const STAFF = ['office_manager', 'referral_coordinator', 'front_desk'] as const;

/** `count` realistic offices with about `peoplePerOffice` people each (3 physicians : 1 staff). */
export function* generateOffices(count: number, peoplePerOffice = 4, seed = 42): Generator<SeedOffice> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const [city, state, zip, area] = r.pick(PLACES);
    const kind = r.pick(KIND_WEIGHTS);
    const specialty = r.pick(SPECIALTIES);
    const surname = r.pick(SURNAMES);
    const name =
      kind === 'hospital' ? `${city} ${r.pick(['General', 'Memorial', 'Regional', 'Community'])} Hospital`
      : kind === 'urgent_care' ? `${r.pick([city, surname, 'FastCare', 'MedExpress'])} Urgent Care`
      : kind === 'community_partner' ? `${city} ${r.pick(['YMCA', 'High School Athletics', 'Fitness Club', 'Senior Center'])}`
      : kind === 'other' ? `${surname} ${r.pick(['Wellness', 'Health Partners', 'Rehab Group'])}`
      : `${surname} ${r.pick(['', '& ' + r.pick(SURNAMES) + ' '])}${specialty}${r.pick([' Associates', ' Group', '', ' Clinic', ' of ' + city])}`;
    const phone = `(${area}) ${r.int(200, 989)}-${String(r.int(0, 9999)).padStart(4, '0')}`;
    const tierRoll = r.next();
    const people: SeedPerson[] = [];
    const n = Math.max(0, peoplePerOffice + r.int(-1, 1));
    for (let j = 0; j < n; j++) {
      const staff = j % 4 === 3;
      people.push({
        kind: staff ? 'staff' : 'physician',
        firstName: r.pick(FIRST_NAMES),
        lastName: r.pick(SURNAMES),
        credentials: staff ? null : r.pick(['MD', 'MD', 'DO', 'NP', 'PA-C']),
        specialty: staff ? null : specialty,
        npi: staff ? null : npiWithCheckDigit(String(200_000_000 + i * 8 + j)),
        role: staff ? r.pick(STAFF) : null,
        phone: r.next() < 0.4 ? phone : null,
        email: null,
      });
    }
    yield {
      office: {
        name: name.replace(/\s+/g, ' ').trim(),
        kind,
        specialties: kind === 'physician_office' ? [specialty] : [],
        address: { line1: `${r.int(1, 9999)} ${r.pick(STREETS)}`, city, state, zip },
        phone,
        fax: r.next() < 0.7 ? `(${area}) ${r.int(200, 989)}-${String(r.int(0, 9999)).padStart(4, '0')}` : null,
        npi: npiWithCheckDigit(String(100_000_000 + i)),
        tier: tierRoll < 0.2 ? 'A' : tierRoll < 0.5 ? 'B' : tierRoll < 0.9 ? 'C' : null,
        stage: r.pick(['prospect', 'new', 'established', 'established', 'dormant'] as const),
        ownerName: r.pick(OWNERS),
        tags: r.next() < 0.3 ? [r.pick(TAGS)] : [],
        bestTime: r.pick(BEST_TIMES),
        lunchPrefs: r.pick(LUNCH),
      },
      people,
    };
  }
}

/** The same directory as a spreadsheet export would give it: one row per person (or per office with nobody). */
export function generateCsv(count: number, peoplePerOffice = 4, seed = 42): string {
  const header = 'Office name,Kind,Specialties,Address,City,State,ZIP,Phone,Fax,NPI,Tier,Stage,Liaison,Contact first name,Contact last name,Contact kind,Credentials,Contact NPI,Contact role';
  const q = (v: unknown) => {
    const s = v == null ? '' : Array.isArray(v) ? v.join('; ') : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [header];
  for (const { office: o, people } of generateOffices(count, peoplePerOffice, seed)) {
    const base = [o.name, o.kind, o.specialties, o.address.line1, o.address.city, o.address.state, o.address.zip, o.phone, o.fax, o.npi, o.tier, o.stage, o.ownerName].map(q).join(',');
    if (people.length === 0) lines.push(base + ',,,,,,');
    for (const p of people) lines.push(base + ',' + [p.firstName, p.lastName, p.kind, p.credentials, p.npi, p.role].map(q).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
