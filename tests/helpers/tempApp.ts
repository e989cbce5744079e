import fs from 'node:fs';
import { afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { startApp, type App } from '../../src/main/app';
import { dispatch } from '../../src/main/dispatch';
import type { ApiInput, ApiOutput } from '../../src/shared/api/contract';
import type { ApiMethod } from '../../src/shared/api/methods';

const made: string[] = [];

/** A fresh folder in the temp dir; every one is removed after its test file (tests/helpers/setup.ts). */
export function tempDir(prefix = 'liaison-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

type ReadsAFile = 'imports.preview' | 'imports.commit' | 'imports.problems' | 'imports.badRowsCsv';
/**
 * A method that reads an import file takes the file's text (or bytes) in `csv` too: the helper
 * hands it to the app the way browser mode's upload does, then names it by id.
 */
export type TestInput<M extends ApiMethod> = M extends ReadsAFile
  ? (Omit<ApiInput<M>, 'fileId'> & { csv: string | Uint8Array; name?: string }) | ApiInput<M>
  : ApiInput<M>;

/**
 * A review is an office import's or a referral import's, by the request's spec: a test reads the
 * one it asked for without narrowing it first.
 */
export type TestOutput<M extends ApiMethod, I> = M extends 'imports.preview'
  ? Extract<ApiOutput<M>, { spec: I extends { spec: 'referrals' } ? 'referrals' : 'offices' }>
  : ApiOutput<M>;

export interface TestApp extends App {
  dir: string;
  /** Calls a method through the same validating boundary IPC and HTTP use; throws its error body. */
  call<M extends ApiMethod, const I extends TestInput<M>>(method: M, input: I): Promise<TestOutput<M, I>>;
  /** Hands a file to the app as browser mode's upload does; answers its id. */
  upload(content: string | Uint8Array, name?: string): Promise<string>;
}

/** Files uploaded per content, so a test that previews and then commits the same text sends it once, as the page does. */
async function asFileInput(app: App, input: unknown, cache: Map<string | Uint8Array, string>): Promise<unknown> {
  if (!input || typeof input !== 'object' || !('csv' in input)) return input;
  const { csv, name, ...rest } = input as { csv: string | Uint8Array; name?: string };
  let fileId = cache.get(csv);
  if (!fileId) {
    fileId = (await app.files.receive([typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv], name ?? 'offices.csv')).fileId;
    cache.set(csv, fileId);
  }
  return { ...rest, fileId };
}

/** A real app on a real SQLite file in a fresh temp folder. */
export function openTestApp(dir = tempDir()): TestApp {
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'test' });
  const uploaded = new Map<string | Uint8Array, string>();
  return {
    ...app,
    dir,
    async call(method, input) {
      const r = await dispatch(app.handlers, method, await asFileInput(app, input, uploaded));
      if (!r.ok) throw Object.assign(new Error(r.error.message), { body: r.error });
      return r.value as never;
    },
    async upload(content, name = 'offices.csv') {
      return (await app.files.receive([typeof content === 'string' ? Buffer.from(content, 'utf8') : content], name)).fileId;
    },
  };
}

/** An opener for tests that use several apps at once: every app it opened is closed after each test. */
export function appsClosedAfterEach(): () => TestApp {
  const open: TestApp[] = [];
  afterEach(() => {
    for (const a of open.splice(0)) if (a.ctx.store.sqlite.open) a.close();
  });
  return () => {
    const a = openTestApp();
    open.push(a);
    return a;
  };
}

// `never` input: a TestApp (which also takes `csv`) and a runtime's caller (file ids only) both fit.
interface Caller {
  call(method: 'imports.commit' | 'imports.status', input: never): Promise<unknown>;
}

/** Starts an import through the API and polls its progress until it ends; answers its final status. */
export async function runImport(a: Caller, input: TestInput<'imports.commit'>): Promise<ApiOutput<'imports.status'>> {
  const { jobId } = (await a.call('imports.commit', input as never)) as ApiOutput<'imports.commit'>;
  for (let i = 0; i < 2000; i++) {
    const s = (await a.call('imports.status', { jobId } as never)) as ApiOutput<'imports.status'>;
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('import did not finish');
}
