import { OfficeCreate } from '../../src/shared/domain/office';
import { startApp } from '../../src/main/app';
import { createOffice } from '../../src/main/offices/service';
import { officeCells } from '../../src/main/offices/rows';
import { newId } from '../../src/shared/ids';
import { npiWithCheckDigit } from '../../src/shared/npi';
import { copyDir, removeDir } from './folders';
import { ms, percentile, row, timeEach } from './stats';

/**
 * One office created through its service (validation, NPI check, change log) vs a plain prepared
 * INSERT of the same row, with and without an NPI, on a copy of the seeded folder (so the NPI
 * check and every index work at the directory's real size). The copy is deleted afterwards.
 */
export async function benchWrite(seededDir: string): Promise<void> {
  const dir = copyDir(seededDir, 'write');
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  // A copied folder is checked (quick_check) before it takes writes, as at every start.
  await app.ctx.gate.health.check();
  try {
    const { ctx } = app;
    const db = ctx.store.sqlite;
    const existing = (db.prepare('SELECT count(*) AS n FROM offices').get() as { n: number }).n;
    const input = { name: 'Riverside Family Medicine', kind: 'physician_office', address: { line1: '1 Main St', city: 'Dayton', state: 'OH', zip: '45402' }, phone: '(937) 555-0101', tier: 'A', stage: 'new', specialties: ['Family medicine'] };
    // Unique valid NPIs, from a block the seed, the import bench and each other never use.
    let npiSeq = 600_000_000;
    const withNpi = () => ({ ...input, npi: npiWithCheckDigit(String(npiSeq++)) });
    const insertFor = (cells: Record<string, unknown>) => {
      const cols = ['id', ...Object.keys(cells), 'created_at', 'updated_at'];
      return db.prepare(`INSERT INTO offices (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    };
    const plainCells = officeCells(OfficeCreate.parse(input));
    const plain = insertFor(plainCells);
    const plainNpi = insertFor(officeCells(OfficeCreate.parse(withNpi())));
    // The floor for any write that records its change: the same insert plus one change row of the
    // same size, in one transaction, on raw prepared statements (no validation, no JS around it).
    const change = db.prepare("INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES (?, 'offices', ?, '*', ?)");
    const begin = db.prepare('BEGIN');
    const commit = db.prepare('COMMIT');
    let seq = 0;
    const n = 2000;
    const parsed = OfficeCreate.parse(input);
    const service: number[] = [];
    const base: number[] = [];
    const serviceNpi: number[] = [];
    const baseNpi: number[] = [];
    const boundaryNpi: number[] = [];
    const floor: number[] = [];
    // Interleaved so all see the same table size and machine noise.
    for (let i = 0; i < n; i++) {
      const rawNpi = withNpi();
      boundaryNpi.push(...timeEach(1, () => createOffice(ctx, OfficeCreate.parse(rawNpi))));
      const parsedNpi = OfficeCreate.parse(withNpi());
      serviceNpi.push(...timeEach(1, () => createOffice(ctx, parsedNpi)));
      const cellsNpi = Object.values(officeCells(OfficeCreate.parse(withNpi())));
      baseNpi.push(
        ...timeEach(1, () => {
          const now = new Date().toISOString();
          plainNpi.run(newId(), ...cellsNpi, now, now);
        }),
      );
      service.push(...timeEach(1, () => createOffice(ctx, parsed)));
      base.push(
        ...timeEach(1, () => {
          const now = new Date().toISOString();
          plain.run(newId(), ...Object.values(plainCells), now, now);
        }),
      );
      floor.push(
        ...timeEach(1, () => {
          const now = new Date().toISOString();
          const id = newId();
          begin.run();
          plain.run(id, ...Object.values(plainCells), now, now);
          change.run(`${String(Date.now()).padStart(15, '0')}-${(seq++).toString(16).padStart(6, '0')}-ffffffffffffffff`, id, JSON.stringify({ id, ...plainCells, created_at: now, updated_at: now }));
          commit.run();
        }),
      );
    }
    const r = (label: string, xs: number[], b: number[], q: number, target: string) =>
      row(label, ms(percentile(xs, q)), ms(percentile(b, q)), percentile(xs, q) / percentile(b, q), target);
    console.log(
      `Create one office (${n.toLocaleString()} of each, own transaction, into a copy of the seeded folder holding ${existing.toLocaleString()} offices; baseline: plain prepared INSERT of the same row)`,
    );
    r('  with an NPI: offices service (validated) p50', serviceNpi, baseNpi, 50, '≤ 2×');
    r('  with an NPI: offices service p95', serviceNpi, baseNpi, 95, '—');
    r('  with an NPI: + zod at the boundary p50', boundaryNpi, baseNpi, 50, '—');
    r('  no NPI: offices service (validated) p50', service, base, 50, '≤ 2×');
    r('  no NPI: offices service p95', service, base, 95, '—');
    r('  floor: raw insert + change row, one tx p50', floor, base, 50, '—');
    console.log('');
  } finally {
    app.close();
    removeDir(dir);
  }
}
