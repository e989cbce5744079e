import { describe, expect, it } from 'vitest';
import { decodeText, sniffFile } from '../../src/shared/imports/sniff';
import { openTestApp } from '../helpers/tempApp';

const bytes = (b: Buffer | number[]) => new Uint8Array(b);

describe('files as people have them', () => {
  it.each([
    ['UTF-8 with a BOM', Buffer.from('\uFEFFName\nPeña', 'utf8'), 'utf-8'],
    ['UTF-8 without one', Buffer.from('Name\nPeña', 'utf8'), 'utf-8'],
    ['plain ASCII', Buffer.from('Name\nRiverside', 'latin1'), 'utf-8'],
    ['Windows-1252 (Excel on Windows)', Buffer.from('Name\nPeña – “Clínica”', 'latin1'), 'windows-1252'],
    ['UTF-16 with a BOM (Excel’s "Unicode text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tCity\nPeña\tSão Paulo', 'utf16le')]), 'utf-16le'],
  ] as const)('reads %s', (_label, raw, encoding) => {
    const s = sniffFile(bytes(raw));
    expect(s).toEqual({ kind: 'text', encoding });
    expect(decodeText(bytes(raw), encoding)).toContain(encoding === 'utf-8' && !raw.includes(0xc3) ? 'Name' : 'Peña');
  });

  it('decodes Windows-1252’s own characters (curly quotes, dashes), not Latin-1’s control codes', () => {
    const raw = bytes([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80]);
    expect(decodeText(raw, 'windows-1252')).toBe('“A” – €');
  });

  it.each([
    ['an Excel workbook', [0x50, 0x4b, 0x03, 0x04, 0, 0], /Excel workbook \(\.xlsx\)/],
    ['an old Excel workbook', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], /Excel 97–2003 workbook/],
    ['a PDF', [...Buffer.from('%PDF-1.7')], /This is a PDF/],
    ['a binary file', [0x00, 0x01, 0x02, 0x41], /This is not a text file/],
  ])('says what %s is instead of reading it', (_label, raw, message) => {
    const s = sniffFile(bytes(raw as number[]));
    expect(s.kind).toBe('not-text');
    expect(s.kind === 'not-text' && s.message).toMatch(message);
  });

  it('finds the delimiter: semicolons (European Excel) and tabs map like commas', async () => {
    const app = openTestApp();
    try {
      for (const sep of [';', '\t']) {
        const csv = ['Practice Name', 'City', 'Zip'].join(sep) + '\n' + ['Riverside, Family Medicine', 'Dayton', '45402'].join(sep);
        const p = await app.call('imports.preview', { csv });
        expect(p.mapping).toEqual(['name', 'city', 'zip']);
        expect(p.example).toEqual(['Riverside, Family Medicine', 'Dayton', '45402']);
      }
    } finally {
      app.close();
    }
  });

  it('keeps both of two columns with one header, and reports a row with more cells than the header', async () => {
    const app = openTestApp();
    try {
      const csv = ['Office name,Phone,Phone', 'Riverside,937-555-0101,937-555-0199', 'Lakeside,773-555-0100,,', 'Shifted, Inc,Dayton,937-555-0101', 'Short'].join('\n');
      const p = await app.call('imports.preview', { csv });
      expect(p.headers).toEqual(['Office name', 'Phone', 'Phone (2)']);
      expect(p.mapping).toEqual(['name', 'phone', null]);
      expect(p.errors).toEqual([{ row: 4, message: expect.stringMatching(/^This row has 4 cells but the header has 3 columns/) }]);
      // An empty trailing cell and a row that ends early are not problems.
      expect(p).toMatchObject({ rowCount: 4, newOffices: 3, errorCount: 1 });
    } finally {
      app.close();
    }
  });

  it('says a file with only its header row has no data rows', async () => {
    const app = openTestApp();
    try {
      await expect(app.call('imports.preview', { csv: 'Office name,City\r\n' })).rejects.toMatchObject({
        body: { code: 'invalid_input', message: 'The file has a header row but no data rows: there is nothing to import.' },
      });
    } finally {
      app.close();
    }
  });

  it('lists every problem of a row, and counts the rows with each problem', async () => {
    const app = openTestApp();
    try {
      const csv = [
        'Office name,Zip,Phone',
        'Bad Zip One,ABCDE,937-555-0101',
        'Bad Zip Two,12,937-555-0101',
        'Both Wrong,1,555',
        'Bad Phone,45402,555-01',
        'Fine,45402,937-555-0101',
      ].join('\n');
      const p = await app.call('imports.preview', { csv });
      expect(p.errors.find((e) => e.row === 4)?.message).toBe(
        'ZIP: A ZIP code is 5 digits (or ZIP+4: 12345-6789); Phone: Enter a 10-digit phone number, like (555) 555-0100 (an extension may follow: x204)',
      );
      expect(p.problemGroups).toEqual([
        { problem: 'ZIP: A ZIP code is 5 digits (or ZIP+4: 12345-6789)', rows: 3 },
        { problem: 'Phone: Enter a 10-digit phone number, like (555) 555-0100 (an extension may follow: x204)', rows: 2 },
      ]);
    } finally {
      app.close();
    }
  });
});
