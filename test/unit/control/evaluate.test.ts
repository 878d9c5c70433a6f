import { describe, expect, it } from 'vitest';
import type { RiskRuleEffect, RiskRuleParameters } from '../../../src/modules/control/model.js';
import {
  type ActiveRule,
  evaluateRisk,
  preparedGoods,
  type RiskFacts,
  randomDraw,
  statisticKey,
} from '../../../src/modules/control/risk/evaluate.js';
import { toDraft } from '../../../src/modules/declarations/graphql/inputs.js';
import { Decimal } from '../../../src/shared/decimal.js';

const DOCUMENTARY: RiskRuleEffect = { weight: null, channel: 'DOCUMENTARY_CONTROL' };

function rule(
  parameters: RiskRuleParameters,
  effect: RiskRuleEffect = DOCUMENTARY,
  restrictedOrigins?: string[],
): ActiveRule {
  return {
    ruleId: 1,
    version: 1,
    name: 'test',
    parameters,
    effect,
    restrictedOrigins: restrictedOrigins ? new Set(restrictedOrigins) : null,
    goods: preparedGoods(parameters),
  };
}

interface Item {
  code?: string;
  origin?: string;
  mass?: string;
  documents?: string[];
}

function facts(
  items: Item[],
  overrides: Partial<RiskFacts> & { dispatch?: string; values?: (bigint | null)[] } = {},
): RiskFacts {
  const draft = toDraft({
    type: 'IMPORT' as const,
    clientReference: 'RISK-1',
    procedureCode: '4000',
    customsOffice: 'NO351001',
    transportMode: 'AIR' as const,
    countryOfDispatch: overrides.dispatch ?? 'CN',
    countryOfDestination: 'NO',
    invoiceCurrency: 'NOK',
    importer: { organisationNumber: '310000000', name: 'Nordlys Import AS' },
    goodsItems: items.map((item) => ({
      commodityCode: item.code ?? '61102000',
      description: 'Goods',
      countryOfOrigin: item.origin ?? 'CN',
      netMass: new Decimal(item.mass ?? '10'),
      invoiceAmount: new Decimal('1000'),
      documents: (item.documents ?? []).map((code) => ({ code, reference: 'X-1' })),
    })),
  });
  return {
    declarationId: 42,
    type: 'IMPORT',
    draft,
    customsValuesOre: overrides.values ?? items.map(() => 100_000n),
    statistics: overrides.statistics ?? new Map(),
    importerFirstAcceptedAt: overrides.importerFirstAcceptedAt ?? null,
    at: new Date('2026-06-15T10:00:00Z'),
  };
}

const typical = (items: number, perKgOre: number) =>
  new Map([
    [statisticKey('61102000', 'CN'), { items, valueOre: new Decimal(perKgOre * 100), massKg: new Decimal(100) }],
  ]);

const restricted = (group: string | null): RiskRuleParameters => ({
  kind: 'RESTRICTED_GOODS',
  commodityCodes: [],
  chapters: ['61'],
  restrictionGroup: group,
  agency: 'MATTILSYNET',
  permitDocumentCode: 'X002',
});
const missingDocument: RiskRuleParameters = {
  kind: 'MISSING_DOCUMENT',
  commodityCodes: ['6110'],
  chapters: [],
  documentCode: 'Y900',
};
const lowValue: RiskRuleParameters = { kind: 'LOW_UNIT_VALUE', chapters: [], belowPercent: 30, minimumSample: 5 };
const route: RiskRuleParameters = { kind: 'COUNTRY_ROUTE', originCountries: ['CN'], dispatchCountries: ['TR'] };

describe('risk rule evaluation, each kind', () => {
  const cases: { name: string; rule: ActiveRule; facts: RiskFacts; fires: boolean; documents?: string[] }[] = [
    {
      name: 'restricted goods of the chapter',
      rule: rule(restricted(null)),
      facts: facts([{}]),
      fires: true,
      documents: ['X002'],
    },
    {
      name: 'restricted goods of another chapter',
      rule: rule(restricted(null)),
      facts: facts([{ code: '62014000' }]),
      fires: false,
    },
    {
      name: 'restricted goods from a member of the restriction group',
      rule: rule(restricted('RCN'), DOCUMENTARY, ['CN']),
      facts: facts([{ origin: 'CN' }]),
      fires: true,
      documents: ['X002'],
    },
    {
      name: 'restricted goods from outside the restriction group',
      rule: rule(restricted('RCN'), DOCUMENTARY, ['CN']),
      facts: facts([{ origin: 'VN' }]),
      fires: false,
    },
    {
      name: 'restricted goods with the permit: fires, asks nothing',
      rule: rule(restricted(null)),
      facts: facts([{ documents: ['X002'] }]),
      fires: true,
      documents: [],
    },
    {
      name: 'route: origin and dispatch listed',
      rule: rule(route),
      facts: facts([{}], { dispatch: 'TR' }),
      fires: true,
    },
    { name: 'route: dispatch not listed', rule: rule(route), facts: facts([{}], { dispatch: 'CN' }), fires: false },
    {
      name: 'route: origin not listed',
      rule: rule(route),
      facts: facts([{ origin: 'VN' }], { dispatch: 'TR' }),
      fires: false,
    },
    {
      name: 'unit value below the share of the typical one',
      rule: rule(lowValue),
      // 1,000 NOK for 10 kg = 100 NOK/kg against a typical 1,000 NOK/kg: 10 % < 30 %
      facts: facts([{}], { statistics: typical(5, 100_000) }),
      fires: true,
    },
    {
      name: 'unit value at the typical level',
      rule: rule(lowValue),
      facts: facts([{}], { statistics: typical(5, 10_000) }),
      fires: false,
    },
    {
      name: 'unit value low, but the sample too small',
      rule: rule(lowValue),
      facts: facts([{}], { statistics: typical(4, 100_000) }),
      fires: false,
    },
    {
      name: 'unit value of an item the rates could not assess',
      rule: rule(lowValue),
      facts: facts([{}], { statistics: typical(5, 100_000), values: [null] }),
      fires: false,
    },
    {
      name: 'new importer: first declaration',
      rule: rule({ kind: 'NEW_IMPORTER', periodDays: 30 }),
      facts: facts([{}]),
      fires: true,
    },
    {
      name: 'new importer: first declaration 10 days ago',
      rule: rule({ kind: 'NEW_IMPORTER', periodDays: 30 }),
      facts: facts([{}], { importerFirstAcceptedAt: new Date('2026-06-05T10:00:00Z') }),
      fires: true,
    },
    {
      name: 'new importer: first declaration 31 days ago',
      rule: rule({ kind: 'NEW_IMPORTER', periodDays: 30 }),
      facts: facts([{}], { importerFirstAcceptedAt: new Date('2026-05-15T09:00:00Z') }),
      fires: false,
    },
    { name: 'missing document', rule: rule(missingDocument), facts: facts([{}]), fires: true, documents: ['Y900'] },
    { name: 'document present', rule: rule(missingDocument), facts: facts([{ documents: ['Y900'] }]), fires: false },
    {
      name: 'random selection at 100 %',
      rule: rule({ kind: 'RANDOM_SELECTION', perTenThousand: 10_000, seed: 's' }),
      facts: facts([{}]),
      fires: true,
    },
    {
      name: 'random selection when the draw is above the rate',
      rule: rule({ kind: 'RANDOM_SELECTION', perTenThousand: randomDraw('s', 42), seed: 's' }),
      facts: facts([{}]),
      fires: false,
    },
    {
      name: 'random selection when the draw is below the rate',
      rule: rule({ kind: 'RANDOM_SELECTION', perTenThousand: randomDraw('s', 42) + 1, seed: 's' }),
      facts: facts([{}]),
      fires: true,
    },
  ];

  it.each(cases)('$name', ({ rule: r, facts: f, fires, documents }) => {
    const outcome = evaluateRisk([r], f);
    expect(outcome.fired.length).toBe(fires ? 1 : 0);
    expect(outcome.channel).toBe(fires ? 'DOCUMENTARY_CONTROL' : 'RELEASE');
    if (documents) expect(outcome.documentsRequested.map((d) => d.code)).toEqual(documents);
    expect(outcome.randomSample).toBe(fires && r.parameters.kind === 'RANDOM_SELECTION');
  });
});

describe('the score and the channel', () => {
  const weighted = (weight: number, id: number): ActiveRule => ({
    ...rule({ kind: 'NEW_IMPORTER', periodDays: 30 }, { weight, channel: null }),
    ruleId: id,
  });

  it('adds the weights of the rules that fired and sends by the thresholds', () => {
    expect(evaluateRisk([weighted(30, 1)], facts([{}]))).toMatchObject({ score: 30, channel: 'RELEASE' });
    expect(evaluateRisk([weighted(30, 1), weighted(20, 2)], facts([{}]))).toMatchObject({
      score: 50,
      channel: 'DOCUMENTARY_CONTROL',
    });
    expect(evaluateRisk([weighted(60, 1), weighted(40, 2)], facts([{}]))).toMatchObject({
      score: 100,
      channel: 'PHYSICAL_CONTROL',
    });
  });

  it('lets a direct channel and the score each raise the channel, the stricter winning', () => {
    const physical = { ...rule(missingDocument, { weight: null, channel: 'PHYSICAL_CONTROL' }), ruleId: 3 };
    expect(evaluateRisk([physical, weighted(10, 1)], facts([{}])).channel).toBe('PHYSICAL_CONTROL');
    const documentary = { ...rule(missingDocument), ruleId: 3 };
    expect(evaluateRisk([documentary, weighted(100, 1)], facts([{}])).channel).toBe('PHYSICAL_CONTROL');
  });

  it('asks for no document of a declaration it releases', () => {
    const light = rule(missingDocument, { weight: 10, channel: null });
    const outcome = evaluateRisk([light], facts([{}]));
    expect(outcome.fired).toHaveLength(1);
    expect(outcome.documentsRequested).toEqual([]);
  });

  it('draws the same declarations for the same seed, and about the rate of them', () => {
    expect(randomDraw('seed-a', 7)).toBe(randomDraw('seed-a', 7));
    let drawn = 0;
    for (let id = 1; id <= 10_000; id++) if (randomDraw('seed-a', id) < 500) drawn++;
    // 5 %: the binomial spread over 10,000 draws is about 22; 5 standard deviations either side.
    expect(drawn).toBeGreaterThan(390);
    expect(drawn).toBeLessThan(610);
  });
});
