import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { ImportFileInfo } from '../../shared/imports/contract';
import { createPrivateFolder, makePrivate } from '../privateFolder';

/** The national NPPES file is several GB; anything larger is not a spreadsheet anyone meant to choose. */
export const MAX_IMPORT_FILE_BYTES = 16 * 1024 ** 3;
/** Uploaded files kept at once: the one being imported, the one a target list reads, and one more. */
const KEPT_UPLOADS = 3;

interface ImportFile extends ImportFileInfo {
  path: string;
  /** an upload we wrote (deleted when no longer needed), as opposed to the user's own file chosen in Electron's dialog */
  owned: boolean;
}

/**
 * The files an import reads, by id: each is read from disk by every later step, so a file
 * travels to the main process once. Browser mode streams its upload into the data folder (private
 * like the database, since it holds the same kind of data); Electron's main process reads the path
 * its own open-file dialog gave. The renderer only ever holds the id.
 */
export class ImportFiles {
  private readonly files = new Map<string, ImportFile>();

  constructor(private readonly dir: string) {
    // Uploads of an earlier run: no job can read them any more.
    fs.rmSync(dir, { recursive: true, force: true });
  }

  /** Streams a body to a temp file; a body larger than the cap is cut off and nothing is kept. */
  async receive(body: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, name: string, maxBytes = MAX_IMPORT_FILE_BYTES): Promise<ImportFileInfo> {
    createPrivateFolder(this.dir);
    const fileId = newId();
    const file = path.join(this.dir, `${fileId}.upload`);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) done(new AppError('invalid_input', `That file is larger than ${Math.round(maxBytes / 1024 ** 3)} GB.`));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.from(body), counter, fs.createWriteStream(file, { mode: 0o600 }));
    } catch (e) {
      fs.rmSync(file, { force: true });
      if (e instanceof AppError) throw e;
      throw new AppError('invalid_input', 'The file did not arrive whole (the upload was interrupted). Choose it again.');
    }
    makePrivate(file);
    return this.keep({ fileId, name: cleanName(name), size, path: file, owned: true });
  }

  /** A file the user chose in Electron's own dialog: read where it is, never copied. */
  adopt(filePath: string): ImportFileInfo {
    const size = fs.statSync(filePath).size;
    return this.keep({ fileId: newId(), name: path.basename(filePath), size, path: filePath, owned: false });
  }

  get(fileId: string): ImportFile {
    const f = this.files.get(fileId);
    if (!f || !fs.existsSync(f.path)) throw new AppError('not_found', 'That file is no longer available to the app. Choose it again.');
    return f;
  }

  /** Removes every upload (the app is closing). */
  clear(): void {
    for (const f of this.files.values()) if (f.owned) fs.rmSync(f.path, { force: true });
    this.files.clear();
  }

  private keep(f: ImportFile): ImportFileInfo {
    this.files.set(f.fileId, f);
    const owned = [...this.files.values()].filter((x) => x.owned);
    for (const old of owned.slice(0, Math.max(0, owned.length - KEPT_UPLOADS))) {
      fs.rmSync(old.path, { force: true });
      this.files.delete(old.fileId);
    }
    return { fileId: f.fileId, name: f.name, size: f.size };
  }
}

/** A name to show, from whatever the browser sent: no folders, no control characters, not endless. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'file';
}
