import { describe, expect, it } from 'vitest';
import { Decimal, parseDecimalText, parseOpenDataDecimal } from '../../src/shared/decimal.js';

describe('exact decimals', () => {
  it('keeps products exact where floats are not', () => {
    expect(new Decimal('0.1').plus('0.2').eq('0.3')).toBe(true);
    expect(new Decimal('10.20').times('1234.56').div(100).toFixed()).toBe('125.92512');
  });

  it('parses the API notation and refuses exponents, commas and thousands separators', () => {
    expect(parseDecimalText('1234.50')?.toFixed()).toBe('1234.5');
    for (const bad of ['1e3', '1,5', '1 000', '.5', '01', 'abc', '']) expect(parseDecimalText(bad)).toBeNull();
  });

  it('parses the open-data notation with comma decimals', () => {
    expect(parseOpenDataDecimal('10,50')?.toFixed()).toBe('10.5');
    expect(parseOpenDataDecimal('100,80')?.toFixed()).toBe('100.8');
  });
});

describe('canonical decimal text', () => {
  it('drops trailing zeros and a bare point, and nothing else', async () => {
    const { canonicalDecimal } = await import('../../src/shared/decimal.js');
    expect(['12.500', '40.000', '0.000', '100', '10.05', '-1.10', '1000.0'].map(canonicalDecimal)).toEqual([
      '12.5',
      '40',
      '0',
      '100',
      '10.05',
      '-1.1',
      '1000',
    ]);
  });
});
