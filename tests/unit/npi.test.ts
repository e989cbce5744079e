import { describe, expect, it } from 'vitest';
import { isValidNpi, npiWithCheckDigit } from '../../src/shared/npi';

describe('NPI check digit', () => {
  it('accepts the CMS example NPI 1234567893', () => {
    expect(isValidNpi('1234567893')).toBe(true);
  });
  it('rejects a single-digit typo and a transposition', () => {
    expect(isValidNpi('1234567894')).toBe(false);
    expect(isValidNpi('1234567839')).toBe(false);
  });
  it('rejects wrong lengths and non-digits', () => {
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678930')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
  });
  it('completes a nine-digit body into a valid NPI', () => {
    for (const body of ['100000000', '198765432', '155555555']) expect(isValidNpi(npiWithCheckDigit(body))).toBe(true);
  });
});
