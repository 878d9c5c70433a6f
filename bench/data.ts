import type { BusinessPrincipal } from '../src/auth/principal.js';
import { LIFECYCLE_HOOKS } from '../src/composition/lifecycle-hooks.js';
import type { Database } from '../src/db/client.js';
import { declarationAssessor, RateBooks } from '../src/modules/assessment/service.js';
import { toDraft } from '../src/modules/declarations/graphql/inputs.js';
import { submitDeclaration } from '../src/modules/declarations/service.js';
import { grantMandate } from '../src/modules/mandates/service.js';
import { organisations } from '../src/modules/parties/tables.js';
import { Decimal } from '../src/shared/decimal.js';

export const BENCH_ORG = '310000000';
/** The business whose tens of thousands of declarations the deep-paging workload pages through. */
export const DEEP_ORG = '310000027';
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
    freight: { amount: d('250'), currency: 'USD' },
    insurance: { amount: d('25'), currency: 'USD' },
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
 * The benchmark's data: `count` declarations of 20 items for the bench business, and as many by
 * a customs broker declaring its goods under its mandate, so that row scoping has rows to exclude.
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
  await grantMandate(
    { db, clock, principal: business(BENCH_ORG) },
    { representative: OTHER_ORG, kind: 'INDIRECT', validFrom: null, validTo: null },
  );
  const numbers: string[] = [];
  const assessor = declarationAssessor(new RateBooks(db));
  for (let i = 0; i < count; i++) {
    for (const org of [BENCH_ORG, OTHER_ORG]) {
      const { record } = await submitDeclaration(
        { db, clock, assessor, lifecycleHooks: LIFECYCLE_HOOKS, principal: business(org), agreement: null },
        toDraft(benchDeclarationInput(`BENCH-${org}-${i}`, 20)),
        ['input'],
      );
      if (org === BENCH_ORG) numbers.push(record.declaration.number);
    }
  }
  return numbers;
}

type RawQuery = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** Tables that hold a declaration's rows, cloned with it. */
const DECLARATION_CHILDREN = ['declaration_versions', 'goods_items', 'declaration_events'];

/**
 * Makes `copies` copies of the bench business's declarations in SQL for DEEP_ORG, so that paging
 * has depth: a page near the end of tens of thousands of declarations must cost what the first
 * page costs. Another business owns them so that the other workloads read what they read before.
 * Seeding that many through the API would take minutes; copying rows takes seconds. Copies get new
 * ids, numbers and client references; their versions, goods items and status history are copied
 * with them. Returns the ids of DEEP_ORG's declarations, oldest first.
 */
export async function cloneBenchDeclarations(query: RawQuery, copies: number): Promise<number[]> {
  const columns = async (table: string) =>
    (
      await query(
        `select column_name, is_identity from information_schema.columns
          where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
        [table],
      )
    ).map((row) => ({ name: String(row.column_name), identity: row.is_identity === 'YES' }));

  // A plain table, not a temporary one: the statements below may run on different pool connections.
  await query(
    `create table bench_clone_map as
       select d.id as old_id, g as copy, nextval(pg_get_serial_sequence('declarations', 'id')) as new_id
         from declarations d cross join generate_series(1, $1::int) g
        where d.declarant_orgnr = $2
        order by g, d.id`,
    [copies, BENCH_ORG],
  );
  try {
    const moved = (column: string) => `case when d.${column} = '${BENCH_ORG}' then '${DEEP_ORG}' else d.${column} end`;
    const override: Record<string, string> = {
      id: 'm.new_id',
      declarant_orgnr: moved('declarant_orgnr'),
      party_orgnr: moved('party_orgnr'),
      represented_orgnr: moved('represented_orgnr'),
      number: `d.number || '-' || m.copy`,
      client_reference: `d.client_reference || '-' || m.copy`,
    };
    const own = await columns('declarations');
    await query(
      `insert into declarations (${own.map((c) => c.name).join(', ')}) overriding system value
         select ${own.map((c) => override[c.name] ?? `d.${c.name}`).join(', ')}
           from declarations d join bench_clone_map m on m.old_id = d.id`,
      [],
    );
    for (const table of DECLARATION_CHILDREN) {
      const copied = (await columns(table)).filter((c) => !c.identity);
      await query(
        `insert into ${table} (${copied.map((c) => c.name).join(', ')})
           select ${copied.map((c) => (c.name === 'declaration_id' ? 'm.new_id' : `t.${c.name}`)).join(', ')}
             from ${table} t join bench_clone_map m on m.old_id = t.declaration_id`,
        [],
      );
    }
    await query('analyze', []);
  } finally {
    await query('drop table bench_clone_map', []);
  }
  const rows = await query('select id from declarations where declarant_orgnr = $1 order by id', [DEEP_ORG]);
  return rows.map((row) => Number(row.id));
}
