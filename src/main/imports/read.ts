import fs from 'node:fs';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { FileDescription, FileReading } from '../../shared/imports/contract';
import { decodeText, sniffFile } from '../../shared/imports/sniff';
import type { ImportFiles } from './files';
import { parseCsv, type ParsedCsv } from './parse';

export interface ReadTable {
  table: ParsedCsv;
  file: z.output<typeof FileDescription>;
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
  const bytes = await fs.promises.readFile(f.path);
  const sniffed = sniffFile(bytes);
  if (sniffed.kind === 'not-text') throw new AppError('invalid_input', sniffed.message);
  const encoding = reading.encoding ?? sniffed.encoding;
  return {
    table: parseCsv(decodeText(bytes, encoding)),
    file: { ...base, kind: 'text', encoding, detectedEncoding: sniffed.encoding, sheets: [], sheet: null },
  };
}
