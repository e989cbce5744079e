import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Papa from 'papaparse';
import { zipCentroids } from '../../src/main/geo/zipCentroids';
import { filterRegistry, type Filter } from '../../src/main/targets/filter';
import { SHIPPED_TAXONOMY, taxonomyTable } from '../../src/shared/nppes/taxonomy';
import { npi, registryHeaderLine, registryLine, type RegistryRow } from '../helpers/nppesFile';
import { removeDir, scratchDir } from './folders';
import { median, ms } from './stats';

/** A small deterministic generator, so every run writes the same file. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAST = ['SMITH', 'JOHNSON', 'WILLIAMS', 'BROWN', 'JONES', 'GARCIA', 'MILLER', 'DAVIS', 'RODRIGUEZ', 'MARTINEZ', 'HERNANDEZ', 'LOPEZ', 'NGUYEN', 'PATEL', 'KIM', 'O\'BRIEN', 'KOWALSKI', 'NOWAK', 'OKAFOR', 'COHEN'];
const FIRST = ['JAMES', 'MARY', 'ROBERT', 'PATRICIA', 'JOHN', 'JENNIFER', 'MICHAEL', 'LINDA', 'DAVID', 'ELIZABETH', 'ANA', 'WEI', 'PRIYA', 'CHIDI', 'FATIMA', 'SARA'];
const STREETS = ['HARRISON', 'MADISON', 'JACKSON', 'WASHINGTON', 'MICHIGAN', 'HALSTED', 'ASHLAND', 'WESTERN', 'CICERO', 'GREEN', 'MAIN', 'OAK', 'LAKE', 'CENTRAL'];
const SUFFIX = ['ST', 'AVE', 'BLVD', 'RD', 'DR'];
const CITIES = ['CHICAGO', 'EVANSTON', 'OAK PARK', 'NAPERVILLE', 'AURORA', 'JOLIET', 'ROCKFORD', 'PEORIA', 'SPRINGFIELD', 'CHAMPAIGN'];
const INDIVIDUAL_CODES = SHIPPED_TAXONOMY.filter((t) => t.kind !== 'organisation').map((t) => t.code).concat(['390200000X', '1223G0001X', '101YM0800X', '163W00000X']);
const ORG_CODES = ['193200000X', '193400000X', '261QU0200X', '261QP2000X', '282N00000X', '207Q00000X', '207R00000X', '332B00000X', '3336C0003X'];
const CREDENTIALS: Record<string, string[]> = { physician: ['M.D.', 'MD', 'D.O.', 'DO', ''], clinician: ['NP', 'APRN', 'PA-C', 'FNP-C', ''], therapist: ['PT, DPT', 'PT', 'OTR/L', 'CCC-SLP'] };
const kindOf = new Map(SHIPPED_TAXONOMY.map((t) => [t.code, t.kind]));
const pick = <T,>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const date = (r: () => number, from: number) => `${String(1 + Math.floor(r() * 12)).padStart(2, '0')}/${String(1 + Math.floor(r() * 28)).padStart(2, '0')}/${from + Math.floor(r() * (2025 - from))}`;

/**
 * A state's extract as CMS writes it: 330 quoted columns, most empty; three in four rows individuals;
 * 2% deactivated (an NPI and a date, nothing else); practice ZIPs from the real ZCTAs of Illinois, as
 * ZIP+4 without a dash half the time; a mailing address, licences and older identifiers where real
 * rows have them. About 1.15 KB a row.
 */
export async function writeRegistry(file: string, rows: number): Promise<void> {
  const zips = [...(await zipCentroids()).zipsStartingWith(['60', '61', '62'])];
  const r = rng(42);
  const fd = fs.openSync(file, 'w');
  let buf = registryHeaderLine() + '\r\n';
  for (let i = 0; i < rows; i++) {
    const id = npi(i + 1);
    let row: RegistryRow;
    if (r() < 0.02) row = { npi: id, deactivated: date(r, 2008) };
    else {
      const org = r() < 0.25;
      const zip = pick(r, zips) + (r() < 0.5 ? digits(r, 4) : '');
      const place = {
        line1: `${1 + Math.floor(r() * 9000)} ${pick(r, ['N', 'S', 'E', 'W'])} ${pick(r, STREETS)} ${pick(r, SUFFIX)}`,
        line2: r() < 0.3 ? `STE ${100 + Math.floor(r() * 900)}` : '',
        city: pick(r, CITIES), state: 'IL', zip, phone: `${pick(r, ['312', '773', '847', '630', '708', '217', '309'])}${digits(r, 7)}`,
        fax: r() < 0.5 ? `312${digits(r, 7)}` : '', enumerated: date(r, 2005), updated: date(r, 2010), mailing: r() < 0.9,
      };
      if (org) {
        row = {
          npi: id, org: `${pick(r, LAST)} ${pick(r, ['FAMILY MEDICINE', 'MEDICAL GROUP', 'HEALTH CENTER', 'PHYSICAL THERAPY', 'URGENT CARE'])} ${pick(r, ['LLC', 'SC', 'PC', 'INC'])}`,
          ...place, taxonomies: [pick(r, ORG_CODES)],
          extra: {
            'Authorized Official Last Name': pick(r, LAST), 'Authorized Official First Name': pick(r, FIRST), 'Authorized Official Title or Position': 'PRESIDENT',
            'Authorized Official Telephone Number': place.phone, 'Is Organization Subpart': 'N', 'Healthcare Provider Taxonomy Group_1': r() < 0.2 ? '193200000X MULTI-SPECIALTY GROUP' : '',
          },
        };
      } else {
        const codes = r() < 0.2 ? [pick(r, INDIVIDUAL_CODES), pick(r, INDIVIDUAL_CODES)] : [pick(r, INDIVIDUAL_CODES)];
        const kind = kindOf.get(codes[0]!) ?? 'clinician';
        row = {
          npi: id, last: pick(r, LAST), first: pick(r, FIRST), middle: r() < 0.5 ? pick(r, ['A', 'B', 'J', 'M']) : '', credential: pick(r, CREDENTIALS[kind] ?? ['']),
          ...place, taxonomies: codes, licenses: codes.map(() => `0${digits(r, 8)}`), sex: pick(r, ['M', 'F']),
          extra: {
            'Is Sole Proprietor': pick(r, ['N', 'Y', 'X']),
            ...(r() < 0.3 ? { 'Other Provider Identifier_1': digits(r, 7), 'Other Provider Identifier Type Code_1': '05', 'Other Provider Identifier State_1': 'IL', 'Other Provider Identifier Issuer_1': '' } : {}),
          },
        };
      }
    }
    buf += registryLine(row) + '\r\n';
    if (buf.length > 4 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/** The CSV parser alone, exactly as the filter drives it (papaparse, chunked 64 KB reads), doing nothing with the rows. */
export function parseOnly(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse<string[]>(fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 }), {
      skipEmptyLines: true,
      chunk: (res) => void (rows += res.data.length),
      complete: () => resolve(rows),
      error: reject,
    });
  });
}

/** Resident memory's peak above where it started, sampled every 50 ms while `work` runs. */
export async function peakGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growth: number; ms: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growth: peak - start, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * A liaison's usual search: three specialties within 25 miles of the West Loop, not in a directory
 * holding a sixth of the file's NPIs (50,000 of 300,000).
 */
export async function usualSearch(rows: number): Promise<Filter> {
  const zips = await zipCentroids();
  const known = new Set<string>();
  for (let i = 1; i <= rows; i += 6) known.add(npi(i));
  return {
    codes: new Set(['207Q00000X', '207R00000X', '363L00000X']),
    entity: 'both',
    near: { centre: zips.place('60607')!, miles: 25, zips },
    state: null,
    directory: { hasNpi: (n) => known.has(n), officeByNameZip: new Map() },
  };
}

export const searchOnce = async (file: string, filter: Filter) => filterRegistry(file, filter, taxonomyTable(), { cap: 5000 });

const CHILD = path.join(__dirname, 'targetsChild.ts');

/** Each step in a fresh process, so one's heap (writing the file, the run before) is not in another's memory figure. */
function inChild<T>(...args: string[]): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

/**
 * Issue 5's target: a 300,000-row registry extract (about a state's) filtered in at most twice the
 * time the same CSV parser alone takes on it, the process growing by under 200 MB.
 * BENCH_TARGET_ROWS (default 300000) and BENCH_TARGET_RUNS (3) adjust it.
 */
export async function benchTargets(rows = Number(process.env.BENCH_TARGET_ROWS ?? 300_000), runs = Number(process.env.BENCH_TARGET_RUNS ?? 3)): Promise<void> {
  console.log(`--- Target lists: a ${rows.toLocaleString()}-row NPI registry file (each step in a fresh process) ---`);
  const dir = scratchDir('targets');
  const file = path.join(dir, 'npidata_pfile.csv');
  try {
    const t0 = performance.now();
    const zips = await zipCentroids();
    console.log(`${`ZIP centres loaded (${zips.size.toLocaleString()} ZIPs, once, on first use)`.padEnd(62)} ${ms(performance.now() - t0)}`);
    const gen = inChild<{ ms: number; bytes: number }>('generate', file, String(rows));
    console.log(`${`Generated the file (${mb(gen.bytes)}, 330 quoted columns)`.padEnd(62)} ${ms(gen.ms)}`);
    const parse: { ms: number; growth: number }[] = [];
    const search: { ms: number; growth: number; count: number; kept: number }[] = [];
    for (let i = 0; i < runs; i++) {
      parse.push(inChild('parse', file, String(rows)));
      search.push(inChild('filter', file, String(rows)));
    }
    const pm = median(parse.map((p) => p.ms));
    const sm = median(search.map((s) => s.ms));
    console.log(`Matches: ${search[0]!.count.toLocaleString()} (${search[0]!.kept.toLocaleString()} kept); medians of ${runs} runs`);
    console.log(`${'CSV parser alone (papaparse, streaming 64 KB reads)'.padEnd(62)} ${ms(pm)}   RSS growth ${mb(Math.max(...parse.map((p) => p.growth)))}`);
    console.log(`${'Target filter (the same parse, filter, keep matches)'.padEnd(62)} ${ms(sm)}   ratio ${(sm / pm).toFixed(2)}×   target ≤ 2×`);
    console.log(`${'RSS growth during the filter (peak − start, worst run)'.padEnd(62)} ${mb(Math.max(...search.map((s) => s.growth)))}   target < 200 MB`);
    // The most a search keeps: every row matches, the list is full.
    const all = inChild<{ ms: number; growth: number; count: number; kept: number }>('everything', file, String(rows));
    console.log(`${`RSS growth, a search every row matches (${all.kept.toLocaleString()} of ${all.count.toLocaleString()} kept)`.padEnd(62)} ${mb(all.growth)}   ${ms(all.ms)}\n`);
  } finally {
    removeDir(dir);
  }
}
