/**
 * National Provider Identifier check (CMS NPI standard): 10 digits whose last digit is a Luhn
 * check digit computed over the first nine prefixed with the card-issuer constant 80840.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const body = '80840' + npi.slice(0, 9);
  return luhnCheckDigit(body) === Number(npi[9]);
}

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Double every second digit counting from the right of the body (the check digit is appended after).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Completes a 9-digit NPI body with its check digit (used by seed data and tests). */
export function npiWithCheckDigit(nineDigits: string): string {
  return nineDigits + String(luhnCheckDigit('80840' + nineDigits));
}
