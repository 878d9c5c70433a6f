/**
 * KID (kundeidentifikasjon), the Norwegian customer identification number a payer quotes so that
 * the payee's bank can match the payment: 2 to 25 characters, digits with a check character last,
 * computed as MOD10 (Luhn) or MOD11 as the payee's agreement with its bank says. The rules are the
 * banks' (Nets/Mastercard Payment Services, "KID - kundeidentifikasjon", and reference/rules.md):
 *
 * - MOD10: from the rightmost digit of the base leftwards, weights 2, 1, 2, 1, ...; a product above
 *   9 counts as the sum of its digits; the check digit makes the total a multiple of ten.
 * - MOD11: from the rightmost digit leftwards, weights 2, 3, 4, 5, 6, 7, 2, 3, ...; check =
 *   11 − (sum mod 11), where 11 becomes 0 and 10 becomes '-' (a hyphen is a valid last character).
 *
 * Tollgate issues its own KIDs with MOD10 (a check digit always exists); on input it accepts either
 * scheme, as a bank's KID validation for a payee that may hold both agreements does.
 */

export const KID_MIN_LENGTH = 2;
export const KID_MAX_LENGTH = 25;

function digitsOf(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0) - 48);
}

function assertBase(base: string): void {
  if (!/^\d+$/.test(base) || base.length > KID_MAX_LENGTH - 1) {
    throw new RangeError(`A KID base is 1 to ${KID_MAX_LENGTH - 1} digits`);
  }
}

/** The MOD10 (Luhn) check digit of `base`. */
export function mod10CheckDigit(base: string): string {
  assertBase(base);
  let sum = 0;
  const digits = digitsOf(base).reverse();
  for (let i = 0; i < digits.length; i++) {
    let d = (digits[i] ?? 0) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** The MOD11 check character of `base`: a digit, or '-' when the remainder leaves 10. */
export function mod11CheckDigit(base: string): string {
  assertBase(base);
  let sum = 0;
  const digits = digitsOf(base).reverse();
  for (let i = 0; i < digits.length; i++) sum += (digits[i] ?? 0) * (2 + (i % 6));
  const check = 11 - (sum % 11);
  return check === 11 ? '0' : check === 10 ? '-' : String(check);
}

/** `base` with its MOD10 check digit appended. */
export function kidMod10(base: string): string {
  return `${base}${mod10CheckDigit(base)}`;
}

/** `base` with its MOD11 check character appended (which may be '-'). */
export function kidMod11(base: string): string {
  return `${base}${mod11CheckDigit(base)}`;
}

const KID_SHAPE = new RegExp(`^\\d{${KID_MIN_LENGTH - 1},${KID_MAX_LENGTH - 1}}[\\d-]$`);

/** Which check scheme a KID satisfies, or null when it satisfies none (or is not KID-shaped). */
export function kidScheme(kid: string): 'MOD10' | 'MOD11' | null {
  if (!KID_SHAPE.test(kid)) return null;
  const base = kid.slice(0, -1);
  const last = kid.slice(-1);
  if (last !== '-' && mod10CheckDigit(base) === last) return 'MOD10';
  if (mod11CheckDigit(base) === last) return 'MOD11';
  return null;
}

/** True when the KID is 2 to 25 characters and its last one is a right MOD10 or MOD11 check. */
export function isValidKid(kid: string): boolean {
  return kidScheme(kid) !== null;
}
