import fs from 'node:fs';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { FileDescription, FileReading } from '../../shared/imports/contract';
import { readText } from '../../shared/imports/sniff';
import type { ImportFiles } from './files';
import { parseCsv, tableFromRows, type ParsedCsv } from './parse';
import { listSheets, readSheet } from './workbook';

export interface ReadTable {
  table: ParsedCsv;
  file: z.output<typeof FileDescription>;
}

/** An .xlsx is a ZIP archive: its first four bytes say so whatever the file is called. */
async function looksLikeWorkbook(path: string): Promise<boolean> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await handle.close();
  }
}

/** Spreadsheet text held in memory at once; a bigger file is a registry extract, which target lists stream instead. */
const MAX_TABLE_BYTES = 512 * 1024 * 1024;

/**
 * A chosen file as a header row and records: a workbook's chosen sheet, or text in the detected
 * (or the user's) encoding with its delimiter detected. A file that is neither says what it is.
 */
export async function readTable(files: ImportFiles, reading: z.output<typeof FileReading>): Promise<ReadTable> {
  const f = files.get(reading.fileId);
  if (f.size > MAX_TABLE_BYTES) {
    throw new AppError('invalid_input', `That file is ${Math.round(f.size / 1024 ** 2)} MB, more than an import reads at once (512 MB). To pick offices from a registry file this size, use Target lists.`);
  }
  const base = { name: f.name, size: f.size };
  if (await looksLikeWorkbook(f.path)) {
    try {
      const sheets = await listSheets(f.path);
      const sheet = reading.sheet ?? sheets[0] ?? null;
      const rows = sheet === null ? [] : await readSheet(f.path, sheet);
      return { table: tableFromRows(rows), file: { ...base, kind: 'workbook', encoding: null, detectedEncoding: null, sheets, sheet } };
    } catch (e) {
      // The reader's messages are written for the user (damaged, too large, no such sheet).
      throw new AppError('invalid_input', (e as Error).message, undefined, { cause: e });
    }
  }
  const read = readText(await fs.promises.readFile(f.path), reading.encoding);
  if ('kind' in read) throw new AppError('invalid_input', read.message);
  return {
    table: parseCsv(read.text),
    file: { ...base, kind: 'text', encoding: read.encoding, detectedEncoding: read.detected, sheets: [], sheet: null },
  };
}
