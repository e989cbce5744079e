import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OfficeCreate } from '../../src/shared/domain/office';
import { startApp } from '../../src/main/app';
import { createOffice } from '../../src/main/offices/service';
import { officeCells } from '../../src/main/offices/rows';
import { newId } from '../../src/shared/ids';
import { median, ms, percentile, row, timeEach } from './stats';

/** One office created through its service (validation, NPI check, change log) vs a plain insert of the same row. */
export function benchWrite(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-write-'));
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  const { ctx } = app;
  const input = { name: 'Riverside Family Medicine', kind: 'physician_office', address: { line1: '1 Main St', city: 'Dayton', state: 'OH', zip: '45402' }, phone: '(937) 555-0101', tier: 'A', stage: 'new', specialties: ['Family medicine'] };
  const cells = officeCells(OfficeCreate.parse(input));
  const cols = ['id', ...Object.keys(cells), 'created_at', 'updated_at'];
  const plain = ctx.store.sqlite.prepare(`INSERT INTO offices (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  // The floor for any write that records its change: the same insert plus one change row of the
  // same size, in one transaction, on raw prepared statements (no validation, no JS around it).
  const change = ctx.store.sqlite.prepare("INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES (?, 'offices', ?, '*', ?)");
  const begin = ctx.store.sqlite.prepare('BEGIN');
  const commit = ctx.store.sqlite.prepare('COMMIT');
  let seq = 0;
  const n = 3000;
  // Interleave so both see the same table size and machine noise.
  const service: number[] = [];
  const base: number[] = [];
  const floor: number[] = [];
  const parsed = OfficeCreate.parse(input);
  const boundary: number[] = [];
  for (let i = 0; i < n; i++) {
    boundary.push(...timeEach(1, () => createOffice(ctx, OfficeCreate.parse(input))));
    floor.push(
      ...timeEach(1, () => {
        const now = new Date().toISOString();
        const id = newId();
        begin.run();
        plain.run(id, ...Object.values(cells), now, now);
        change.run(`${String(Date.now()).padStart(15, '0')}-${(seq++).toString(16).padStart(6, '0')}-ffffffffffffffff`, id, JSON.stringify({ id, ...cells, created_at: now, updated_at: now }));
        commit.run();
      }),
    );
    service.push(...timeEach(1, () => createOffice(ctx, parsed)));
    base.push(
      ...timeEach(1, () => {
        const now = new Date().toISOString();
        plain.run(newId(), ...Object.values(cells), now, now);
      }),
    );
  }
  console.log(`Create one office (${n.toLocaleString()} each, own transaction; baseline: plain prepared INSERT of the same row)`);
  row('  offices service (input already validated) p50', ms(median(service)), ms(median(base)), median(service) / median(base), '≤ 2×');
  row('  offices service p95', ms(percentile(service, 95)), ms(percentile(base, 95)), percentile(service, 95) / percentile(base, 95), '—');
  row('  + zod validation at the boundary p50', ms(median(boundary)), ms(median(base)), median(boundary) / median(base), '—');
  row('  floor: raw insert + change row, one tx p50', ms(median(floor)), ms(median(base)), median(floor) / median(base), '—');
  console.log('');
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
