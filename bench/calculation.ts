import { type GraphQLSchema, getVariableValues, type OperationDefinitionNode, parse } from 'graphql';
import { assessDeclaration, assessPrivateImport } from '../src/modules/assessment/engine/index.js';
import { importInput } from '../src/modules/assessment/graphql/calculate.js';
import type { RateBooks } from '../src/modules/assessment/rate-book-cache.js';
import { assessGoods, type GoodsAssessment } from '../src/modules/assessment/service.js';

/**
 * Row (f): calculateImportDuties over HTTP against the engine alone, on the same goods and the
 * same output. The engine's figure is measured in the bench server's process before it serves
 * (same Node flags, nothing else running in it), on the rate book that process has cached and on
 * exactly the engine input the resolver builds from the request's variables; the HTTP request
 * asks for every field of the calculation, so that its response carries the whole assessment
 * the engine computed, not a part of it.
 */

/** A 100-item calculation over the seed tariff: clothing, food, drink and electronics from several origins. */
export function calculationInput(items: number) {
  const goods = [
    {
      commodityCode: '61102000',
      description: 'Knitted jumpers of cotton',
      countryOfOrigin: 'CN',
      netMass: '6',
      supplementaryQuantity: '20',
      invoiceAmount: '480.00',
    },
    {
      commodityCode: '04069099',
      description: 'Hard cheese',
      countryOfOrigin: 'FR',
      netMass: '12.5',
      invoiceAmount: '260.00',
    },
    {
      commodityCode: '22042100',
      description: 'Red wine in bottles',
      countryOfOrigin: 'IT',
      netMass: '10',
      supplementaryQuantity: '9',
      alcoholStrength: '13.5',
      invoiceAmount: '90.00',
    },
    {
      commodityCode: '84713000',
      description: 'Laptop computers',
      countryOfOrigin: 'CN',
      netMass: '4',
      supplementaryQuantity: '2',
      invoiceAmount: '1400.00',
    },
    {
      commodityCode: '62014000',
      description: 'Coats of man-made fibres',
      countryOfOrigin: 'DE',
      preferenceClaimed: 'TEF',
      netMass: '5',
      supplementaryQuantity: '5',
      invoiceAmount: '300.00',
    },
  ];
  return {
    importer: 'BUSINESS',
    invoiceCurrency: 'EUR',
    freight: { amount: '250', currency: 'EUR' },
    insurance: { amount: '30', currency: 'EUR' },
    goodsItems: Array.from({ length: items }, (_, i) => goods[i % goods.length]),
  };
}

export const CALCULATION_ITEMS = 100;

const EXCHANGE_RATE = 'id currency rate unit date validFrom validTo';
const MONEY = 'amount currency';

/**
 * Every field of the calculation: the response holds all that the engine's assessment holds. A
 * basis's `exchangeRates` is left out: with freight and insurance in the invoice currency it holds
 * only `exchangeRate`, and the estimate prices it as a list of 10 per line (with it, 100 items
 * would cost 25,136 or more, above the limit of 25,000).
 */
export const CALCULATE = `query Calculate($input: CalculateImportDutiesInput!) { calculateImportDuties(input: $input) { __typename
  ... on ImportDutyCalculation { kind receivedOn vatPayable exchangeRate { ${EXCHANGE_RATE} }
    totals { payable { ${MONEY} } vatToReport { ${MONEY} } total { ${MONEY} } byKind { kind amount { ${MONEY} } } }
    items { itemNumber commodityCode countryGroup lines { kind amount { ${MONEY} } charge payable basis {
      rule rates { table id value kind countryGroup validFrom validTo } baseAmount { ${MONEY} } quantity { value unit }
      exchangeRate { ${EXCHANGE_RATE} } explanation } } } }
  ... on ValidationFailed { problems { code path } } } }`;

/** What the answer over HTTP must say for the comparison to hold: the engine's totals and line count. */
export interface CalculationDigest {
  readonly payable: string;
  readonly total: string;
  readonly lines: number;
}

export function digestOf(assessment: GoodsAssessment): CalculationDigest {
  return {
    payable: assessment.totals.payable,
    total: assessment.totals.total,
    lines: assessment.items.reduce((sum, item) => sum + item.lines.length, 0),
  };
}

/** One round of the engine alone: its throughput over the round's clock time and its CPU time. */
export interface EngineRound {
  readonly itemsPerSecond: number;
  readonly cpuItemsPerSecond: number;
}

/**
 * The engine alone on the request of row (f): the variables coerced against the served schema
 * and turned into the engine's input by the resolver's own function, on the book the service
 * hands the resolver, warmed up. `round` assesses it again and again for the given time; the
 * bench runs such a round before each round of requests, so that the machine's load, which
 * changes from minute to minute on a shared machine, weighs on both sides of a ratio alike.
 */
export async function engineOnCalculation(
  schema: GraphQLSchema,
  rateBooks: RateBooks,
  today: string,
): Promise<{ digest: CalculationDigest; round: (ms: number) => EngineRound }> {
  const operation = parse(CALCULATE).definitions[0] as OperationDefinitionNode;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], {
    input: calculationInput(CALCULATION_ITEMS),
  });
  if (coerced.errors) throw new Error(`the calculation's variables do not coerce: ${coerced.errors[0]?.message}`);
  const input = importInput(coerced.coerced.input as Parameters<typeof importInput>[0], today);
  // Through the service once, as the resolver calls it: the book and the answer are the ones it gets.
  const first = await assessGoods(rateBooks, input);
  if (!first.ok) throw new Error(`the calculation is refused: ${JSON.stringify(first.problems.slice(0, 3))}`);
  const book = await rateBooks.current();
  const assess = () => (input.kind === 'IMPORT' ? assessDeclaration(book, input) : assessPrivateImport(book, input));
  for (let i = 0; i < 300; i++) assess();
  const round = (ms: number): EngineRound => {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const until = started + BigInt(ms) * 1_000_000n;
    let assessed = 0;
    while (process.hrtime.bigint() < until) {
      // In batches of 10, so that reading the clock costs nothing measurable.
      for (let i = 0; i < 10; i++) {
        if (!assess().ok) throw new Error('the calculation was refused in a round');
      }
      assessed += 10;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const items = assessed * CALCULATION_ITEMS;
    return {
      itemsPerSecond: Math.round(items / seconds),
      cpuItemsPerSecond: Math.round(items / ((used.user + used.system) / 1e6)),
    };
  };
  return { digest: digestOf(first.assessment), round };
}
