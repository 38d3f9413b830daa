/**
 * Swedish organisationsnummer: ten digits, the last a Luhn (mod 10) check digit.
 * Accepts the common written forms "556677-8899" and "5566778899" (and a 12-digit form with
 * the "16" prefix) and normalises to ten digits.
 */
export function normaliseOrganisationNumber(input: string): string | null {
  const compact = input.trim().replace(/[\s-]/g, '');
  if (/^16\d{10}$/.test(compact)) return compact.slice(2);
  return /^\d{10}$/.test(compact) ? compact : null;
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type OrganisationNumberCheck =
  | { ok: true; value: string }
  | { ok: false; code: 'format' | 'checksum'; message: string };

export function checkOrganisationNumber(input: string): OrganisationNumberCheck {
  const value = normaliseOrganisationNumber(input);
  if (!value) {
    return {
      ok: false,
      code: 'format',
      message: 'Organisationsnumret ska ha tio siffror, till exempel 556677-8899.',
    };
  }
  if (!luhnValid(value)) {
    return {
      ok: false,
      code: 'checksum',
      message: 'Organisationsnumret stämmer inte: kontrollsiffran är fel. Kontrollera siffrorna.',
    };
  }
  return { ok: true, value };
}

/** Written form with the dash, as Bolagsverket shows it. */
export function formatOrganisationNumber(value: string): string {
  return `${value.slice(0, 6)}-${value.slice(6)}`;
}
