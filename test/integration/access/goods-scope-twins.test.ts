import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../../src/auth/agreement.js';
import {
  ALL_GOODS,
  agreementGoods,
  type GoodsFacts,
  type GoodsScope,
  goodsCondition,
  goodsFilter,
  goodsScope,
  itemCondition,
  itemFilter,
  NO_GOODS,
} from '../../../src/auth/goods-scope.js';
import type { Principal } from '../../../src/auth/principal.js';
import { rowsOf } from '../../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';

/**
 * The goods scope's SQL conditions and its JavaScript filters come from one list of terms; this
 * checks that they answer alike, on every combination of null, empty and partial lists, over goods
 * that each term admits or not.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

const GOODS: readonly GoodsFacts[] = [
  { commodityCode: '04069099', originCountry: 'FR', procedureCode: '4000', declarationType: 'IMPORT' },
  { commodityCode: '04011000', originCountry: 'NO', procedureCode: '1000', declarationType: 'EXPORT' },
  { commodityCode: '61102000', originCountry: 'CN', procedureCode: '4000', declarationType: 'IMPORT' },
  { commodityCode: '93032000', originCountry: 'US', procedureCode: '4071', declarationType: 'IMPORT' },
  { commodityCode: '84713000', originCountry: 'FR', procedureCode: '1000', declarationType: 'EXPORT' },
];
const keyOf = (g: GoodsFacts) => `${g.commodityCode}/${g.originCountry}/${g.procedureCode}/${g.declarationType}`;

function scopes(): GoodsScope[] {
  const all: GoodsScope[] = [];
  for (const chapters of [null, [], ['04'], ['04', '93']])
    for (const originCountries of [null, [], ['FR']])
      for (const procedures of [null, [], ['4071'], ['4000', '1000']])
        for (const declarationTypes of [null, [], ['IMPORT']])
          all.push({ chapters, originCountries, procedures, declarationTypes });
  return all;
}

const goodsTable = sql`(values ${sql.join(
  GOODS.map((g) => sql`(${g.commodityCode}, ${g.originCountry}, ${g.procedureCode}, ${g.declarationType})`),
  sql`, `,
)}) as g(commodity_code, origin_country, procedure_code, declaration_type)`;
const columns = {
  commodityCode: sql`g.commodity_code`,
  originCountry: sql`g.origin_country`,
  procedureCode: sql`g.procedure_code`,
  declarationType: sql`g.declaration_type`,
};

async function selectedBySql(condition: ReturnType<typeof goodsCondition>): Promise<string[]> {
  const rows = rowsOf<{ key: string }>(
    await db.db.execute(
      sql`select g.commodity_code || '/' || g.origin_country || '/' || g.procedure_code || '/' || g.declaration_type as key
        from ${goodsTable} where ${condition ?? sql`true`}`,
    ),
  );
  return rows.map((r) => r.key).sort();
}

const selectedByJs = (filter: ((g: GoodsFacts) => boolean) | null) =>
  GOODS.filter((g) => !filter || filter(g))
    .map(keyOf)
    .sort();

describe('the goods scope in SQL and in JavaScript', () => {
  it('selects the same goods, for every combination of terms', async () => {
    const all = scopes();
    let partial = 0;
    for (const scope of all) {
      const bySql = await selectedBySql(goodsCondition(scope, columns));
      expect({ scope, goods: bySql }).toEqual({ scope, goods: selectedByJs(goodsFilter(scope)) });
      const itemsBySql = await selectedBySql(itemCondition(scope, columns));
      expect({ scope, goods: itemsBySql }).toEqual({ scope, goods: selectedByJs(itemFilter(scope)) });
      if (bySql.length > 0 && bySql.length < GOODS.length) partial++;
    }
    // The combinations reach both ends and the middle: the comparison is not of empty lists only.
    expect(await selectedBySql(goodsCondition(ALL_GOODS, columns))).toHaveLength(GOODS.length);
    expect(await selectedBySql(goodsCondition(NO_GOODS, columns))).toEqual([]);
    expect(partial).toBeGreaterThanOrEqual(20);
  });
});

const agreement = (terms: Omit<Partial<Agreement>, 'grants'> & { grants: string[] }): Agreement => ({
  id: 1,
  agencyCode: 'TEST',
  chapters: [],
  procedures: null,
  originCountries: null,
  personalData: false,
  validFrom: '2026-01-01',
  validTo: null,
  ...terms,
  grants: new Set(terms.grants),
});

describe("an agreement's goods", () => {
  it('reads an empty chapter list as all chapters, except under a grant to read by chapter', () => {
    expect(agreementGoods(agreement({ grants: ['read:declarations:all'], chapters: [] })).chapters).toBeNull();
    expect(agreementGoods(agreement({ grants: ['read:declarations:all'], chapters: ['93'] })).chapters).toBeNull();
    expect(agreementGoods(agreement({ grants: ['read:statistics'], chapters: [] })).chapters).toBeNull();
    expect(agreementGoods(agreement({ grants: ['read:statistics'], chapters: ['49', '71'] })).chapters).toEqual([
      '49',
      '71',
    ]);
    expect(agreementGoods(agreement({ grants: ['read:declarations:chapters'], chapters: [] })).chapters).toEqual([]);
    expect(
      agreementGoods(agreement({ grants: ['read:declarations:chapters', 'read:statistics'], chapters: ['04'] }))
        .chapters,
    ).toEqual(['04']);
  });

  it('keeps null origin and procedure lists as all and empty ones as none; imports only without read:exports', () => {
    const open = agreementGoods(agreement({ grants: ['read:declarations:all', 'read:exports'] }));
    expect(open).toEqual(ALL_GOODS);
    const closed = agreementGoods(
      agreement({ grants: ['read:declarations:all'], originCountries: [], procedures: [] }),
    );
    expect(closed).toEqual({ chapters: null, originCountries: [], procedures: [], declarationTypes: ['IMPORT'] });
  });

  it('is none without an agreement in force, all for the authority, none for anyone else', () => {
    const base = { subject: 's', scopes: new Set<string>(), sandbox: false };
    const as = (principal: Principal, a: Agreement | null = null) => goodsScope({ principal, agreement: a });
    expect(as({ ...base, role: 'agency', agencyCode: 'TEST' })).toEqual(NO_GOODS);
    expect(as({ ...base, role: 'officer', employeeId: 'E1' })).toEqual(ALL_GOODS);
    expect(as({ ...base, role: 'auditor', employeeId: 'E1' })).toEqual(ALL_GOODS);
    expect(as({ ...base, role: 'business', organisationNumber: '310000000' })).toEqual(NO_GOODS);
    expect(as({ role: 'public' })).toEqual(NO_GOODS);
  });
});
