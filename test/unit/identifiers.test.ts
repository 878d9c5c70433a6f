import { describe, expect, it } from 'vitest';
import {
  isValidNationalIdentityNumber,
  isValidOrganisationNumber,
  maskNationalIdentityNumber,
  withNationalIdentityCheckDigits,
  withOrganisationNumberCheckDigit,
} from '../../src/shared/identifiers.js';

describe('organisation numbers', () => {
  it('accepts numbers whose MOD11 check digit is right', () => {
    // The Brønnøysund Register Centre's own number, and synthetic test organisations.
    for (const valid of ['974760673', '310000000', '310000019', '310000108'])
      expect(isValidOrganisationNumber(valid)).toBe(true);
  });

  it('refuses a wrong check digit, wrong length and non-digits', () => {
    for (const invalid of ['974760674', '310000001', '31000000', '3100000000', '31000000a', '', ' 310000000']) {
      expect(isValidOrganisationNumber(invalid)).toBe(false);
    }
  });

  it('computes the check digit, and knows when none exists (remainder 10)', () => {
    // weights 3,2,7,6,5,4,3,2 over 3,1,0,0,0,0,0,0: 9 + 2 = 11, 11 mod 11 = 0 -> check 0
    expect(withOrganisationNumberCheckDigit('31000000')).toBe('310000000');
    // 3*3 + 1*2 + 6*2 = 23, 23 mod 11 = 1, 11 - 1 = 10 -> no valid number
    expect(withOrganisationNumberCheckDigit('31000006')).toBeNull();
  });
});

describe('national identity numbers', () => {
  it('accepts classic numbers, D-numbers and synthetic test persons', () => {
    expect(withNationalIdentityCheckDigits('010190123')).toBeNull(); // first check digit would be 10
    const classic = withNationalIdentityCheckDigits('010190124') ?? '';
    const dNumber = withNationalIdentityCheckDigits('410190124') ?? ''; // day + 40
    const synthetic = '01819012365'; // month + 80
    for (const valid of [classic, dNumber, synthetic]) expect(isValidNationalIdentityNumber(valid)).toBe(true);
  });

  it('refuses a bad second check digit, an impossible date and wrong length', () => {
    expect(isValidNationalIdentityNumber('01819012366')).toBe(false);
    expect(isValidNationalIdentityNumber('32019012365')).toBe(false);
    expect(isValidNationalIdentityNumber('0181901236')).toBe(false);
  });

  it('accepts the first check digit of the 2032 rule (remainder 1 to 3), not beyond', () => {
    // Build numbers whose first check digit leaves remainders 0..4 and fix the second digit.
    const base = '018190123';
    const weights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    const sum = weights.reduce((acc, w, i) => acc + w * Number(base[i]), 0);
    const results: Record<number, boolean> = {};
    for (let k1 = 0; k1 <= 9; k1++) {
      const remainder = (sum + k1) % 11;
      const first10 = `${base}${k1}`;
      const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
      const s2 = w2.reduce((acc, w, i) => acc + w * Number(first10[i]), 0);
      const k2 = (11 - (s2 % 11)) % 11;
      if (k2 === 10) continue;
      results[remainder] = isValidNationalIdentityNumber(`${first10}${k2}`);
    }
    for (const [remainder, valid] of Object.entries(results)) expect(valid).toBe(Number(remainder) <= 3);
  });

  it('masks all but the birth date', () => {
    expect(maskNationalIdentityNumber('01819012365')).toBe('018190*****');
  });
});
