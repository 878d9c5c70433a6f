import type { TestApp } from './app.js';

const CREATE = `mutation Create($input: CreateRiskRuleInput!) { createRiskRule(input: $input) {
  __typename ... on CreateRiskRuleSuccess { rule { id } } } }`;

/**
 * One risk rule of each kind, created by an officer through the API, so that every rule type of
 * the schema has a row. Only the first sends anything to a control: goods of chapter 61 without a
 * Y900 document go to documentary control. The others weigh 1 each and decide no channel alone.
 */
export async function seedRiskRules(app: TestApp): Promise<string[]> {
  const officer = await app.token({ role: 'officer', employeeId: 'T9001' });
  const rules: Record<string, unknown>[] = [
    { parameters: { missingDocument: { chapters: ['61'], documentCode: 'Y900' } }, channel: 'DOCUMENTARY_CONTROL' },
    {
      parameters: { restrictedGoods: { chapters: ['93'], agency: 'POLICE', permitDocumentCode: 'X900' } },
      weight: 1,
    },
    { parameters: { countryRoute: { originCountries: ['FR'] } }, weight: 1 },
    { parameters: { lowUnitValue: { belowPercent: 30, minimumSample: 5 } }, weight: 1 },
    { parameters: { newImporter: { periodDays: 30 } }, weight: 1 },
    { parameters: { randomSelection: { perTenThousand: 10000, seed: 'fixture' } }, weight: 1 },
  ];
  const ids: string[] = [];
  for (const [i, rule] of rules.entries()) {
    const input = { terms: { name: `Fixture rule ${i + 1}`, reason: 'Test fixture', ...rule } };
    const { body } = await app.graphql(CREATE, { input }, officer);
    const id = body.data?.createRiskRule?.rule?.id;
    if (!id) throw new Error(`fixture rule failed: ${JSON.stringify(body)}`);
    ids.push(id as string);
  }
  return ids;
}
