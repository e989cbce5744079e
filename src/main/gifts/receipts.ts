import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, fieldError } from '../../shared/errors';
import { MAX_RECEIPT_BYTES, RECEIPT_EXTENSIONS } from '../../shared/gifts/receipts';
import { createPrivateFolder } from '../privateFolder';

export const RECEIPTS_DIR = 'receipts';

// The error names the input field that carried the file (gifts.log: receiptFileId, gifts.attachReceipt:
// fileId), so the form marks the field the user has to change; "receipt" named no field at all.
const invalid = fieldError;

/** What the file's first bytes say it is; the name's extension is not trusted. */
export function sniffReceipt(head: Buffer): string | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  const brand = head.subarray(4, 12).toString('latin1');
  if (brand === 'ftypheic' || brand === 'ftypheix' || brand === 'ftypmif1') return 'image/heic';
  return null;
}

export interface StoredReceipt {
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}

/**
 * Checks a chosen file and keeps a copy in the data folder under its hash (the same receipt chosen
 * twice is one file). Done before the entry's transaction: a file left by a refused entry is harmless.
 */
export function storeReceipt(dir: string, file: { path: string; name: string }, field: 'receiptFileId' | 'fileId' = 'receiptFileId'): StoredReceipt {
  const size = fs.statSync(file.path).size;
  if (size === 0) throw invalid(field, `${file.name} is empty.`);
  if (size > MAX_RECEIPT_BYTES) throw invalid(field, `${file.name} is ${(size / 1024 ** 2).toFixed(1)} MB; a receipt may be at most ${MAX_RECEIPT_BYTES / 1024 ** 2} MB. Scan it at a lower resolution.`);
  const bytes = fs.readFileSync(file.path);
  const mediaType = sniffReceipt(bytes.subarray(0, 16));
  if (!mediaType) throw invalid(field, `${file.name} is not a PDF or an image (JPEG, PNG, GIF, WebP, HEIC). Save the receipt as one of those.`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  createPrivateFolder(dir);
  const target = path.join(dir, fileFor(sha256, mediaType));
  if (!fs.existsSync(target)) {
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes, { mode: 0o600 });
    fs.renameSync(tmp, target);
  }
  return { fileName: file.name, mediaType, bytes: size, sha256 };
}


/** Named by content, with the extension the system's viewer needs to open it. */
function fileFor(sha256: string, mediaType: string): string {
  return `${sha256}.${RECEIPT_EXTENSIONS[mediaType] ?? 'bin'}`;
}

export function receiptPath(dir: string, sha256: string, mediaType: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('not_found', 'That receipt’s file is not in this data folder.');
  const p = path.join(dir, fileFor(sha256, mediaType));
  if (!fs.existsSync(p)) throw new AppError('not_found', 'That receipt’s file is not in this data folder (receipts added on another device stay on it).');
  return p;
}
