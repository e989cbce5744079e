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

export interface TestApp extends App {
  dir: string;
  /** Calls a method through the same validating boundary IPC and HTTP use; throws its error body. */
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
}

/** A real app on a real SQLite file in a fresh temp folder. */
export function openTestApp(dir = tempDir()): TestApp {
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'test' });
  return {
    ...app,
    dir,
    async call(method, input) {
      const r = await dispatch(app.handlers, method, input);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { body: r.error });
      return r.value as never;
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

type Caller = Pick<TestApp, 'call'>;

/** Starts an import through the API and polls its progress until it ends; answers its final status. */
export async function runImport(a: Caller, input: ApiInput<'imports.commit'>): Promise<ApiOutput<'imports.status'>> {
  const { jobId } = await a.call('imports.commit', input);
  for (let i = 0; i < 2000; i++) {
    const s = await a.call('imports.status', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('import did not finish');
}
