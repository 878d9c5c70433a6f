import { describe, expect, it } from 'vitest';
import { isValidKid, kidMod10, kidMod11, kidScheme, mod10CheckDigit, mod11CheckDigit } from '../../src/shared/kid.js';

describe('KID MOD10 (Luhn)', () => {
  it('computes the published examples', () => {
    // The Luhn algorithm's textbook example (ISO/IEC 7812-1, Annex B): 7992739871 → 3.
    expect(mod10CheckDigit('7992739871')).toBe('3');
    // The test card number payment providers publish: 4111 1111 1111 1111.
    expect(kidMod10('411111111111111')).toBe('4111111111111111');
    expect(kidMod10('1234567')).toBe('12345674');
  });

  it('validates, and catches a changed digit and a swap of neighbours', () => {
    expect(isValidKid('79927398713')).toBe(true);
    expect(kidScheme('79927398713')).toBe('MOD10');
    expect(isValidKid('79927398714')).toBe(false);
    expect(isValidKid('12345684')).toBe(false);
    expect(isValidKid('21345674')).toBe(false);
  });
});

describe('KID MOD11', () => {
  it('computes the published examples', () => {
    // Norwegian account numbers use the same MOD11 (weights 2..7 from the right): the banks'
    // published example account 8601.11.17947 has check digit 7.
    expect(mod11CheckDigit('8601111794')).toBe('7');
    expect(kidMod11('8601111794')).toBe('86011117947');
    // 9 × 2 = 18, 18 mod 11 = 7, 11 − 7 = 4
    expect(kidMod11('9')).toBe('94');
  });

  it('maps remainder 0 to 0 and remainder 1 to a hyphen', () => {
    // 11: 1×2 + 1×3 = 5 → 6; 0: 0 → 11 → 0; 6: 6×2 = 12, 12 mod 11 = 1 → 10 → hyphen
    expect(kidMod11('11')).toBe('116');
    expect(kidMod11('0')).toBe('00');
    expect(kidMod11('6')).toBe('6-');
    expect(kidMod11('5')).toBe('51');
    expect(isValidKid('6-')).toBe(true);
    expect(kidScheme('6-')).toBe('MOD11');
  });

  it('accepts a KID that is right under MOD11 only', () => {
    expect(mod10CheckDigit('8601111794')).not.toBe('7');
    expect(kidScheme('86011117947')).toBe('MOD11');
    expect(isValidKid('86011117948')).toBe(false);
  });
});

describe('KID shape', () => {
  it('is 2 to 25 characters, digits with a check character last', () => {
    expect(isValidKid('0')).toBe(false);
    expect(isValidKid(kidMod10('1'.repeat(24)))).toBe(true);
    expect(isValidKid(`${'1'.repeat(25)}1`)).toBe(false);
    for (const bad of ['', '-', '12-4', ' 12345674', '12345674 ', '1234567a', '１２'])
      expect(isValidKid(bad)).toBe(false);
  });

  it('refuses to compute a check for a base that is not digits or too long', () => {
    expect(() => kidMod10('12a')).toThrow(RangeError);
    expect(() => kidMod11('')).toThrow(RangeError);
    expect(() => kidMod10('1'.repeat(25))).toThrow(RangeError);
  });
});
