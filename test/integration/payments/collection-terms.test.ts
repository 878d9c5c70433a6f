import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionTerm } from '../../../src/modules/payments/service.js';
import { collectionTermsBook, storeCollectionTerms, TermError } from '../../../src/modules/payments/service.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

describe('the terms of collection in the database', () => {
  it('are seeded with the reference data and read back as one book', async () => {
    const book = await collectionTermsBook(database.db);
    expect(book.on('2027-01-18').creditDueDay).toBe(18);
    expect(book.termOn('LATE_PAYMENT_INTEREST', '2025-02-01').source).toMatch(/FOR-2024-12-19-3279/);
  });

  it('load idempotently: a second load of the same file adds nothing', async () => {
    const file = JSON.parse(await readFile('data/reference/collection-terms.json', 'utf8')) as {
      terms: CollectionTerm[];
    };
    expect(await database.db.transaction((tx) => storeCollectionTerms(tx, file.terms))).toBe(0);
  });

  it('take a changed figure as a new row from its first day; the earlier row ends the day before', async () => {
    const fee: CollectionTerm = {
      kind: 'CREDIT_MONTHLY_FEE',
      validFrom: '2027-01-01',
      validTo: null,
      value: '150.00',
      source: 'test: a changed fee',
    };
    expect(await database.db.transaction((tx) => storeCollectionTerms(tx, [fee]))).toBe(1);
    const book = await collectionTermsBook(database.db);
    expect(book.on('2026-12-31').creditMonthlyFee).toBe(12_500n);
    expect(book.on('2027-01-01').creditMonthlyFee).toBe(15_000n);
  });

  it('refuse a file whose closed row overlaps the next, storing nothing of it', async () => {
    const closed: CollectionTerm = {
      kind: 'REMINDER_AFTER_DAYS',
      validFrom: '2028-01-01',
      validTo: '2028-12-31',
      value: '10',
      source: 'test',
    };
    const next: CollectionTerm = { ...closed, validFrom: '2028-06-01', validTo: null, value: '7' };
    await expect(database.db.transaction((tx) => storeCollectionTerms(tx, [closed, next]))).rejects.toThrow(TermError);
    expect((await collectionTermsBook(database.db)).on('2028-07-01').reminderAfterDays).toBe(14);
  });
});
