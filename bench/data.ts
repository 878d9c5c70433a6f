import type { BusinessPrincipal } from '../src/auth/principal.js';
import type { Database } from '../src/db/client.js';
import { toDraft } from '../src/modules/declarations/graphql/inputs.js';
import { submitDeclaration } from '../src/modules/declarations/service.js';
import { organisations } from '../src/modules/parties/tables.js';
import { Decimal } from '../src/shared/decimal.js';

export const BENCH_ORG = '310000000';
const OTHER_ORG = '310000019';

const d = (value: string) => new Decimal(value);

/** A declaration of `items` goods items, in the shape the API takes. */
export function benchDeclarationInput(reference: string, items: number) {
  return {
    type: 'IMPORT' as const,
    clientReference: reference,
    procedureCode: '4000',
    customsOffice: 'NO351001',
    transportMode: 'AIR' as const,
    countryOfDispatch: 'CN',
    countryOfDestination: 'NO',
    invoiceCurrency: 'USD',
    freight: d('250'),
    insurance: d('25'),
    importer: { organisationNumber: BENCH_ORG, name: 'Nordlys Import AS' },
    goodsItems: Array.from({ length: items }, (_, i) => ({
      // Clothing, computers and cheese: a food agency sees a third of the items.
      commodityCode: ['61102000', '84713000', '04069099'][i % 3] as string,
      description: `Bench goods line ${i + 1}`,
      countryOfOrigin: 'CN',
      netMass: d(`${10 + i}.5`),
      supplementaryQuantity: d(String(5 + i)),
      invoiceAmount: d(`${100 + i * 7}.25`),
    })),
  };
}

function business(organisationNumber: string): BusinessPrincipal {
  return { role: 'business', organisationNumber, subject: 'bench', scopes: new Set(), sandbox: true };
}

/**
 * The benchmark's data: `count` declarations of 20 items for the bench business, and as many for
 * another business, so that row scoping has rows to exclude.
 */
export async function seedBenchData(db: Database, count: number): Promise<string[]> {
  await db
    .insert(organisations)
    .values([
      { organisationNumber: BENCH_ORG, name: 'Nordlys Import AS', vatRegistered: true },
      { organisationNumber: OTHER_ORG, name: 'Fjordfrakt Tollagent AS', vatRegistered: true },
    ])
    .onConflictDoNothing();
  const clock = { now: () => new Date('2026-06-15T10:00:00Z') };
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    for (const org of [BENCH_ORG, OTHER_ORG]) {
      const { record } = await submitDeclaration(
        { db, clock, principal: business(org), agreement: null },
        toDraft(benchDeclarationInput(`BENCH-${org}-${i}`, 20)),
        ['input'],
      );
      if (org === BENCH_ORG) numbers.push(record.declaration.number);
    }
  }
  return numbers;
}
