import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/graphql/pagination.js';

describe('keyset cursors', () => {
  it('round-trip the key', () => {
    expect(decodeCursor(encodeCursor([42]), 1)).toEqual([42]);
    expect(decodeCursor(encodeCursor(['04069099', '2022-01-01']), 2)).toEqual(['04069099', '2022-01-01']);
  });

  it('refuse cursors of another shape, of another connection or forged', () => {
    for (const forged of [
      encodeCursor([42]),
      'garbage',
      Buffer.from('k1:{"a":1}').toString('base64url'),
      Buffer.from('k1:[1.5]').toString('base64url'),
    ]) {
      expect(() => decodeCursor(forged, 2)).toThrow(/cursor/);
    }
  });
});
