/**
 * Norwegian identifiers and their check digits. Pure functions; the rules are in
 * reference/rules.md ("Identifiers").
 */

const ORGANISATION_NUMBER_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

function digitsOf(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0) - 48);
}

function mod11CheckDigit(digits: readonly number[], weights: readonly number[]): number | null {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  const check = 11 - remainder;
  return check === 10 ? null : check;
}

/** An organisation number (organisasjonsnummer): 9 digits, MOD11 check digit last. */
export function isValidOrganisationNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = digitsOf(value);
  return mod11CheckDigit(digits, ORGANISATION_NUMBER_WEIGHTS) === digits[8];
}

/** Completes 8 digits with their check digit, or returns null when no valid number exists. */
export function withOrganisationNumberCheckDigit(first8: string): string | null {
  if (!/^\d{8}$/.test(first8)) return null;
  const check = mod11CheckDigit(digitsOf(first8), ORGANISATION_NUMBER_WEIGHTS);
  return check === null ? null : `${first8}${check}`;
}

const NATIONAL_ID_FIRST_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const NATIONAL_ID_SECOND_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum;
}

/**
 * The date part of a national identity number is a real date, after the D-number (+40 on the
 * day) and synthetic test person (+80 on the month) offsets are taken off.
 */
function hasPlausibleBirthDate(digits: readonly number[]): boolean {
  let day = (digits[0] ?? 0) * 10 + (digits[1] ?? 0);
  let month = (digits[2] ?? 0) * 10 + (digits[3] ?? 0);
  if (day > 40) day -= 40;
  if (month > 80) month -= 80;
  else if (month > 40) month -= 40; // H-numbers (help numbers) add 40 to the month
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/**
 * A national identity number (fødselsnummer or D-number): 11 digits, two check digits.
 * Classic rule: the weighted sum of digits 1-9 plus the first check digit is divisible by 11.
 * From 2032 new numbers may leave a remainder of 1, 2 or 3 instead (more numbers per birth date);
 * numbers under both rules must be accepted, so any remainder from 0 to 3 passes. The second check digit
 * is MOD11 over the first ten digits under both rules.
 */
export function isValidNationalIdentityNumber(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const digits = digitsOf(value);
  if (!hasPlausibleBirthDate(digits)) return false;
  if (mod11CheckDigit(digits, NATIONAL_ID_SECOND_WEIGHTS) !== digits[10]) return false;
  const firstSum = weightedSum(digits, NATIONAL_ID_FIRST_WEIGHTS) + (digits[9] ?? 0);
  return firstSum % 11 <= 3;
}

/** Completes 9 digits of a national identity number with both classic check digits. */
export function withNationalIdentityCheckDigits(first9: string): string | null {
  if (!/^\d{9}$/.test(first9)) return null;
  const digits = digitsOf(first9);
  const k1 = mod11CheckDigit(digits, NATIONAL_ID_FIRST_WEIGHTS);
  if (k1 === null) return null;
  const k2 = mod11CheckDigit([...digits, k1], NATIONAL_ID_SECOND_WEIGHTS);
  if (k2 === null) return null;
  return `${first9}${k1}${k2}`;
}

/**
 * Masks a national identity number for display where the full number is not needed:
 * the birth date stays, the individual number and check digits do not.
 */
export function maskNationalIdentityNumber(value: string): string {
  return `${value.slice(0, 6)}*****`;
}
