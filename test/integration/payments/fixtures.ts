import { asc, eq, sql } from 'drizzle-orm';
import type { BusinessPrincipal } from '../../../src/auth/principal.js';
import { LIFECYCLE_HOOKS } from '../../../src/composition/lifecycle-hooks.js';
import { type Executor, rowsOf } from '../../../src/db/client.js';
import { declarationAssessor, RateBooks } from '../../../src/modules/assessment/service.js';
import { toDraft } from '../../../src/modules/declarations/graphql/inputs.js';
import type { ServiceContext } from '../../../src/modules/declarations/service.js';
import { receivableEvents, receivableLines, receivables } from '../../../src/modules/payments/tables.js';
import type { Clock } from '../../../src/shared/clock.js';
import { Decimal } from '../../../src/shared/decimal.js';
import { parseMoney } from '../../../src/shared/money.js';
import type { TestDatabase } from '../../helpers/database.js';

export function businessOf(organisationNumber: string): BusinessPrincipal {
  return {
    role: 'business',
    organisationNumber,
    subject: `payments-${organisationNumber}`,
    scopes: new Set(),
    sandbox: true,
  };
}

const rateBooks = new WeakMap<TestDatabase, RateBooks>();

/**
 * A declaration service context with the production lifecycle hooks (payments among them). The
 * rate books are one per database, as the server keeps them: preparing one costs seconds.
 */
export function serviceContext(database: TestDatabase, clock: Clock, organisationNumber: string): ServiceContext {
  let books = rateBooks.get(database);
  if (!books) {
    books = new RateBooks(database.db);
    rateBooks.set(database, books);
  }
  return {
    db: database.db,
    clock,
    assessor: declarationAssessor(books),
    lifecycleHooks: LIFECYCLE_HOOKS,
    principal: businessOf(organisationNumber),
    agreement: null,
  };
}

/**
 * An import of wool jumpers from China (customs duty payable) by `importer`; `invoiceAmount` in NOK
 * moves the duty. An importer not registered for VAT pays the VAT at the border too.
 */
export function importDraft(reference: string, invoiceAmount: string, importer: string) {
  return toDraft({
    type: 'IMPORT' as const,
    clientReference: reference,
    procedureCode: '4000',
    customsOffice: 'NO351001',
    transportMode: 'AIR' as const,
    countryOfDispatch: 'CN',
    countryOfDestination: 'NO',
    invoiceCurrency: 'NOK',
    importer: { organisationNumber: importer, name: 'Importer AS' },
    goodsItems: [
      {
        commodityCode: '61102000',
        description: 'Wool jumpers',
        countryOfOrigin: 'CN',
        netMass: new Decimal('12.5'),
        supplementaryQuantity: new Decimal('40'),
        invoiceAmount: new Decimal(invoiceAmount),
      },
    ],
  });
}

/** The payable amount stored with a version's assessment, in øre. */
export async function assessedPayable(db: Executor, declarationId: number, version: number): Promise<bigint> {
  const [row] = rowsOf<{ payable: string | null }>(
    await db.execute(
      sql`select payable::text as payable from assessments where declaration_id = ${declarationId} and version = ${version}`,
    ),
  );
  return row?.payable ? parseMoney(row.payable) : 0n;
}

export async function receivablesOf(db: Executor, declarationId: number) {
  return db.select().from(receivables).where(eq(receivables.declarationId, declarationId)).orderBy(asc(receivables.id));
}

export async function linesOf(db: Executor, receivableId: number) {
  return db.select().from(receivableLines).where(eq(receivableLines.receivableId, receivableId));
}

export async function eventsOf(db: Executor, receivableId: number) {
  return db
    .select()
    .from(receivableEvents)
    .where(eq(receivableEvents.receivableId, receivableId))
    .orderBy(asc(receivableEvents.id));
}

/** Every journal entry's sum of postings that is not zero (there should be none). */
export async function unbalancedEntries(db: Executor): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from (select entry_id from ledger_postings group by entry_id having sum(amount_ore) <> 0) u`,
    ),
  );
  return Number(rows[0]?.n);
}

/** The materialised balance of an account and the sum of its postings, as øre. */
export async function balanceAndPostings(db: Executor, key: string): Promise<[bigint, bigint]> {
  const rows = rowsOf<{ balance: string | null; posted: string | null }>(
    await db.execute(sql`
      select (select balance_ore::text from ledger_accounts where key = ${key}) as balance,
             (select coalesce(sum(p.amount_ore), 0)::text from ledger_postings p
                join ledger_accounts a on a.id = p.account_id where a.key = ${key}) as posted`),
  );
  return [BigInt(rows[0]?.balance ?? '0'), BigInt(rows[0]?.posted ?? '0')];
}
