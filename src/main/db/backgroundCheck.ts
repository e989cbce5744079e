import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SQLITE_MODULE } from './driver';

// Plain CommonJS, evaluated in a worker thread: a check of a large file takes a second or more
// and must not stall the requests the first screens make meanwhile.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let answer;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma(workerData.pragma + '(20)');
    const bad = rows.map((r) => Object.values(r)[0]).filter((v) => v !== 'ok');
    answer = { findings: bad.length ? bad.slice(0, 3).join('; ') : null };
  } finally {
    db.close();
  }
} catch (e) {
  const code = String((e && e.code) || '');
  // SQLite saying the file is damaged is a finding; anything else means the check could not run.
  answer = code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')
    ? { findings: String(e.message) }
    : { error: String((e && e.message) || e), code };
}
parentPort.postMessage(answer);
`;

/**
 * SQLite's quick_check (or the full integrity_check) of a file, on a read-only connection in a
 * worker thread. Resolves to null when the file is sound, else to SQLite's first findings; rejects
 * when the check could not run at all (which says nothing about the file).
 */
export function checkInBackground(file: string, pragma: 'quick_check' | 'integrity_check' = 'quick_check'): Promise<string | null> {
  const driver = createRequire(__filename).resolve(SQLITE_MODULE);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, pragma, driver } });
    worker.once('message', (answer: { findings: string | null } | { error: string; code: string }) => {
      if ('error' in answer) reject(Object.assign(new Error(`The database check could not run: ${answer.error}`), { code: answer.code }));
      else resolve(answer.findings);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The database check stopped unexpectedly (exit code ${code}).`));
    });
  });
}
