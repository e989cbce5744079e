import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { IMPORT_FILES_DIR } from '../../src/main/app';
import { readChanges } from '../../src/main/sync/changes';
import { appsClosedAfterEach, openTestApp, runImport, tempDir, type TestApp } from '../helpers/tempApp';

const openApp = appsClosedAfterEach();

/** Polls a job as the page does (with time between polls, in which the job's batches run) until it ends. */
async function ended(a: TestApp, jobId: string) {
  for (;;) {
    const s = await a.call('imports.status', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}
const uploads = (dir: string) => (fs.existsSync(path.join(dir, IMPORT_FILES_DIR)) ? fs.readdirSync(path.join(dir, IMPORT_FILES_DIR)) : []);

describe('the file reaches the app once', () => {
  it('is streamed into the data folder, private, and read from there by every step', async () => {
    const a = openApp();
    const chunks = ['Office name,ZIP\n', 'Riverside,45402\n', 'Lakeside,60607\n'].map((s) => Buffer.from(s));
    const info = await a.files.receive(chunks, 'C:\\Users\\dana\\Desktop\\offices.csv');
    expect(info).toMatchObject({ name: 'offices.csv', size: chunks.reduce((n, c) => n + c.length, 0) });
    const [stored] = uploads(a.dir);
    expect(stored).toBeDefined();
    expect(fs.statSync(path.join(a.dir, IMPORT_FILES_DIR, stored!)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(a.dir, IMPORT_FILES_DIR)).mode & 0o777).toBe(0o700);
    // Choosing the file shows its columns; no row is checked until the user asks.
    const columns = await a.call('imports.inspect', { fileId: info.fileId });
    expect(columns).toEqual({
      file: { name: 'offices.csv', size: info.size, kind: 'text', encoding: 'utf-8', detectedEncoding: 'utf-8', sheets: [], sheet: null },
      spec: 'offices', headers: ['Office name', 'ZIP'], example: ['Riverside', '45402'], mapping: ['name', 'zip'], mappingSource: 'guessed', refused: [], rowCount: 2,
      sampleNames: ['Riverside', 'Lakeside'],
    });
    const p = await a.call('imports.preview', { fileId: info.fileId });
    expect(p).toMatchObject({ rowCount: 2, newOffices: 2, file: { name: 'offices.csv', kind: 'text', encoding: 'utf-8' } });
  });

  it('refuses a file over the size cap and keeps nothing of it', async () => {
    const a = openApp();
    const body = [Buffer.alloc(600), Buffer.alloc(600)];
    await expect(a.files.receive(body, 'big.csv', 1000)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/larger than/) });
    expect(uploads(a.dir)).toEqual([]);
  });

  it('says so when the file is gone, and the next run of the app starts without the last one’s uploads', async () => {
    const dir = tempDir();
    const a = openTestApp(dir);
    const fileId = await a.upload('Office name\nRiverside');
    fs.rmSync(path.join(dir, IMPORT_FILES_DIR), { recursive: true });
    await expect(a.call('imports.preview', { fileId })).rejects.toMatchObject({ body: { code: 'not_found', message: expect.stringMatching(/Choose it again/) } });
    await a.upload('Office name\nLakeside');
    a.ctx.store.close();
    // Not a clean close (the process died): the upload is still there when the app starts again.
    expect(uploads(dir)).toHaveLength(1);
    a.lock.release();
    const b = openTestApp(dir);
    expect(uploads(dir)).toEqual([]);
    b.close();
  });

  it('imports Excel’s “Unicode text” (UTF-16 with a byte-order mark, tab separated) with every letter as written', async () => {
    const a = openApp();
    const text = 'Practice Name\tCity\tZip\r\nClínica Peña\tSão Paulo\t60607\r\nÅngström Ortho\tZürich\t60608\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const columns = await a.call('imports.inspect', { fileId: await a.upload(bytes, 'export.txt') });
    expect(columns).toMatchObject({ file: { encoding: 'utf-16le', detectedEncoding: 'utf-16le' }, headers: ['Practice Name', 'City', 'Zip'], sampleNames: ['Clínica Peña', 'Ångström Ortho'] });
    expect((await runImport(a, { csv: bytes })).result).toMatchObject({ created: 2 });
    const stored = a.ctx.store.read('SELECT name, city FROM offices ORDER BY name').all();
    expect(stored).toEqual([
      { name: 'Clínica Peña', city: 'São Paulo' },
      { name: 'Ångström Ortho', city: 'Zürich' },
    ]);
  });

  it('reads an Excel workbook directly: the first sheet, or the one chosen, numbers as Excel shows them', async () => {
    const a = openApp();
    const file = path.join(tempDir(), 'directory.xlsx');
    await writeExcelFile(
      [
        { sheet: 'Notes', data: [['Read me'], ['This sheet is not the directory']] },
        { sheet: 'Offices', data: [['Practice', 'Zip', 'Phone', 'NPI'], ['Clínica Peña', 60607, 6305550177, 1234567893], ['Lakeside', 60614, null, null]] },
      ],
      {},
    ).toFile(file);
    const fileId = await a.upload(fs.readFileSync(file), 'directory.xlsx');
    expect(await a.call('imports.inspect', { fileId })).toMatchObject({
      file: { kind: 'workbook', sheets: ['Notes', 'Offices'], sheet: 'Notes', encoding: null }, headers: ['Read me'],
    });
    const offices = await a.call('imports.inspect', { fileId, sheet: 'Offices' });
    expect(offices).toMatchObject({ headers: ['Practice', 'Zip', 'Phone', 'NPI'], mapping: ['name', 'zip', 'phone', 'npi'], example: ['Clínica Peña', '60607', '6305550177', '1234567893'] });
    expect((await runImport(a, { fileId, sheet: 'Offices' })).result).toMatchObject({ created: 2 });
    expect(a.ctx.store.read('SELECT name, zip, phone, npi FROM offices ORDER BY name').all()).toEqual([
      { name: 'Clínica Peña', zip: '60607', phone: '(630) 555-0177', npi: '1234567893' },
      { name: 'Lakeside', zip: '60614', phone: null, npi: null },
    ]);
    await expect(a.call('imports.inspect', { fileId, sheet: 'Referrals' })).rejects.toMatchObject({
      body: { code: 'invalid_input', message: 'This workbook has no sheet named "Referrals". Its sheets are: Notes, Offices.' },
    });
  });

  it('names a damaged workbook or a binary file for what it is', async () => {
    const a = openApp();
    const broken = await a.upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'offices.xlsx');
    await expect(a.call('imports.inspect', { fileId: broken })).rejects.toMatchObject({ body: { message: expect.stringMatching(/^This file could not be read as an Excel workbook/) } });
  });

  it('names a PDF for what it is', async () => {
    const a = openApp();
    const pdf = await a.upload(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), 'scan.pdf');
    await expect(a.call('imports.preview', { fileId: pdf })).rejects.toMatchObject({ body: { message: expect.stringMatching(/^This is a PDF/) } });
  });
});

describe('the job lives in the app, not in the page', () => {
  it('is found again while it runs and after it ends, also by the next run of the app, with undo offered', async () => {
    const dir = tempDir();
    const a = openTestApp(dir);
    expect((await a.call('imports.current', {})).job).toBeNull();
    const csv = ['Office name', ...Array.from({ length: 20_000 }, (_, i) => `Office ${i}`)].join('\n');
    const { jobId } = await a.call('imports.commit', { csv, name: 'march.csv' });
    // Another import while one runs is refused in words.
    await expect(a.call('imports.commit', { csv: 'Office name\nOther' })).rejects.toMatchObject({ body: { code: 'busy', message: expect.stringMatching(/An import is running/) } });
    const running = (await a.call('imports.current', {})).job!;
    expect(running).toMatchObject({ jobId, kind: 'import', fileName: 'march.csv', state: 'running', total: 20_000, undoable: false });
    const s = await ended(a, jobId);
    expect(s).toMatchObject({ state: 'done', undoable: true, result: { created: 20_000 } });
    a.close();
    const b = openTestApp(dir);
    expect((await b.call('imports.current', {})).job).toMatchObject({ jobId, fileName: 'march.csv', state: 'done', undoable: true, result: { created: 20_000 } });
    expect(await b.call('imports.status', { jobId })).toMatchObject({ state: 'done' });
    b.close();
  });
});

describe('undoing the last import', () => {
  it('archives what it added and puts back what it changed, keeping later edits, through the write path', async () => {
    const a = openApp();
    await runImport(a, { csv: 'Office name,ZIP,Phone,Notes\nRiverside,45402,937-555-0101,first' });
    const riverside = (await a.call('offices.list', {})).rows[0]!;
    const second = await runImport(a, {
      csv: 'Office name,ZIP,Phone,Notes,Contact name\nRiverside,45402,937-555-0199,second,Dr. Ana Ruiz\nLakeside,60607,,,Dr. Bo Kim',
      duplicateMode: 'update',
    });
    expect(second.result).toMatchObject({ created: 1, updated: 1, peopleCreated: 2 });
    // Someone edits one of the cells the import changed before it is undone: their edit stays.
    await a.call('offices.update', { id: riverside.id, patch: { notes: 'edited by hand' } });
    const before = readChanges(a.ctx.store).length;

    const { jobId } = await a.call('imports.undo', { jobId: second.jobId });
    const u = await ended(a, jobId);
    expect(u).toMatchObject({ kind: 'undo', state: 'done', undo: { officesArchived: 1, peopleArchived: 2, officesRestored: 1, cellsKept: 1 } });

    const list = await a.call('offices.list', {});
    expect(list.rows.map((r) => r.name)).toEqual(['Riverside']);
    const { office, people } = await a.call('offices.get', { id: riverside.id });
    expect(office).toMatchObject({ phone: '(937) 555-0101', notes: 'edited by hand' });
    expect(people.map((p) => [p.lastName, Boolean(p.archivedAt)])).toEqual([['Ruiz', true]]);
    // Ordinary synced edits: archived_at on the rows it added, the phone back on Riverside.
    const undoChanges = readChanges(a.ctx.store).slice(before);
    expect(undoChanges.filter((c) => c.col === 'archived_at').map((c) => c.tbl).sort()).toEqual(['offices', 'people', 'people']);
    expect(undoChanges.find((c) => c.col === 'phone')).toMatchObject({ row_id: riverside.id, value: JSON.stringify('(937) 555-0101') });

    await expect(a.call('imports.undo', { jobId: second.jobId })).rejects.toMatchObject({ body: { message: 'That import has already been undone.' } });
    expect((await a.call('imports.status', { jobId: second.jobId })).undoable).toBe(false);
  });

  it('is offered only for the most recent import', async () => {
    const a = openApp();
    const first = await runImport(a, { csv: 'Office name\nRiverside' });
    await runImport(a, { csv: 'Office name\nLakeside' });
    expect((await a.call('imports.status', { jobId: first.jobId })).undoable).toBe(false);
    await expect(a.call('imports.undo', { jobId: first.jobId })).rejects.toMatchObject({ body: { code: 'conflict', message: 'Only the most recent import can be undone.' } });
  });
});

describe('mapping that learns', () => {
  it('offers a mapping the user made again for a file with the same headers, and forgets one that equals the guess', async () => {
    const a = openApp();
    const csv = 'Practice,Col B,Extra\nRiverside,45402,x';
    expect(await a.call('imports.preview', { csv })).toMatchObject({ mapping: ['name', null, null], mappingSource: 'guessed' });
    await runImport(a, { csv, mapping: ['name', 'zip', null] });
    const next = 'practice , COL B,Extra\nLakeside,60607,y';
    expect(await a.call('imports.preview', { csv: next })).toMatchObject({ mapping: ['name', 'zip', null], mappingSource: 'saved' });
    // Another file's headers are not matched by it.
    expect(await a.call('imports.preview', { csv: 'Practice,Col B\nHilltop,45402' })).toMatchObject({ mapping: ['name', null], mappingSource: 'guessed' });
    // The user maps it back to what the headers say: nothing is kept any more.
    await runImport(a, { csv: next, mapping: ['name', null, null] });
    expect(await a.call('imports.preview', { csv: 'Practice,Col B,Extra\nSummit,45402,z' })).toMatchObject({ mapping: ['name', null, null], mappingSource: 'guessed' });
  });
});

describe('fixing a bad file', () => {
  const bad = (n: number) => ['Office name,ZIP,Phone', ...Array.from({ length: n }, (_, i) => `Office ${i},${i % 2 ? 'N/A' : '45402'},=HYPERLINK("x")`)].join('\n');

  it('lists every bad row a page at a time', async () => {
    const a = openApp();
    const csv = bad(500);
    const p = await a.call('imports.preview', { csv });
    expect(p.errorCount).toBe(500);
    expect(p.problemGroups).toEqual([
      { problem: expect.stringMatching(/^Phone: /), rows: 500 },
      { problem: expect.stringMatching(/^ZIP: /), rows: 250 },
    ]);
    const page3 = await a.call('imports.problems', { csv, page: 2, pageSize: 100 });
    expect(page3.total).toBe(500);
    expect(page3.errors.map((e) => e.row)).toEqual(Array.from({ length: 100 }, (_, i) => 202 + i));
  });

  it('downloads the bad rows as the file had them, with a column of reasons, safe to open in a spreadsheet', async () => {
    const a = openApp();
    const csv = ['Office name,ZIP,Phone', 'Good,45402,937-555-0101', 'Bad ZIP,45,', 'Señal,45402,12', 'Shifted,45402,937-555-0101,extra'].join('\n');
    const r = await a.call('imports.badRowsCsv', { csv, name: 'march.csv' });
    expect(r).toMatchObject({ rows: 3, fileName: 'march - rows to fix.csv' });
    const rows = Papa.parse<string[]>(r.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Office name', 'ZIP', 'Phone', '', 'Problems']);
    expect(rows[1]).toEqual(['Bad ZIP', '45', '', '', expect.stringMatching(/^ZIP: /)]);
    expect(rows[2]!.slice(0, 3)).toEqual(['Señal', '45402', '12']);
    expect(rows[3]).toEqual(['Shifted', '45402', '937-555-0101', 'extra', expect.stringMatching(/has 4 cells but the header has 3/)]);
    // The fixed file imports back: the reasons column is not mapped to anything.
    expect((await a.call('imports.preview', { csv: r.csv })).mapping).toEqual(['name', 'zip', 'phone', null, null]);
  });

  it('neutralises a formula in a bad row rather than writing it back live', async () => {
    const a = openApp();
    const r = await a.call('imports.badRowsCsv', { csv: bad(1) });
    expect(r.csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
