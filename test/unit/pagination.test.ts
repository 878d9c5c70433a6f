import { describe, expect, it } from 'vitest';
import { DATE_PART, decodeCursor, encodeCursor, ID_PART, textPart } from '../../src/graphql/pagination.js';

describe('keyset cursors', () => {
  it('round-trip the key', () => {
    expect(decodeCursor(encodeCursor([42]), [ID_PART])).toEqual([42]);
    expect(decodeCursor(encodeCursor(['04069099', '2022-01-01']), [textPart(/^\d{8}$/), DATE_PART])).toEqual([
      '04069099',
      '2022-01-01',
    ]);
  });

  it('refuse cursors of another shape, of another connection or forged', () => {
    const shape = [textPart(/^\d{8}$/), DATE_PART];
    for (const forged of [
      encodeCursor([42]),
      'garbage',
      Buffer.from('k1:{"a":1}').toString('base64url'),
      encodeCursor(['04069099', '2022-13-01']),
      encodeCursor(["0406' or 1=1", '2022-01-01']),
    ]) {
      expect(() => decodeCursor(forged, shape)).toThrow(/cursor/);
    }
    // A declaration cursor carrying text instead of an id would reach the database as a bad value.
    expect(() => decodeCursor(encodeCursor(['01819012365']), [ID_PART])).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor([1.5]), [ID_PART])).toThrow(/cursor/);
  });
});
