import { ImportRequest } from '../../src/shared/imports/contract';
import Papa from 'papaparse';
import { startApp } from '../../src/main/app';
import { ImportJobs } from '../../src/main/imports/service';
import { newId } from '../../src/shared/ids';
import { csvWithOwnNpis } from './csv';
import { copyDir, removeDir, scratchDir } from './folders';
import { median, row } from './stats';

/** An app on a new empty folder, or on a copy of `seededDir`; `done` closes it and deletes the folder. */
function open(seededDir?: string) {
  const dir = seededDir ? copyDir(seededDir, 'import-seeded') : scratchDir('import');
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  return {
    ...app,
    done() {
      app.close();
      removeDir(dir);
    },
  };
}

/**
 * The baseline: the same parser on the same file, then raw prepared inserts of the resulting
 * offices and people in one transaction. With `logChanges`, the floor for an import that logs
 * for sync: also one raw change row per row written, carrying that row as JSON.
 */
function rawImport(csv: string, logChanges: boolean, seededDir?: string): number {
  const b = open(seededDir);
  const t0 = performance.now();
  const data = Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' }).data.slice(1);
  const db = b.ctx.store.sqlite;
  const office = db.prepare('INSERT INTO offices (id, name, kind, specialties, address, phone, fax, npi, tier, stage, owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const person = db.prepare('INSERT INTO people (id, office_id, kind, first_name, last_name, credentials, npi, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const change = db.prepare("INSERT INTO changes (hlc, tbl, row_id, col, value) VALUES (?, ?, ?, '*', ?)");
  let seq = 0;
  const hlc = () => `${String(Date.now()).padStart(15, '0')}-${(seq++).toString(16).padStart(6, '0')}-ffffffffffffffff`;
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const c of data) {
      const id = newId();
      const o = [id, c[0], c[1], JSON.stringify([c[2]]), JSON.stringify({ line1: c[3], city: c[4], state: c[5], zip: c[6] }), c[7], c[8], c[9], c[10] || null, c[11], c[12] || null, now, now];
      office.run(o);
      if (logChanges) {
        change.run(hlc(), 'offices', id, JSON.stringify({ id, name: o[1], kind: o[2], specialties: o[3], address: o[4], phone: o[5], fax: o[6], npi: o[7], tier: o[8], stage: o[9], owner: o[10], created_at: now, updated_at: now }));
      }
      if (!c[13]) continue;
      const p = [newId(), id, c[15], c[13], c[14], c[16] || null, c[17] || null, c[18] || null, now, now];
      person.run(p);
      if (logChanges) {
        change.run(hlc(), 'people', p[0], JSON.stringify({ id: p[0], office_id: id, kind: p[2], first_name: p[3], last_name: p[4], credentials: p[5], npi: p[6], role: p[7], created_at: now, updated_at: now }));
      }
    }
  })();
  const elapsed = performance.now() - t0;
  b.done();
  return elapsed;
}

/**
 * A CSV of `rows` offices through the app's own import (parse, map, validate, group, duplicate
 * check, write with change log) vs the irreducible work: the same parser on the same file, then raw
 * prepared inserts of the resulting offices and people into the same schema, in one transaction.
 * Once into an empty folder, once into a copy of the seeded folder (the duplicate check and every
 * index then work at the directory's real size). The file's NPIs are its own, so its offices are new.
 */
export async function benchImport(rows: number, seeded: { dir: string; offices: number }): Promise<void> {
  const csv = csvWithOwnNpis(rows, 1, 7, 1);
  const runs = 3;
  const app: number[] = [];
  const direct: number[] = [];
  const base: number[] = [];
  const floor: number[] = [];
  const appSeeded: number[] = [];
  const baseSeeded: number[] = [];
  let counts = '';
  let countsSeeded = '';
  const importThrough = async (withPreview: boolean, seededDir?: string) => {
    const a = open(seededDir);
    // A copied folder is checked (quick_check) before it takes writes, as at every start.
    await a.ctx.gate.health.check();
    const jobs = new ImportJobs(a.ctx, a.files);
    const t0 = performance.now();
    // The file reaches the app once (browser mode's upload), then every step reads it by id.
    const { fileId } = await a.files.receive([Buffer.from(csv, 'utf8')], 'bench.csv');
    if (withPreview) await jobs.preview(ImportRequest.parse({ fileId, duplicateMode: 'skip' }));
    const { done, jobId } = await jobs.start(ImportRequest.parse({ fileId, duplicateMode: 'skip' }));
    await done;
    const elapsed = performance.now() - t0;
    const s = jobs.status(jobId);
    if (s.state !== 'done') throw new Error(`bench import failed: ${s.error}`);
    const c = `${s.result!.created.toLocaleString()} offices + ${s.result!.peopleCreated.toLocaleString()} people`;
    if (seededDir) countsSeeded = c;
    else counts = c;
    a.done();
    return elapsed;
  };
  for (let r = 0; r < runs; r++) {
    app.push(await importThrough(true));
    direct.push(await importThrough(false));
    base.push(rawImport(csv, false));
    floor.push(rawImport(csv, true));
    appSeeded.push(await importThrough(true, seeded.dir));
    baseSeeded.push(rawImport(csv, false, seeded.dir));
  }
  const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
  const r = (label: string, xs: number[], b: number[], target: string) => row(label, s(median(xs)), s(median(b)), median(xs) / median(b), target);
  console.log(`CSV import, ${rows.toLocaleString()} rows (${(csv.length / 1e6).toFixed(1)} MB; median of ${runs}; baseline: same parser + raw prepared inserts into the same kind of folder)`);
  console.log(`  into an empty folder (→ ${counts})`);
  r('  check the file + import (the user’s two steps)', app, base, '≤ 3×');
  r('  floor: baseline + a raw change row per row', floor, base, '—');
  r('  import without a preview', direct, base, '—');
  console.log(`  into a copy of the seeded folder, ${seeded.offices.toLocaleString()} offices already there (→ ${countsSeeded})`);
  r('  check the file + import (the user’s two steps)', appSeeded, baseSeeded, '≤ 3×');
  console.log('');
}
