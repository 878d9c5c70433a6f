import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

const clock = fixedClock('2026-03-02T09:00:00Z');
let app: TestApp;
let token: string;

const OFFICES = ['NO351001', 'NO300001', 'NO105001'] as const;
const PROCEDURES = ['4000', '4071'] as const;
const AGENCIES = ['MATTILSYNET', 'POLICE'] as const;
/** Declaration i: office i mod 3, procedure i mod 2, cheese on every third, a hold of agency i mod 2 on every other. */
const COUNT = 12;

const PAGE = `
  query Page($first: Int) {
    declarations(first: $first) {
      edges { node {
        clientReference
        customsOffice { code name kind }
        procedureCode { code declarationType }
        goodsItems { commodityCode commodity { code displayCode } }
        holds { agency { code name } }
      } }
    }
  }
`;

beforeAll(async () => {
  app = await startTestApp({ clock });
  token = await app.token({ role: 'business', organisationNumber: ORG_A });
  for (let i = 0; i < COUNT; i++) {
    // Three days, so that the codes of the goods are read as in force on more than one date.
    clock.set(`2026-03-0${2 + (i % 3)}T09:${String(i).padStart(2, '0')}:00Z`);
    const items =
      i % 3 === 0
        ? [goodsItem(), goodsItem({ commodityCode: '04069099', supplementaryQuantity: null })]
        : [goodsItem()];
    const { body } = await app.graphql(
      SUBMIT,
      {
        input: importDeclaration({
          clientReference: `REF-OBJ-${i}`,
          customsOffice: OFFICES[i % 3],
          procedureCode: PROCEDURES[i % 2],
          goodsItems: items,
        }),
      },
      token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.submitDeclaration.__typename).toBe('SubmitDeclarationSuccess');
    if (i % 2 === 0) {
      await app.db.db.execute(sql`insert into declaration_holds (declaration_id, agency_code, reason, placed_at)
        select id, ${AGENCIES[(i / 2) % 2]}, 'test', now() from declarations where client_reference = ${`REF-OBJ-${i}`}`);
    }
  }
});
afterAll(() => app.close());

describe('a declaration names its reference rows as objects', () => {
  it('gives the customs office, procedure, commodity and hold agency each declaration names', async () => {
    const { body } = await app.graphql(PAGE, { first: COUNT }, token);
    expect(body.errors).toBeUndefined();
    const nodes = body.data.declarations.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toHaveLength(COUNT);
    for (const node of nodes) {
      const i = Number(node.clientReference.slice('REF-OBJ-'.length));
      expect(node.customsOffice.code).toBe(OFFICES[i % 3]);
      expect(node.procedureCode).toEqual({ code: PROCEDURES[i % 2], declarationType: 'IMPORT' });
      expect(node.goodsItems.map((g: { commodity: { displayCode: string } }) => g.commodity.displayCode)).toEqual(
        i % 3 === 0 ? ['6110.2000', '0406.9099'] : ['6110.2000'],
      );
      for (const g of node.goodsItems) expect(g.commodity.code).toBe(g.commodityCode);
      expect(node.holds.map((h: { agency: { code: string } }) => h.agency.code)).toEqual(
        i % 2 === 0 ? [AGENCIES[(i / 2) % 2]] : [],
      );
    }
    const gardermoen = nodes.find((n: { customsOffice: { code: string } }) => n.customsOffice.code === 'NO351001');
    expect(gardermoen.customsOffice).toEqual({ code: 'NO351001', name: 'Oslo lufthavn Gardermoen', kind: 'airport' });
  });

  it('reads each kind of reference row in one statement, for a page of 2 as for a page of 12', async () => {
    const count = async (first: number) => {
      app.db.clearStatements();
      const { body } = await app.graphql(PAGE, { first }, token);
      expect(body.data.declarations.edges).toHaveLength(first);
      return app.db.statements.length;
    };
    const small = await count(2);
    const large = await count(COUNT);
    expect(large).toBe(small);
    // page, goods items, holds; customs offices, procedures, commodity codes, agencies.
    expect(large).toBe(7);
  });
});
