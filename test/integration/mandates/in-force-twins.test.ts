import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inForceCondition, isInForce } from '../../../src/modules/mandates/in-force.js';
import { mandates } from '../../../src/modules/mandates/tables.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';

/**
 * "In force" is one list of terms read twice: as SQL (lists filtered by `inForce`, the mandates a
 * submission relies on) and in JavaScript (`Mandate.inForce`, the kind of representation of a
 * version). Both must answer alike at every instant, including around midnight in Oslo and the
 * very moment of a grant or a revocation.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

const base = {
  grantorOrgnr: '310000000',
  representativeOrgnr: '310000019',
  kind: 'DIRECT' as const,
  validFrom: '2026-06-10',
  validTo: null,
  grantedBy: '310000000',
  grantedAt: new Date('2026-06-01T07:00:00Z'),
  updatedAt: new Date('2026-06-01T07:00:00Z'),
};
const VARIANTS = [
  base,
  { ...base, validFrom: '2026-06-01', validTo: '2026-06-10' },
  { ...base, validFrom: '2026-06-10', validTo: '2026-06-10' },
  { ...base, validFrom: '2026-06-01', revokedAt: new Date('2026-06-10T08:00:00Z'), revokedBy: '310000000' },
  { ...base, grantedAt: new Date('2026-06-10T08:00:00Z') },
  { ...base, validFrom: '2026-06-11' },
];
// Oslo is two hours ahead of UTC in June: its 10 June runs from 2026-06-09T22:00Z.
const INSTANTS = [
  '2026-06-09T21:59:59.999Z',
  '2026-06-09T22:00:00.000Z',
  '2026-06-10T07:59:59.999Z',
  '2026-06-10T08:00:00.000Z',
  '2026-06-10T08:00:00.001Z',
  '2026-06-10T21:59:59.999Z',
  '2026-06-10T22:00:00.000Z',
  '2026-06-11T12:00:00.000Z',
].map((iso) => new Date(iso));

describe('a mandate in force, in SQL and in JavaScript', () => {
  it('is the same set of mandates at every instant', async () => {
    const rows = await db.db.insert(mandates).values(VARIANTS).returning();
    let inForceSomewhere = 0;
    for (const at of INSTANTS) {
      const bySql = (await db.db.select({ id: mandates.id }).from(mandates).where(inForceCondition(at)))
        .map((r) => r.id)
        .sort((a, b) => a - b);
      const byJs = rows
        .filter((m) => isInForce(m, at))
        .map((m) => m.id)
        .sort((a, b) => a - b);
      expect({ at: at.toISOString(), ids: bySql }).toEqual({ at: at.toISOString(), ids: byJs });
      inForceSomewhere += byJs.length;
    }
    // Not a comparison of empty sets: most variants are in force at some of these instants.
    expect(inForceSomewhere).toBeGreaterThan(INSTANTS.length);
  });
});
