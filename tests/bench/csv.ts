import Papa from 'papaparse';
import { generateCsv } from '../../scripts/seed/generate';
import { npiWithCheckDigit } from '../../src/shared/npi';

/**
 * A realistic spreadsheet of `offices` offices (about `perOffice` contacts each) that adds new
 * offices to a folder holding the seeded directory instead of being skipped as duplicates of it:
 * its NPIs are moved into a block of their own (the generator numbers them from the same start
 * whatever the seed; blocks 1–9 never overlap each other or the seeded NPIs), and each
 * office's name gets a site number (the generator's names repeat, and the import also takes a
 * same name + ZIP for the same office).
 */
export function csvWithOwnNpis(offices: number, perOffice: number, seed: number, block: number): string {
  // Blocks stay under 10, so the moved NPIs keep their nine digits before the check digit.
  if (!Number.isInteger(block) || block < 1 || block > 9 || offices > 1_000_000) throw new Error('csvWithOwnNpis: block 1–9, at most 1,000,000 offices');
  const csv = generateCsv(offices, perOffice, seed);
  const { data } = Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' });
  const header = data[0]!;
  const officeNpi = header.indexOf('NPI');
  const personNpi = header.indexOf('Contact NPI');
  const name = header.indexOf('Office name');
  // generate.ts numbers office NPIs from 100,000,000 and contacts' from 200,000,000 (8 per office).
  const move = (npi: string | undefined, from: number, to: number) => (npi ? npiWithCheckDigit(String(Number(npi.slice(0, 9)) - from + to)) : npi);
  for (const r of data.slice(1)) {
    r[name] = `${r[name]} Site ${block}.${Number(r[officeNpi]!.slice(0, 9)) - 100_000_000}`;
    r[officeNpi] = move(r[officeNpi], 100_000_000, 400_000_000 + block * 1_000_000)!;
    r[personNpi] = move(r[personNpi], 200_000_000, 500_000_000 + block * 10_000_000)!;
  }
  return Papa.unparse(data, { newline: '\r\n' }) + '\r\n';
}
