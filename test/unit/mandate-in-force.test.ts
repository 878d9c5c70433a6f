import { describe, expect, it } from 'vitest';
import type { Mandate } from '../../src/modules/mandates/model.js';
import { isInForce } from '../../src/modules/mandates/service.js';

const revokedAtTen: Mandate = {
  id: 1,
  grantorOrgnr: '310000000',
  grantorNationalId: null,
  representativeOrgnr: '310000019',
  kind: 'INDIRECT',
  validFrom: '2026-06-01',
  validTo: null,
  grantedAt: new Date('2026-06-01T07:00:00Z'),
  revokedAt: new Date('2026-06-10T08:00:00Z'),
};
// Granted to replace the first, from the same day on.
const grantedAtTen: Mandate = {
  ...revokedAtTen,
  id: 2,
  kind: 'DIRECT',
  validFrom: '2026-06-10',
  grantedAt: new Date('2026-06-10T08:00:00Z'),
  revokedAt: null,
};

describe('a mandate in force', () => {
  it('is one of a revoked mandate and its same-day replacement at any instant, never both', () => {
    const before = new Date('2026-06-10T07:00:00Z');
    const after = new Date('2026-06-10T09:00:00Z');
    expect([isInForce(revokedAtTen, before), isInForce(grantedAtTen, before)]).toEqual([true, false]);
    expect([isInForce(revokedAtTen, after), isInForce(grantedAtTen, after)]).toEqual([false, true]);
  });
});
