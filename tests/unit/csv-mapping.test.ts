import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../src/shared/imports/fields';
import { parseCsv } from '../../src/main/imports/parse';
import { splitFullName } from '../../src/shared/domain/personName';

describe('CSV parsing', () => {
  it('reads UTF-8 with BOM, CRLF, quoted commas and quoted newlines', () => {
    const text = '\uFEFFOffice name,Notes,City\r\n"Smith, Jones & Partners","Line one\r\nline two",Dayton\r\nCafé Clinic,,Akron\r\n';
    const { headers, records } = parseCsv(text);
    expect(headers).toEqual(['Office name', 'Notes', 'City']);
    expect(records).toEqual([
      ['Smith, Jones & Partners', 'Line one\r\nline two', 'Dayton'],
      ['Café Clinic', '', 'Akron'],
    ]);
  });

  it('skips blank lines', () => {
    expect(parseCsv('Name\n\nA\n\n').records).toEqual([['A']]);
  });
});

describe('column mapping guess', () => {
  it('maps common spreadsheet headers and ignores unknown ones', () => {
    expect(guessMapping(['Practice Name', 'Street Address', 'Zip Code', 'Phone Number', 'Favourite colour', 'Provider NPI', 'First Name'])).toEqual([
      'name', 'address1', 'zip', 'phone', null, 'personNpi', 'personFirstName',
    ]);
  });
  it('never gives one field to two columns', () => {
    expect(guessMapping(['Name', 'Office name'])).toEqual(['name', null]);
  });
});

describe('full names', () => {
  it('splits title, names and credentials', () => {
    expect(splitFullName('Dr. Jane A. Smith, MD')).toEqual({ firstName: 'Jane A.', lastName: 'Smith', credentials: 'MD' });
    expect(splitFullName('Cher')).toEqual({ firstName: 'Cher', lastName: '', credentials: null });
  });
});
