/** Encodings a spreadsheet's CSV comes in: Excel on Windows saves Windows-1252 unless told otherwise. */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export const ENCODING_LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 / Latin-1 (Excel on Windows)',
};

export type Sniffed = { kind: 'text'; encoding: TextEncoding; text?: string } | { kind: 'not-text'; message: string };

const startsWith = (b: Uint8Array, ...sig: number[]) => sig.every((x, i) => b[i] === x);
const SAVE_AS_CSV = 'Open it in its program and save it as CSV (in Excel: File → Save As → CSV UTF-8), then choose that file.';

/**
 * What a chosen file is, from its bytes: a text encoding to read it with (a byte-order mark, else
 * UTF-8 if every byte sequence is valid UTF-8, else Windows-1252, which decodes any byte), or, for
 * a workbook, a PDF or any other binary file, what it looks like, in words.
 */
export function sniffFile(bytes: Uint8Array, keepText = false): Sniffed {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return { kind: 'not-text', message: `This looks like an Excel workbook (.xlsx), not a CSV file. ${SAVE_AS_CSV}` };
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return { kind: 'not-text', message: `This looks like an Excel 97–2003 workbook (.xls), not a CSV file. ${SAVE_AS_CSV}` };
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return { kind: 'not-text', message: 'This is a PDF, not a spreadsheet. Export the data as CSV from the program that made it.' };
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return { kind: 'text', encoding: 'utf-8' };
  if (startsWith(bytes, 0xff, 0xfe)) return { kind: 'text', encoding: 'utf-16le' };
  if (startsWith(bytes, 0xfe, 0xff)) return { kind: 'text', encoding: 'utf-16be' };
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) return { kind: 'not-text', message: `This is not a text file, so it cannot be read as CSV. ${SAVE_AS_CSV}` };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return keepText ? { kind: 'text', encoding: 'utf-8', text } : { kind: 'text', encoding: 'utf-8' };
  } catch {
    return { kind: 'text', encoding: 'windows-1252' };
  }
}

/**
 * The file's text and the encoding it was read in: the given one, else detected. Detection
 * already decodes a UTF-8 file in full to check it, so that text is kept rather than decoded twice.
 */
export function readText(bytes: Uint8Array, encoding?: TextEncoding): { text: string; detected: TextEncoding; encoding: TextEncoding } | Extract<Sniffed, { kind: 'not-text' }> {
  const sniffed = sniffFile(bytes, true);
  if (sniffed.kind === 'not-text') return sniffed;
  const chosen = encoding ?? sniffed.encoding;
  const text = chosen === sniffed.encoding && sniffed.text !== undefined ? sniffed.text : decodeText(bytes, chosen);
  return { text, detected: sniffed.encoding, encoding: chosen };
}

// Windows-1252's characters at 0x80–0x9F (where Latin-1 has control codes). Node's TextDecoder
// decodes 'windows-1252' as Latin-1 (nodejs/node#56542), browsers do not; mapping the range
// afterwards gives the same text in both.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** The file's text in the given encoding, without a byte-order mark. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  let text = new TextDecoder(encoding).decode(bytes);
  if (encoding === 'windows-1252') text = text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
