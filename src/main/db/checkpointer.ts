import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SQLITE_MODULE } from './driver';

// Copying a large WAL back into the database (a checkpoint) takes ~0.4 s after a 50,000-row
// import. SQLite would do it inside the COMMIT, on the thread that answers every screen; a
// worker's own connection does it beside them instead (PASSIVE: never waits for, or blocks, a
// reader or the writer).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    // The main thread waits for this, so the file is whole and quiet once the app has closed.
    const closed = new Int32Array(workerData.closed);
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    process.exit(0);
  }
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { /* a busy writer: the next nudge tries again */ }
  parentPort.postMessage('done');
});
`;

/** SQLite's own threshold for an automatic checkpoint, in bytes of WAL (1,000 pages of 4 KB). */
const THRESHOLD_BYTES = 1000 * 4096;

export class Checkpointer {
  private worker: Worker | null = null;
  private readonly closed = new SharedArrayBuffer(4);
  private running = false;
  private again = false;

  constructor(private readonly file: string) {}

  /** After a commit: checkpoint in the worker if the WAL has grown past SQLite's own threshold. */
  nudge(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    let size: number;
    try {
      size = fs.statSync(`${this.file}-wal`).size;
    } catch {
      return;
    }
    if (size < THRESHOLD_BYTES) return;
    this.running = true;
    this.start().postMessage('checkpoint');
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const driver = createRequire(__filename).resolve(SQLITE_MODULE);
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver, closed: this.closed } });
    w.unref();
    w.on('message', () => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
    w.on('error', (e) => {
      console.error('[db] the checkpoint worker failed:', e);
      this.worker = null;
      this.running = false;
    });
    this.worker = w;
    return w;
  }

  /** Closes the worker's connection before returning (waiting out a checkpoint in progress). */
  close(): void {
    if (!this.worker) return;
    this.worker.postMessage('close');
    Atomics.wait(new Int32Array(this.closed), 0, 0, 10_000);
    this.worker = null;
  }
}
