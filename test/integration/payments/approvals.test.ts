import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectionTermsBook,
  decideApproval,
  needsApproval,
  proposeApproval,
} from '../../../src/modules/payments/service.js';
import { InvalidStatus, SegregationOfDuties, ValidationFailed } from '../../../src/shared/errors.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

const at = new Date('2026-06-15T10:00:00Z');
const proposal = {
  kind: 'WRITE_OFF' as const,
  subject: 'receivable:1',
  amountOre: 2_500_000n,
  reason: 'Bankrupt estate closed without dividend',
  proposedBy: 'T1001',
  at,
};

describe("a second officer's approval", () => {
  it('is needed above the threshold in force, not at it', async () => {
    const terms = await collectionTermsBook(database.db);
    expect(needsApproval(terms, 1_000_000n, at)).toBe(false);
    expect(needsApproval(terms, 1_000_001n, at)).toBe(true);
  });

  it('refuses the proposer approving, changing nothing, and lets a second officer approve', async () => {
    const proposed = await database.db.transaction((tx) => proposeApproval(tx, proposal));
    expect(proposed).toMatchObject({ status: 'PROPOSED', proposedBy: 'T1001', decidedBy: null });
    // Proposing again while it is open returns the same approval.
    expect((await database.db.transaction((tx) => proposeApproval(tx, proposal))).id).toBe(proposed.id);

    const bySelf = database.db.transaction((tx) =>
      decideApproval(tx, { approvalId: proposed.id, officer: 'T1001', approve: true, at }),
    );
    await expect(bySelf).rejects.toBeInstanceOf(SegregationOfDuties);
    await expect(bySelf).rejects.toMatchObject({ code: 'SEGREGATION_OF_DUTIES' });

    const approved = await database.db.transaction((tx) =>
      decideApproval(tx, { approvalId: proposed.id, officer: 'T2002', approve: true, at }),
    );
    expect(approved).toMatchObject({ status: 'APPROVED', decidedBy: 'T2002', decidedAt: at });
    // The same decision again answers it as it stands; the other decision is refused.
    expect(
      (
        await database.db.transaction((tx) =>
          decideApproval(tx, { approvalId: proposed.id, officer: 'T2002', approve: true, at }),
        )
      ).status,
    ).toBe('APPROVED');
    await expect(
      database.db.transaction((tx) =>
        decideApproval(tx, { approvalId: proposed.id, officer: 'T3003', approve: false, at }),
      ),
    ).rejects.toBeInstanceOf(InvalidStatus);
  });

  it('is enforced by the table too: no row can be decided by its proposer', async () => {
    const proposed = await database.db.transaction((tx) =>
      proposeApproval(tx, { ...proposal, subject: 'receivable:2' }),
    );
    await expect(
      database.db.execute(
        sql`update approvals set status = 'APPROVED', decided_by = proposed_by, decided_at = now() where id = ${proposed.id}`,
      ),
    ).rejects.toThrow();
  });

  it('refuses a proposal without an amount or a reason', async () => {
    await expect(
      database.db.transaction((tx) => proposeApproval(tx, { ...proposal, subject: 'receivable:3', amountOre: 0n })),
    ).rejects.toBeInstanceOf(ValidationFailed);
    await expect(
      database.db.transaction((tx) => proposeApproval(tx, { ...proposal, subject: 'receivable:3', reason: ' ' })),
    ).rejects.toBeInstanceOf(ValidationFailed);
  });
});
