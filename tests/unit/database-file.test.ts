import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openDatabase } from '../../src/main/db/connection';
import { SqliteDatabase } from '../../src/main/db/driver';
import { inWords } from '../../src/main/db/sqliteErrors';
import { m0001 } from '../../src/main/db/migrations/0001_initial';
import { FolderInUse } from '../../src/main/dataLock';
import { dispatch } from '../../src/main/dispatch';
import { openRuntime, type Runtime } from '../../src/main/runtime';
import type { ApiInput, ApiOutput } from '../../src/shared/api/contract';
import type { ApiMethod } from '../../src/shared/api/methods';
import { openTestApp, runImport, tempDir } from '../helpers/tempApp';

const opened: Runtime[] = [];
afterEach(() => {
  for (const r of opened.splice(0)) r.close();
});

function runtime(dir: string): Runtime & { call<M extends ApiMethod>(m: M, i: ApiInput<M>): Promise<ApiOutput<M>> } {
  const r = openRuntime({ dataDir: dir, mode: 'browser', version: 'test' });
  opened.push(r);
  return Object.assign(r, {
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
      const res = await dispatch(r.handlers, method, input);
      if (!res.ok) throw Object.assign(new Error(res.error.message), { body: res.error });
      return res.value as ApiOutput<M>;
    },
  });
}

/**
 * The database and its companions, each with its bytes' hash: "left byte-for-byte as it was"
 * means this is unchanged. (The folder's lock and instance note are the running app's own.)
 */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs.readdirSync(dir).filter((f) => f.startsWith(DB_FILE_NAME)).sort().map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]),
  );
}

/** A folder holding a real database of `offices` offices, closed cleanly (WAL folded in). */
async function filledFolder(offices: number): Promise<string> {
  const app = openTestApp();
  const csv = ['Office name,City', ...Array.from({ length: offices }, (_, i) => `Clinic ${i},City ${i % 50}`)].join('\n');
  await runImport(app, { csv });
  app.close();
  return app.dir;
}

/**
 * Overwrites one page with noise, as a failing disk or a bad copy would: by default one in the
 * middle of the file, or the given (1-based) page.
 */
function damagePage(file: string, page?: number): void {
  const pageSize = 4096;
  const pages = fs.statSync(file).size / pageSize;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, crypto.randomBytes(pageSize), 0, pageSize, ((page ?? Math.floor(pages / 2) + 1) - 1) * pageSize);
  fs.closeSync(fd);
}

/** The first page of a table's b-tree: every read of the table goes through it. */
function rootPage(file: string, table: string): number {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number }).rootpage;
  } finally {
    db.close();
  }
}

describe('a data folder whose database cannot be used', () => {
  it('refuses a zero-byte file without touching it, says what to do, and starts empty only when asked', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DB_FILE_NAME), '');
    const before = snapshot(dir);
    const r = runtime(dir);
    const status = await r.call('database.status', {});
    expect(status).toMatchObject({ state: 'refused', canStartEmpty: true });
    expect(status.message).toContain(path.join(dir, DB_FILE_NAME));
    expect(status.message).toMatch(/empty \(0 bytes\).*left exactly as it was.*Restore a backup.*move it aside and start with an empty database/);
    await expect(r.call('offices.list', {})).rejects.toMatchObject({ body: { code: 'unavailable', message: status.message } });
    await expect(r.call('offices.create', { name: 'Lost?' })).rejects.toMatchObject({ body: { code: 'unavailable' } });
    expect(snapshot(dir)).toEqual(before);
    // Refused, the folder is still held: no other process opens the file while the user decides.
    expect(() => openRuntime({ dataDir: dir, mode: 'browser', version: 'test' })).toThrow(FolderInUse);

    const { movedTo } = await r.call('database.startEmpty', {});
    expect(movedTo).toMatch(/^liaison\.sqlite3\.unusable-\d{8}-\d{6}$/);
    expect(fs.statSync(path.join(dir, movedTo)).size).toBe(0);
    expect((await r.call('database.status', {})).state).toBe('ok');
    await r.call('offices.create', { name: 'Fresh Start Clinic' });
    expect((await r.call('offices.list', {})).total).toBe(1);
  });

  it('tells another tool’s migration log from ours, and a table-less file with pages in it from a new one', async () => {
    for (const sql of [
      "CREATE TABLE schema_migrations (version TEXT PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240101120000'); CREATE TABLE users (id INTEGER)",
      'CREATE TABLE scratch (x); INSERT INTO scratch VALUES (randomblob(20000)); DROP TABLE scratch; PRAGMA user_version = 7',
    ]) {
      const dir = tempDir();
      const other = new SqliteDatabase(path.join(dir, DB_FILE_NAME));
      other.exec(sql);
      other.close();
      const before = snapshot(dir);
      const r = runtime(dir);
      expect(r.problem?.kind).toBe('foreign');
      r.close();
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('refuses another program’s SQLite database, naming its tables, and leaves it byte-for-byte as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE_NAME);
    const other = new SqliteDatabase(file);
    other.exec("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO recipes (title) VALUES ('Soup')");
    other.close();
    const before = snapshot(dir);
    const r = runtime(dir);
    const status = await r.call('database.status', {});
    expect(status).toMatchObject({ state: 'refused', canStartEmpty: true });
    expect(status.message).toMatch(/is another program's database \(it has tables such as "recipes"\), not Liaison CRM's/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a file that is not SQLite at all (a workbook renamed by mistake)', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DB_FILE_NAME), Buffer.concat([Buffer.from('PK\x03\x04'), crypto.randomBytes(2000)]));
    const before = snapshot(dir);
    const status = await runtime(dir).call('database.status', {});
    expect(status.message).toMatch(/is not a Liaison CRM database: it is not a SQLite file at all/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('finds a damaged page in the background check, refuses every write, and never writes to the file', async () => {
    const dir = await filledFolder(3000);
    const file = path.join(dir, DB_FILE_NAME);
    damagePage(file);
    const before = snapshot(dir);
    const r = runtime(dir);
    // The first screen does not wait for the check…
    expect(r.app!.ctx.gate.health.state).toBe('checking');
    // …a write does, and is then refused in words.
    await expect(r.call('offices.create', { name: 'Into a damaged file' })).rejects.toMatchObject({
      body: { code: 'unavailable', message: expect.stringMatching(/is damaged \(SQLite's check says: .+\)\. Nothing more will be written to it\. Restore a backup/) },
    });
    expect(await r.call('database.status', {})).toMatchObject({ state: 'damaged', canStartEmpty: true });
    r.close();
    opened.length = 0;
    expect(snapshot(dir)).toEqual(before);
  });

  it('checks a file before upgrading it, so a damaged old file is refused before any upgrade step writes', async () => {
    const dir = tempDir();
    const old = openDatabase(dir, [m0001]);
    old.store.sqlite.exec("INSERT INTO offices (id, name, kind, stage, created_at, updated_at) WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 3000) SELECT 'o' || v, 'Clinic ' || v, 'clinic', 'prospect', 'x', 'x' FROM n");
    old.store.close();
    damagePage(path.join(dir, DB_FILE_NAME));
    const before = snapshot(dir);
    const status = await runtime(dir).call('database.status', {});
    expect(status).toMatchObject({ state: 'refused', canStartEmpty: true });
    expect(status.message).toMatch(/is damaged/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('moves a damaged file aside on request and carries on with an empty database in the same run', async () => {
    const dir = await filledFolder(3000);
    damagePage(path.join(dir, DB_FILE_NAME));
    const r = runtime(dir);
    await r.app!.ctx.gate.health.check();
    expect((await r.call('database.status', {})).state).toBe('damaged');
    const changes: unknown[] = [];
    r.subscribe((b) => changes.push(b));
    const { movedTo } = await r.call('database.startEmpty', {});
    expect(fs.existsSync(path.join(dir, movedTo))).toBe(true);
    await r.call('offices.create', { name: 'After the move' });
    expect((await r.call('offices.list', {})).rows.map((o) => o.name)).toEqual(['After the move']);
    // Screens listening before the move hear the new database's changes.
    expect(changes).toHaveLength(1);
  });

  it('moving a file found damaged while open copies nothing more into it, not even the WAL’s committed pages', async () => {
    const dir = await filledFolder(3000);
    const file = path.join(dir, DB_FILE_NAME);
    const r = runtime(dir);
    await r.call('offices.create', { name: 'Only in the WAL so far' });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    damagePage(file);
    const damagedBytes = snapshot(dir)[DB_FILE_NAME];
    expect((await r.call('database.check', {})).ok).toBe(false);
    await expect(r.call('offices.create', { name: 'Refused' })).rejects.toMatchObject({ body: { code: 'unavailable' } });
    const { movedTo } = await r.call('database.startEmpty', {});
    expect(snapshot(dir)[movedTo]).toBe(damagedBytes);
    // The WAL went with it: what it held can still be recovered from the pair.
    expect(fs.statSync(path.join(dir, `${movedTo}-wal`)).size).toBeGreaterThan(0);
  });

  it('will not move a sound database aside', async () => {
    const r = runtime(tempDir());
    await r.call('offices.create', { name: 'Keep me' });
    await expect(r.call('database.startEmpty', {})).rejects.toMatchObject({ body: { code: 'conflict' } });
    expect((await r.call('offices.list', {})).total).toBe(1);
  });

  it('notices damage that an ordinary read runs into, and from then on offers the way out', async () => {
    const dir = await filledFolder(3000);
    const file = path.join(dir, DB_FILE_NAME);
    const root = rootPage(file, 'offices');
    const r = runtime(dir);
    await r.app!.ctx.gate.health.check();
    damagePage(file, root);
    // Reading every office goes through the damaged page.
    const err = await r.call('offices.exportCsv', {}).catch((e: { body: unknown }) => e.body);
    expect(err).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^The database file is damaged/) });
    expect(await r.call('database.status', {})).toMatchObject({ state: 'damaged', canStartEmpty: true });
    await expect(r.call('offices.create', { name: 'Not into a damaged file' })).rejects.toMatchObject({ body: { code: 'unavailable' } });
  });

  it('stays up to show damage met by its own start-up work (the first screen reads a damaged page)', async () => {
    const dir = await filledFolder(3000);
    const file = path.join(dir, DB_FILE_NAME);
    damagePage(file, rootPage(file, 'offices'));
    const r = runtime(dir);
    await r.start();
    expect(await r.call('database.status', {})).toMatchObject({ state: 'damaged', canStartEmpty: true });
    await expect(r.call('offices.list', {})).rejects.toMatchObject({ body: { code: 'unavailable' } });
    const { movedTo } = await r.call('database.startEmpty', {});
    expect(movedTo).toMatch(/unusable/);
    expect((await r.call('offices.list', {})).total).toBe(0);
  });

  it('refuses, untouched, a file whose damage the app meets while opening (who "me" is sits on a damaged page)', async () => {
    const dir = await filledFolder(3000);
    const file = path.join(dir, DB_FILE_NAME);
    damagePage(file, rootPage(file, 'sqlite_autoindex_meta_1'));
    const before = snapshot(dir);
    const r = runtime(dir);
    expect(await r.call('database.status', {})).toMatchObject({ state: 'refused', canStartEmpty: true, message: expect.stringMatching(/is damaged/) });
    expect(snapshot(dir)).toEqual(before);
  });

  it('starts an import asked for during the start-up check once the check passes', async () => {
    const r = runtime(await filledFolder(100));
    expect(r.app!.ctx.gate.health.state).toBe('checking');
    const { fileId } = await r.receiveFile('during.csv', [Buffer.from('Office name\nDuring the check')]);
    const job = await runImport(r, { fileId });
    expect(job).toMatchObject({ state: 'done', result: { created: 1 } });
  });

  it('runs a full integrity check on request and says what it found', async () => {
    const dir = await filledFolder(500);
    const r = runtime(dir);
    const result = await r.call('database.check', {});
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^No problems found/) });
    expect(result.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('holds writes until the start-up check passes, then saves them', async () => {
    const dir = await filledFolder(200);
    const r = runtime(dir);
    expect(r.app!.ctx.gate.health.state).toBe('checking');
    await r.call('offices.create', { name: 'Waited for the check' });
    expect(r.app!.ctx.gate.health.state).toBe('ok');
    expect((await r.call('offices.list', { search: 'waited' })).total).toBe(1);
  });

  it('marks its own files as Liaison CRM’s (SQLite application id) and makes them private to the user', () => {
    const dir = tempDir();
    openTestApp(dir).close();
    const db = new SqliteDatabase(path.join(dir, DB_FILE_NAME), { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(0x4c43524d);
    db.close();
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, DB_FILE_NAME)).mode & 0o777).toBe(0o600);
  });
});

describe('disk trouble in words', () => {
  it('says the disk is full when SQLite runs out of room, and nothing is half-saved', async () => {
    const app = openTestApp();
    try {
      await app.call('offices.create', { name: 'Before the disk filled' });
      const pages = app.ctx.store.sqlite.pragma('page_count', { simple: true }) as number;
      // SQLite's own cap on the file's size: the same SQLITE_FULL a full disk gives.
      app.ctx.store.sqlite.pragma(`max_page_count = ${pages + 2}`);
      let saved = 1;
      let err: unknown;
      for (let i = 0; i < 100 && !err; i++) {
        await app.call('offices.create', { name: `Clinic ${i}`, notes: 'y'.repeat(1900) }).then(
          () => saved++,
          (e: { body: unknown }) => (err = e.body),
        );
      }
      expect(err).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^The disk is full\. Nothing was saved/) });
      app.ctx.store.sqlite.pragma('max_page_count = 1073741823');
      // The refused office is nowhere: not in the table, not in the change log.
      expect((await app.call('offices.list', {})).total).toBe(saved);
      expect(app.ctx.store.sqlite.prepare("SELECT count(*) AS n FROM changes WHERE tbl = 'offices'").get()).toEqual({ n: saved });
    } finally {
      app.close();
    }
  });

  it('says so in words when the disk fills during an import, which lands whole or not at all', async () => {
    const app = openTestApp();
    try {
      const pages = app.ctx.store.sqlite.pragma('page_count', { simple: true }) as number;
      app.ctx.store.sqlite.pragma(`max_page_count = ${pages + 20}`);
      const csv = ['Office name,Notes', ...Array.from({ length: 3000 }, (_, i) => `Clinic ${i},${'n'.repeat(200)}`)].join('\n');
      const job = await runImport(app, { csv });
      expect(job).toMatchObject({ state: 'failed', error: expect.stringMatching(/^The import failed: The disk is full\. Nothing was saved/) });
      app.ctx.store.sqlite.pragma('max_page_count = 1073741823');
      expect((await app.call('offices.list', {})).total).toBe(0);
    } finally {
      app.close();
    }
  });

  it('says the folder is read-only when SQLite cannot write, and names a folder it cannot open', () => {
    const dir = tempDir();
    openTestApp(dir).close();
    const ro = new SqliteDatabase(path.join(dir, DB_FILE_NAME), { readonly: true });
    let error: unknown;
    try {
      ro.exec("INSERT INTO meta (key, value) VALUES ('x', 'y')");
    } catch (e) {
      error = e;
    } finally {
      ro.close();
    }
    expect((error as { code: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(inWords(error)?.message).toMatch(/^The data folder has become read-only, so this could not be saved\. Nothing was saved/);

    const blocked = tempDir();
    fs.mkdirSync(path.join(blocked, DB_FILE_NAME));
    const r = runtime(blocked);
    expect(r.problem?.message).toMatch(/cannot open .*liaison\.sqlite3: it is a folder, not a file/);

    // LIAISON_DATA_DIR naming a file: said before anything is opened.
    const notAFolder = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(notAFolder, 'not a folder');
    expect(() => runtime(notAFolder)).toThrow(/cannot use .*notes\.txt as its data folder: a file has that name/);
  });
});
