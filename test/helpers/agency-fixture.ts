import type { TestApp } from './app.js';
import { goodsItem, grantMandate, importDeclaration, ORG_A, ORG_B, PERSON, SUBMIT } from './factories.js';

/**
 * Declarations that different agencies see differently:
 * - cheeseAndSweaters (A): cheese (chapter 04) and pullovers (61): the Food Safety Authority sees only the cheese.
 * - shotgunForPerson (B for a person): a shotgun (93): the police see it, with the person's data.
 * - cheeseForPerson (B for a person): cheese (04) for a private importer: food safety sees it, not the person.
 * - laptops (A): laptops (84) invoiced in zloty, for which no exchange rate exists: no chapter agency above
 *   sees it, readers of all do, and it is accepted but not assessed.
 */
export interface AgencyFixture {
  cheeseAndSweaters: string;
  shotgunForPerson: string;
  cheeseForPerson: string;
  laptops: string;
}

export async function seedAgencyFixture(app: TestApp): Promise<AgencyFixture> {
  const a = await app.token({ role: 'business', organisationNumber: ORG_A });
  const b = await app.token({ role: 'business', organisationNumber: ORG_B });
  // B is the person's carrier, declaring their parcels under their mandate.
  await grantMandate(app, await app.token({ role: 'private', nationalIdentityNumber: PERSON }), ORG_B);
  const submit = async (token: string, input: Record<string, unknown>) => {
    const { body } = await app.graphql(SUBMIT, { input }, token);
    const number = body.data?.submitDeclaration?.declaration?.number;
    if (!number) throw new Error(`fixture submission failed: ${JSON.stringify(body)}`);
    return number as string;
  };
  const cheese = goodsItem({
    commodityCode: '04069099',
    description: 'Cheese',
    countryOfOrigin: 'FR',
    supplementaryQuantity: null,
  });
  const person = { nationalIdentityNumber: PERSON, name: 'Kari Nordmann', address: 'Fjellveien 4, 3800 Bø' };
  return {
    cheeseAndSweaters: await submit(
      a,
      importDeclaration({
        goodsItems: [
          goodsItem({ documents: [{ code: 'N380', reference: 'INV-2026-77', issuedOn: '2026-01-15' }] }),
          cheese,
        ],
      }),
    ),
    shotgunForPerson: await submit(
      b,
      importDeclaration({
        importer: person,
        countryOfDispatch: 'US',
        goodsItems: [
          goodsItem({
            commodityCode: '93032000',
            description: 'Shotgun',
            countryOfOrigin: 'US',
            supplementaryQuantity: '1',
          }),
        ],
      }),
    ),
    cheeseForPerson: await submit(b, importDeclaration({ importer: person, goodsItems: [cheese] })),
    laptops: await submit(
      a,
      importDeclaration({
        invoiceCurrency: 'PLN',
        goodsItems: [goodsItem({ commodityCode: '84713000', description: 'Laptops', supplementaryQuantity: '3' })],
      }),
    ),
  };
}
